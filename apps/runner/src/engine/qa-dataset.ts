// A split of a NExT-QA-layout folder (the reference file names, which `sparc synth` also writes) as
// host-side batches for HGA: clip features, QA token features and lengths, answers, types, keys.
import { existsSync } from 'node:fs';
import { checkVideoCoverage } from '../data/hdf5/check-video-coverage.js';
import { openHGAVideoFeatures, type HGAVideoFeatures } from '../data/hdf5/hga-video-features.js';
import { openQATokenFeatures, type QATokenFeatures } from '../data/hdf5/qa-token-features.js';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { syntheticSplitFiles, type SyntheticSplitFiles } from '../synth/synth-layout.js';

/** One batch in plain typed arrays (row-major), ready to become tensors. */
export interface HostBatch {
  readonly keys: readonly string[];
  readonly rows: readonly NextQARow[];
  /** [B, T, D] clip features. */
  readonly video: Float32Array;
  /** [B, C, L, W] QA token features. */
  readonly qa: Float32Array;
  /** [B, C] valid tokens per candidate. */
  readonly qaLengths: Int32Array;
  /** [B] correct candidate. */
  readonly answers: Int32Array;
}

/** An open split. */
export interface QADataset {
  readonly split: string;
  readonly files: SyntheticSplitFiles;
  readonly rows: readonly NextQARow[];
  readonly clips: number;
  readonly videoDim: number;
  readonly candidates: number;
  readonly tokens: number;
  readonly wordDim: number;
  /** The batch of the given row positions (0-based into `rows`). */
  batch(positions: readonly number[]): HostBatch;
  close(): void;
}

/** Options of `openQADataset`. */
export interface OpenQADatasetOptions {
  /** Read every feature into memory once (fast epochs; default: when the split is under `preloadLimitMB`). */
  readonly preload?: boolean;
  readonly preloadLimitMB?: number;
}

/**
 * Opens `<dir>/{split}.csv`, `vid_feat/app_mot_{split}.h5` and `qas_bert/bert_ft_{split}.h5`, checking that
 * they agree (QA rows = CSV rows, every CSV video in the feature file).
 * @throws DataError naming the file and what disagrees
 */
export async function openQADataset(dir: string, split: string, options: OpenQADatasetOptions = {}): Promise<QADataset> {
  const files = syntheticSplitFiles(dir, split);
  const annotations = readNextQACsv(files.annotations);
  const rows = annotations.rows;
  let video: HGAVideoFeatures | undefined;
  let qa: QATokenFeatures | undefined;
  try {
    video = await openHGAVideoFeatures(files.video);
    qa = await openQATokenFeatures(files.qa, { questions: rows.length });
    checkVideoCoverage(annotations.file, rows, [video]);
  } catch (error) {
    video?.close();
    qa?.close();
    throw error;
  }
  const v = video;
  const q = qa;
  const qaFloats = rows.length * q.candidates * q.tokens * q.dim;
  const videoIds = [...new Set(rows.map((r) => r.video))];
  const videoFloats = videoIds.length * v.clips * v.dim;
  const preload = options.preload ?? (qaFloats + videoFloats) * 4 < (options.preloadLimitMB ?? 512) * 2 ** 20;

  let readVideo = (ids: readonly string[]) => v.read(ids);
  let readQA = (positions: readonly number[]) => q.read(positions.map((p) => rows[p]!.row));
  if (preload) {
    const allVideo = v.read(videoIds);
    const videoAt = new Map(videoIds.map((id, i) => [id, i]));
    const per = v.clips * v.dim;
    readVideo = (ids) => {
      const out = new Float32Array(ids.length * per);
      ids.forEach((id, i) => out.set(allVideo.subarray(videoAt.get(id)! * per, (videoAt.get(id)! + 1) * per), i * per));
      return out;
    };
    const allQA = q.read(rows.map((r) => r.row));
    const qaPer = q.candidates * q.tokens * q.dim;
    readQA = (positions) => {
      const features = new Float32Array(positions.length * qaPer);
      const lengths = new Int32Array(positions.length * q.candidates);
      positions.forEach((p, i) => {
        features.set(allQA.features.subarray(p * qaPer, (p + 1) * qaPer), i * qaPer);
        lengths.set(allQA.lengths.subarray(p * q.candidates, (p + 1) * q.candidates), i * q.candidates);
      });
      return { features, lengths };
    };
  }
  return {
    split,
    files,
    rows,
    clips: v.clips,
    videoDim: v.dim,
    candidates: q.candidates,
    tokens: q.tokens,
    wordDim: q.dim,
    batch(positions) {
      const picked = positions.map((p) => {
        const row = rows[p];
        if (row === undefined) throw new RangeError(`QADataset.batch: position ${p} is outside 0..${rows.length - 1}`);
        return row;
      });
      const qaBatch = readQA(positions);
      return {
        keys: picked.map((r) => r.key),
        rows: picked,
        video: readVideo(picked.map((r) => r.video)),
        qa: qaBatch.features,
        qaLengths: qaBatch.lengths,
        answers: Int32Array.from(picked, (r) => r.answer),
      };
    },
    close() {
      v.close();
      q.close();
    },
  };
}

/** True when `<dir>` holds the files of `split`. */
export function hasSplit(dir: string, split: string): boolean {
  const f = syntheticSplitFiles(dir, split);
  return existsSync(f.annotations) && existsSync(f.video) && existsSync(f.qa);
}
