// Per-epoch means of a run's step records (the training curves per epoch, next to the evaluations).
import { STEP_FIELDS, type EpochMeans, type StepRecord } from './report-data.js';

/**
 * Groups the step records by epoch (in epoch order) and averages every field over the steps of the
 * epoch that have it. Each step counts once: metrics.jsonl does not record batch sizes, so an epoch's
 * smaller last batch weighs as much as a full one. A field no step of the epoch has is null.
 *
 * @example
 * aggregateEpochs([{ epoch: 1, step: 1, loss: 2, ... }, { epoch: 1, step: 2, loss: 1, ... }])
 * // [{ epoch: 1, steps: 2, lastStep: 2, loss: 1.5, ... }]
 */
export function aggregateEpochs(steps: readonly StepRecord[]): EpochMeans[] {
  const byEpoch = new Map<number, StepRecord[]>();
  for (const s of steps) {
    const list = byEpoch.get(s.epoch) ?? [];
    list.push(s);
    byEpoch.set(s.epoch, list);
  }
  return [...byEpoch.keys()]
    .sort((a, b) => a - b)
    .map((epoch) => {
      const list = byEpoch.get(epoch)!;
      const means = Object.fromEntries(
        STEP_FIELDS.map((field) => {
          const values = list.map((s) => s[field]).filter((v): v is number => v !== null);
          return [field, values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length];
        }),
      );
      return { epoch, steps: list.length, lastStep: Math.max(...list.map((s) => s.step)), ...means } as EpochMeans;
    });
}
