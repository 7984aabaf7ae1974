import { describe, expect, it } from 'vitest';
import { trainProgress } from './train-progress.js';

describe('trainProgress', () => {
  it("closes the bar before a run's own line and starts a new one after it (plain lines)", () => {
    const out: string[] = [];
    const p = trainProgress({ out: (l) => out.push(l), err: () => {} }, 'train', '  ');
    p.onStep(1, 4, 'epoch 1/2 loss 1.6');
    p.onStep(2, 4, 'epoch 1/2 loss 1.5');
    p.log('eval epoch 1: val accuracy 30.00%');
    p.onStep(3, 4, 'epoch 2/2 loss 1.4');
    p.onStep(4, 4, 'epoch 2/2 loss 1.3');
    p.finish();
    // A bar times the steps after the one that created it (no rate from a single instant), prints each
    // state once, and the last state when it is closed.
    expect(out.map((l) => l.replace(/ [\d.?]+ steps\/s .*? (epoch)/, ' <rate> $1'))).toEqual([
      '  train  50% 2/4 <rate> epoch 1/2 loss 1.5',
      '  eval epoch 1: val accuracy 30.00%',
      '  train 100% 4/4 <rate> epoch 2/2 loss 1.3',
    ]);
  });
});
