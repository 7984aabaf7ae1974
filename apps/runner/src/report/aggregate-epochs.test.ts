import { describe, expect, it } from 'vitest';
import { aggregateEpochs } from './aggregate-epochs.js';
import { parseMetricsJsonl } from './read-metrics-jsonl.js';
import { BASELINE_LINES, SPARC_LINES, stepLine } from './testing/write-report-fixtures.js';

const steps = (records: readonly Record<string, unknown>[]) => parseMetricsJsonl(records.map((r) => JSON.stringify(r)).join('\n'), 'm.jsonl').steps;

describe('aggregateEpochs', () => {
  it('averages each field over the steps of an epoch (each step counts once)', () => {
    const [e1, e2] = aggregateEpochs(steps(BASELINE_LINES));
    // epoch 1: loss (2 + 1) / 2 = 1.5, accuracy (.25 + .5) / 2 = .375; epoch 2: the one step.
    expect(e1).toMatchObject({ epoch: 1, steps: 2, lastStep: 2, loss: 1.5, whole: 1.5, accuracy: 0.375, guided: null });
    expect(e2).toMatchObject({ epoch: 2, steps: 1, lastStep: 3, loss: 0.6, accuracy: 0.75 });
  });

  it('every SpARC term: guided (1.5 + 1) / 2, consistency (.5 + .25) / 2, frames kept (2 + 3) / 2', () => {
    const [e1] = aggregateEpochs(steps(SPARC_LINES));
    expect(e1!.guided).toBeCloseTo(1.25, 12);
    expect(e1!.consistency).toBeCloseTo(0.375, 12);
    expect(e1!.spatial).toBeCloseTo(0.875, 12);
    expect(e1!.framesKept).toBeCloseTo(2.5, 12);
    expect(e1!.fallbackRate).toBeCloseTo(0.25, 12);
    expect(e1!.whole).toBeNull();
  });

  it('orders epochs, and averages a field only over the steps that have it', () => {
    const out = aggregateEpochs(steps([stepLine(2, 3, { loss: 4 }), stepLine(1, 1, { loss: 1, guided: 3 }), stepLine(1, 2, { loss: 2 })]));
    expect(out.map((e) => e.epoch)).toEqual([1, 2]);
    expect(out[0]!.guided).toBe(3);
    expect(out[0]!.loss).toBe(1.5);
    expect(aggregateEpochs([])).toEqual([]);
  });
});
