// A split of a NExT-QA-layout folder (the reference file names, which `sparc synth` also writes) as
// host-side batches for HGA or VGT: the backbone's video inputs, QA token features and lengths, answers,
// types, keys.
import { existsSync } from 'node:fs';
import { openQATokenFeatures, type QATokenFeatures } from '../data/hdf5/qa-token-features.js';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { syntheticSplitFiles, type SyntheticSplitFiles } from '../synth/synth-layout.js';
import { openVideoInputs, preloadVideoInputs, type BackboneName, type VideoInputs } from './video-inputs.js';

/** One batch in plain typed arrays (row-major), ready to become tensors. */
export interface HostBatch {
  readonly keys: readonly string[];
  readonly rows: readonly NextQARow[];
  /**
   * The backbone's video inputs, each [B, ...QADataset.videoShapes[i]]: HGA [clip features [B, T, D]],
   * VGT [regions [B, clips, frames, R, F + 5], frames [B, clips, frames, F]].
   */
  readonly videos: readonly Float32Array[];
  /** `videos[0]`: HGA's clip features [B, T, D] (VGT: the regions). */
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
  readonly backbone: BackboneName;
  readonly files: SyntheticSplitFiles;
  readonly rows: readonly NextQARow[];
  /** Time steps per video = teacher frames (HGA's clips; see VideoInputs.steps for VGT). */
  readonly clips: number;
  /** Per-sample shape of each entry of `HostBatch.videos`. */
  readonly videoShapes: readonly (readonly number[])[];
  /** The last axis of `HostBatch.video`: HGA's clip feature size D (VGT: F + 5). */
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
  /** Whose video inputs to read (default 'hga'). */
  readonly backbone?: BackboneName;
  /** Read every feature into memory once (fast epochs; default: when the split is under `preloadLimitMB`). */
  readonly preload?: boolean;
  readonly preloadLimitMB?: number;
}

/**
 * Opens `<dir>/{split}.csv`, the backbone's video features (HGA `vid_feat/app_mot_{split}.h5`; VGT
 * `region_feat_n/acregion_8c20b_{split}.h5` and `frame_feat/app_feat_{split}.h5`) and
 * `qas_bert/bert_ft_{split}.h5`, checking that they agree (QA rows = CSV rows, every CSV video in every
 * feature file).
 * @throws DataError naming the file and what disagrees
 */
export async function openQADataset(dir: string, split: string, options: OpenQADatasetOptions = {}): Promise<QADataset> {
  const backbone = options.backbone ?? 'hga';
  const files = syntheticSplitFiles(dir, split);
  const annotations = readNextQACsv(files.annotations);
  const rows = annotations.rows;
  let video: VideoInputs | undefined;
  let qa: QATokenFeatures | undefined;
  try {
    video = await openVideoInputs(backbone, files, annotations.file, rows);
    qa = await openQATokenFeatures(files.qa, { questions: rows.length });
  } catch (error) {
    video?.close();
    qa?.close();
    throw error;
  }
  let v = video;
  const q = qa;
  const qaFloats = rows.length * q.candidates * q.tokens * q.dim;
  const preload = options.preload ?? (qaFloats + v.floats(rows)) * 4 < (options.preloadLimitMB ?? 512) * 2 ** 20;

  let readQA = (positions: readonly number[]) => q.read(positions.map((p) => rows[p]!.row));
  if (preload) {
    v = preloadVideoInputs(v, rows);
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
  const source = v;
  return {
    split,
    backbone,
    files,
    rows,
    clips: source.steps,
    videoShapes: source.shapes,
    videoDim: source.shapes[0]![source.shapes[0]!.length - 1]!,
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
      const videos = source.read(picked);
      return {
        keys: picked.map((r) => r.key),
        rows: picked,
        videos,
        video: videos[0]!,
        qa: qaBatch.features,
        qaLengths: qaBatch.lengths,
        answers: Int32Array.from(picked, (r) => r.answer),
      };
    },
    close() {
      source.close();
      q.close();
    },
  };
}

/** True when `<dir>` holds the files of `split` (for `backbone`, default HGA). */
export function hasSplit(dir: string, split: string, backbone: BackboneName = 'hga'): boolean {
  const f = syntheticSplitFiles(dir, split);
  const video = backbone === 'hga' ? [f.video] : [f.vgtRegions, f.vgtFrames];
  return [f.annotations, f.qa, ...video].every((file) => existsSync(file));
}
