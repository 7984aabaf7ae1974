// One training run of a reproduction or study: train (or resume) with a progress bar, then evaluate the
// final checkpoint on the test split.
import path from 'node:path';
import type { CliIO } from '../commands/command-context.js';
import { evaluateRun, type RunEvaluation } from '../engine/evaluate-run.js';
import { loadTeacherLookup } from '../engine/load-teacher-lookup.js';
import type { TrainConfig } from '../engine/train-config.js';
import { trainRun } from '../engine/train-run.js';
import { trainProgress } from '../progress/train-progress.js';
import { readGroundTruth } from '../synth/ground-truth.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import { datasetId } from '../teacher/dataset-id.js';

/** Trains `config` in `runDir` (resumable) and evaluates it on the test split. */
export async function trainAndEvaluate(options: { config: Readonly<TrainConfig>; runDir: string; label: string; environment: Readonly<Record<string, unknown>>; io: CliIO }): Promise<RunEvaluation> {
  const { config, io } = options;
  const frames = readGroundTruth(syntheticSplitFiles(config.dataset, config.trainSplit).groundTruth).frames;
  const teacher = config.teacher ? await loadTeacherLookup(path.resolve(config.teacher), frames, 5, datasetId(config.dataset), config.trainSplit) : undefined;
  const progress = trainProgress(io, `train ${options.label}`, '  ');
  await trainRun({
    config,
    runDir: options.runDir,
    ...(teacher ? { teacher } : {}),
    environment: options.environment,
    log: progress.log,
    onStep: progress.onStep,
  });
  progress.finish();
  return evaluateRun({ runDir: options.runDir, split: 'test', io });
}
