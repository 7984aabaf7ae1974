import { describe, expect, it } from 'vitest';
import { insideFrames, misfocusShare, sameFrames } from './misfocus-share.js';

describe('sameFrames', () => {
  it('compares as sets', () => {
    expect(sameFrames([3, 1], [1, 3])).toBe(true);
    expect(sameFrames([1, 1, 3], [3, 1])).toBe(true);
    expect(sameFrames([1, 2], [1, 3])).toBe(false);
    expect(sameFrames([1], [1, 2])).toBe(false);
    expect(sameFrames([], [])).toBe(true);
  });
});

describe('insideFrames', () => {
  it('needs a non-empty focus entirely inside the causal frames', () => {
    expect(insideFrames([4, 5], [3, 4, 5])).toBe(true);
    expect(insideFrames([2, 5], [3, 4, 5])).toBe(false);
    expect(insideFrames([], [3])).toBe(false);
  });
});

describe('misfocusShare', () => {
  it('counts identical focus overall and per type (hand-worked: 3 of 5 identical)', () => {
    const r = misfocusShare([
      { type: 'TP', original: [1], swapped: [1] },
      { type: 'TP', original: [2, 3], swapped: [3, 2] },
      { type: 'TP', original: [4], swapped: [9] },
      { type: 'TN', original: [0], swapped: [0] },
      { type: 'TN', original: [5, 6], swapped: [5, 7] },
    ]);
    expect(r.samples).toBe(5);
    expect(r.identical).toBeCloseTo(0.6, 12);
    expect(r.byType).toEqual({ TP: { samples: 3, identical: 2 / 3 }, TN: { samples: 2, identical: 0.5 } });
    expect(r.groundTruthHit).toEqual({ original: null, swapped: null });
    expect(r.groundTruthSamples).toEqual({ original: 0, swapped: 0 });
  });

  it('ground-truth hits use each wording its own ground truth and only the samples that have one', () => {
    const r = misfocusShare([
      // original focus in GT; swapped focus stays, but the GT moved -> miss
      { type: 'TP', original: [1], swapped: [1], groundTruth: { original: [0, 1], swapped: [8, 9] } },
      // the model follows the word: both hits
      { type: 'TN', original: [8], swapped: [0], groundTruth: { original: [8, 9], swapped: [0, 1] } },
      // no swapped ground truth (the actor has no event on that side)
      { type: 'TN', original: [5], swapped: [5], groundTruth: { original: [2, 3] } },
    ]);
    expect(r.identical).toBeCloseTo(2 / 3, 12);
    expect(r.groundTruthHit.original).toBeCloseTo(2 / 3, 12);
    expect(r.groundTruthHit.swapped).toBeCloseTo(1 / 2, 12);
    expect(r.groundTruthSamples).toEqual({ original: 3, swapped: 2 });
  });

  it('no samples gives null shares, not NaN', () => {
    const r = misfocusShare([]);
    expect(r).toEqual({ samples: 0, identical: null, byType: {}, groundTruthHit: { original: null, swapped: null }, groundTruthSamples: { original: 0, swapped: 0 } });
  });
});
