// Evaluates a training run's checkpoint on any split of its dataset (inference: the whole video, no
// teacher) and writes `<run>/predictions_<split>.json` in the official NExT-QA format.
import fs from 'node:fs';
import path from 'node:path';
import type { CliIO } from '../commands/command-context.js';
import { nextqaAccuracy, toAccuracyJson, type NextQAAccuracyJson } from '../eval/nextqa-accuracy.js';
import { createProgressBar } from '../progress/progress-bar.js';
import { loadCheckpoint, loadCheckpointWeights } from './checkpoint.js';
import { predictSplit, toPredictionFile } from './predict.js';
import { openQADataset } from './qa-dataset.js';
import { RunConfigMismatchError, createAdapterFor } from './train-run.js';
import { TRAIN_DEFAULTS, type TrainConfig } from './train-config.js';

/** A folder that is not a finished-enough training run. */
export class RunFolderError extends Error {
  override readonly name = 'RunFolderError';
  constructor(readonly folder: string, readonly problem: string) {
    super(`${folder}: ${problem}`);
  }
}

/** Reads `<run>/config.json`. @throws RunFolderError */
export function readRunConfig(runDir: string): Readonly<TrainConfig> {
  const file = path.join(runDir, 'config.json');
  if (!fs.existsSync(file)) throw new RunFolderError(runDir, 'no config.json: not a run folder written by sparc train');
  try {
    // Fields added to TrainConfig after the run was started take their defaults (the old behaviour).
    return { ...TRAIN_DEFAULTS, ...(JSON.parse(fs.readFileSync(file, 'utf8')) as { config: TrainConfig }).config };
  } catch (error) {
    throw new RunFolderError(file, `not valid JSON (${(error as Error).message})`);
  }
}

/** What {@link evaluateRun} returns. */
export interface RunEvaluation {
  readonly split: string;
  readonly predictionsFile: string;
  readonly accuracy: NextQAAccuracyJson;
  /** Epoch of the checkpoint evaluated (its loop position). */
  readonly epochsDone: number;
}

/**
 * Loads the run's checkpoint and evaluates it on `split` (default: the run's test split `test`).
 * @throws RunFolderError (no config or checkpoint), RunConfigMismatchError (checkpoint of another backbone), DataError
 */
export async function evaluateRun(options: { runDir: string; split?: string; batchSize?: number; io?: CliIO; dataset?: string }): Promise<RunEvaluation> {
  const runDir = path.resolve(options.runDir);
  const config = readRunConfig(runDir);
  const split = options.split ?? 'test';
  const checkpoint = loadCheckpoint(runDir);
  if (!checkpoint) throw new RunFolderError(runDir, 'no checkpoint yet: train first (sparc train ... --out this folder)');
  const data = await openQADataset(options.dataset ?? config.dataset, split, { backbone: config.backbone });
  const adapter = createAdapterFor(config, data);
  const backbone = adapter.backbone;
  try {
    if (checkpoint.backbone !== backbone.name) throw new RunConfigMismatchError(path.join(runDir, 'checkpoint'), 'backbone', checkpoint.backbone, backbone.name);
    loadCheckpointWeights(backbone, checkpoint, runDir);
    const bar = options.io ? createProgressBar(options.io, `eval ${split}`, data.rows.length, { unit: 'q' }) : null;
    const predictions = predictSplit(adapter, data, options.batchSize ?? 64, (done) => bar?.update(done));
    bar?.finish();
    const byKey = new Map(predictions.keys.map((k, i) => [k, predictions.predictions[i]!]));
    const accuracy = toAccuracyJson(nextqaAccuracy(data.rows, (row) => byKey.get(row.key) === row.answer));
    const predictionsFile = path.join(runDir, `predictions_${split}.json`);
    fs.writeFileSync(predictionsFile, JSON.stringify(toPredictionFile(predictions)) + '\n');
    return { split, predictionsFile, accuracy, epochsDone: checkpoint.position.epoch };
  } finally {
    backbone.dispose();
    data.close();
  }
}
