// Where a trained video model looks: the top-k frames of HGA's frameImportance, for the stored QA
// features (original wording) and for the swapped question re-encoded with the dataset's text encoder.
import fs from 'node:fs';
import path from 'node:path';
import { DataError, describeValue } from '../data/data-error.js';
import { loadCheckpoint } from '../engine/checkpoint.js';
import { openQADataset } from '../engine/qa-dataset.js';
import type { TrainConfig } from '../engine/train-config.js';
import { createBackboneFor } from '../engine/train-run.js';
import { hgaFrameImportance, topKFrames } from './hga-frame-importance.js';
import type { FocusSource } from './misfocus-probe.js';
import { openQAReencoder } from './qa-reencoder.js';

/** The backbone of a run is not wired into the probe yet. */
export class UnsupportedBackboneError extends Error {
  override readonly name = 'UnsupportedBackboneError';
  constructor(readonly file: string, readonly backbone: string) {
    super(`${file}: config.backbone is '${backbone}'; the misfocus probe of '${backbone}' checkpoints is not supported yet (HGA only, like the training engine)`);
  }
}

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
  if (json.config.backbone !== 'hga') throw new UnsupportedBackboneError(file, json.config.backbone);
  return json.config;
}

/**
 * Loads the run's HGA from its checkpoint and opens the split.
 * @throws UnsupportedBackboneError for a VGT run; DataError for a missing config/checkpoint, a dataset
 *   without synth.json, or QA sizes that differ from synth.json
 */
export async function openCheckpointFocusSource(options: CheckpointFocusOptions): Promise<ClosableFocusSource> {
  const config = readRunConfig(options.runDir);
  const reencoder = openQAReencoder(options.dataset);
  const data = await openQADataset(options.dataset, options.split);
  let backbone: ReturnType<typeof createBackboneFor> | undefined;
  try {
    if (data.tokens !== reencoder.tokens || data.wordDim !== reencoder.wordDim) {
      throw new DataError(data.files.qa, { dataset: 'feat' }, `[Q, C, ${reencoder.tokens}, ${reencoder.wordDim}] as synth.json says`, `[Q, C, ${data.tokens}, ${data.wordDim}]`);
    }
    if (options.topK > data.clips) throw new RangeError(`--top-k: expected at most ${data.clips} (the clips per video), got ${options.topK}`);
    const checkpoint = loadCheckpoint(path.resolve(options.runDir));
    if (checkpoint === undefined) throw new DataError(path.join(path.resolve(options.runDir), 'checkpoint'), { file: true }, 'a checkpoint written by `sparc train`', 'none');
    backbone = createBackboneFor(config, data);
    backbone.loadWeights(checkpoint.weights);
  } catch (error) {
    backbone?.dispose();
    data.close();
    throw error;
  }
  const model = backbone;
  const position = new Map(data.rows.map((r, i) => [r.key, i]));
  const view = `top-${options.topK}`;
  return {
    views: [view],
    description: `top-${options.topK} frames of HGA frameImportance (${path.basename(path.resolve(options.runDir))})`,
    async focus(items, wording) {
      const batch = data.batch(items.map((it) => position.get(it.row.key)!));
      const qa = wording === 'original' ? batch.qa : Float32Array.from(batch.qa);
      const qaLengths = wording === 'original' ? batch.qaLengths : Int32Array.from(batch.qaLengths);
      if (wording === 'swapped') items.forEach((it, i) => reencoder.encode(it.swapped, it.row.candidates, qa, qaLengths, i));
      const importance = hgaFrameImportance(model, { video: batch.video, qa, qaLengths }, {
        batch: items.length, clips: data.clips, videoDim: data.videoDim, candidates: data.candidates, tokens: data.tokens, wordDim: data.wordDim,
      });
      return importance.map((row) => ({ [view]: topKFrames(row, options.topK) }));
    },
    close() {
      model.dispose();
      data.close();
    },
  };
}
