// Where a trained video model looks, for the stored QA features (original wording) and for the swapped
// question re-encoded with the dataset's text encoder: the top-k frames of its gradient x input frame
// importance (any backbone), and for HGA also of its co-attention frameImportance (the primary view).
import fs from 'node:fs';
import path from 'node:path';
import { DataError, describeValue } from '../data/data-error.js';
import { loadCheckpoint } from '../engine/checkpoint.js';
import { openQADataset } from '../engine/qa-dataset.js';
import type { TrainConfig } from '../engine/train-config.js';
import * as tf from '@tensorflow/tfjs';
import type { HGABackbone } from '@sparc-vqa/backbones';
import type { BackboneAdapter } from '../engine/backbone-adapter.js';
import { createAdapterFor } from '../engine/train-run.js';
import { gradientFrameImportance, importanceByFrame } from './gradient-frame-importance.js';
import { hgaFrameImportance, topKFrames } from './hga-frame-importance.js';
import type { FocusSource } from './misfocus-probe.js';
import { openQAReencoder } from './qa-reencoder.js';

/** Options of {@link openCheckpointFocusSource}. */
export interface CheckpointFocusOptions {
  /** A run folder written by `sparc train` (config.json, checkpoint/). */
  readonly runDir: string;
  /** The dataset folder probed (a `sparc synth` folder). */
  readonly dataset: string;
  readonly split: string;
  /** Frames compared per question: the k most attended. */
  readonly topK: number;
}

/** A focus source that owns a model and an open split: call `close()`. */
export type ClosableFocusSource = FocusSource & { close(): void };

function readRunConfig(runDir: string): TrainConfig {
  const file = path.join(path.resolve(runDir), 'config.json');
  if (!fs.existsSync(file)) throw new DataError(file, { file: true }, 'the config.json of a `sparc train` run folder', 'no such file');
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { config?: TrainConfig };
  if (json.config === undefined || typeof json.config.backbone !== 'string') throw new DataError(file, { key: 'config.backbone' }, "'hga' or 'vgt'", describeValue(json.config?.backbone));
  if (json.config.backbone !== 'hga' && json.config.backbone !== 'vgt') throw new DataError(file, { key: 'config.backbone' }, "'hga' or 'vgt'", describeValue(json.config.backbone));
  return json.config;
}

/** The name of the gradient view (`gradient top-k`); HGA's attention view is `top-k`. */
export function gradientView(topK: number): string {
  return `gradient top-${topK}`;
}

/**
 * Loads the run's backbone (HGA or VGT) from its checkpoint and opens the split. Views: HGA `top-k`
 * (co-attention, primary) and `gradient top-k`; VGT `gradient top-k` only.
 * @throws DataError for a missing config/checkpoint, a dataset without synth.json (or without the run's
 *   backbone features), or QA sizes that differ from synth.json
 */
export async function openCheckpointFocusSource(options: CheckpointFocusOptions): Promise<ClosableFocusSource> {
  const config = readRunConfig(options.runDir);
  const reencoder = openQAReencoder(options.dataset);
  const data = await openQADataset(options.dataset, options.split, { backbone: config.backbone });
  let adapter: BackboneAdapter | undefined;
  try {
    if (data.tokens !== reencoder.tokens || data.wordDim !== reencoder.wordDim) {
      throw new DataError(data.files.qa, { dataset: 'feat' }, `[Q, C, ${reencoder.tokens}, ${reencoder.wordDim}] as synth.json says`, `[Q, C, ${data.tokens}, ${data.wordDim}]`);
    }
    if (options.topK > data.clips) throw new RangeError(`--top-k: expected at most ${data.clips} (the clips per video), got ${options.topK}`);
    const checkpoint = loadCheckpoint(path.resolve(options.runDir));
    if (checkpoint === undefined) throw new DataError(path.join(path.resolve(options.runDir), 'checkpoint'), { file: true }, 'a checkpoint written by `sparc train`', 'none');
    adapter = createAdapterFor(config, data);
    adapter.backbone.loadWeights(checkpoint.weights);
  } catch (error) {
    adapter?.backbone.dispose();
    data.close();
    throw error;
  }
  const model = adapter;
  const isHGA = config.backbone === 'hga';
  const position = new Map(data.rows.map((r, i) => [r.key, i]));
  const attention = `top-${options.topK}`;
  const gradient = gradientView(options.topK);
  const run = path.basename(path.resolve(options.runDir));
  return {
    views: isHGA ? [attention, gradient] : [gradient],
    description: isHGA ? `top-${options.topK} frames of HGA frameImportance (${run})` : `top-${options.topK} frames of ${config.backbone.toUpperCase()} gradient x input frame importance (${run})`,
    async focus(items, wording) {
      const batch = data.batch(items.map((it) => position.get(it.row.key)!));
      const qa = wording === 'original' ? batch.qa : Float32Array.from(batch.qa);
      const qaLengths = wording === 'original' ? batch.qaLengths : Int32Array.from(batch.qaLengths);
      if (wording === 'swapped') items.forEach((it, i) => reencoder.encode(it.swapped, it.row.candidates, qa, qaLengths, i));
      const B = items.length;
      const importance = tf.tidy(() => gradientFrameImportance(model, model.video(batch), tf.tensor4d(qa, [B, data.candidates, data.tokens, data.wordDim]), tf.tensor2d(qaLengths, [B, data.candidates], 'int32')));
      const flat = importance.dataSync();
      importance.dispose();
      const K = model.frames;
      const byFrame = Array.from({ length: B }, (_, b) => importanceByFrame(flat.subarray(b * K, (b + 1) * K), model.teacherFrameOf, data.clips));
      const attended = isHGA
        ? hgaFrameImportance(model.backbone as unknown as HGABackbone, { video: batch.video, qa, qaLengths }, {
            batch: B, clips: data.clips, videoDim: data.videoDim, candidates: data.candidates, tokens: data.tokens, wordDim: data.wordDim,
          })
        : null;
      return byFrame.map((row, b) => ({ [gradient]: topKFrames(row, options.topK), ...(attended ? { [attention]: topKFrames(attended[b]!, options.topK) } : {}) }));
    },
    close() {
      model.backbone.dispose();
      data.close();
    },
  };
}
