import { describe, expect, it } from 'vitest';
import { frameQuality } from './frame-quality.js';

describe('frameQuality', () => {
  it('micro-averages over questions: TP 3, FP 1, FN 2 -> precision 3/4, recall 3/5', () => {
    const q = frameQuality([
      { selected: [0, 1], causal: [1, 2], usedFallback: false, answer: 1, averagedPrediction: 1 }, // TP 1, FP 1, FN 1
      { selected: [3, 4], causal: [3, 4, 5], usedFallback: true, answer: 2, averagedPrediction: 0 }, // TP 2, FN 1
    ])!;
    expect(q.precision).toBeCloseTo(0.75, 12);
    expect(q.recall).toBeCloseTo(0.6, 12);
    expect(q.f1).toBeCloseTo((2 * 0.75 * 0.6) / 1.35, 12);
    expect(q.framesSelected).toBe(2);
    expect(q.fallbackRate).toBe(0.5);
    expect(q.accuracy).toBe(0.5);
    expect(q.questions).toBe(2);
  });

  it('zero denominators give 0; no question gives null; unknown predictions give a null accuracy', () => {
    expect(frameQuality([{ selected: [], causal: [], usedFallback: true }])).toMatchObject({ precision: 0, recall: 0, f1: 0, accuracy: null });
    expect(frameQuality([])).toBeNull();
  });
});
