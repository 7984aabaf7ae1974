// The progress display of a training run: a bar over all steps (loss, accuracy, rate, ETA) that gives
// way to the run's own lines (per-epoch evaluation, resume notices) and starts again after them.
import type { CliIO } from '../commands/command-context.js';
import { createProgressBar, type ProgressBar } from './progress-bar.js';

/** `log` and `onStep` callbacks for `trainRun`, and `finish` to close the last bar. */
export interface TrainProgress {
  readonly log: (line: string) => void;
  readonly onStep: (done: number, total: number, detail: string) => void;
  readonly finish: () => void;
}

export function trainProgress(io: CliIO, label: string, indent = ''): TrainProgress {
  let bar: ProgressBar | null = null;
  return {
    log: (line) => {
      bar?.finish();
      bar = null;
      io.out(`${indent}${line}`);
    },
    onStep: (done, total, detail) => {
      // A bar starts after the step that created it: its rate counts only steps it timed.
      bar ??= createProgressBar(io, `${indent}${label}`, total, { unit: 'steps', startAt: done });
      bar.update(done, detail);
    },
    finish: () => {
      bar?.finish();
      bar = null;
    },
  };
}
