// One training run of a reproduction or study: train (or resume) with a progress bar, then evaluate the
// final checkpoint on the test split.
import type { CliIO } from '../commands/command-context.js';
import { evaluateRun, type RunEvaluation } from '../engine/evaluate-run.js';
import { openTeacherFor } from '../engine/open-teacher-for.js';
import type { TrainConfig } from '../engine/train-config.js';
import { trainRun } from '../engine/train-run.js';
import { trainProgress } from '../progress/train-progress.js';

/** Trains `config` in `runDir` (resumable) and evaluates it on the test split. */
export async function trainAndEvaluate(options: { config: Readonly<TrainConfig>; runDir: string; label: string; environment: Readonly<Record<string, unknown>>; io: CliIO }): Promise<RunEvaluation> {
  const { config, io } = options;
  const teacher = await openTeacherFor(config);
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
