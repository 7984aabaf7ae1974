import { describe, expect, it } from 'vitest';
import { SMALL_BENCH } from './bench-config.js';
import { benchData, benchVideoShapes, syntheticTeacherProbs } from './bench-dataset.js';

describe('syntheticTeacherProbs', () => {
  const answers = Int32Array.from({ length: 400 }, (_, i) => i % 5);
  const probs = syntheticTeacherProbs(answers, 16, 5, 0.25, 3);
  it('gives distributions over the candidates', () => {
    for (let r = 0; r < 400 * 16; r++) {
      const row = probs.subarray(r * 5, r * 5 + 5);
      expect(row.reduce((a, x) => a + x, 0)).toBeCloseTo(1, 5);
      expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
    }
  });
  it('lets about a quarter of the frames pass t = 0.5 on the answer', () => {
    let pass = 0;
    for (let b = 0; b < 400; b++) {
      for (let t = 0; t < 16; t++) {
        for (let c = 0; c < 5; c++) {
          const p = probs[(b * 16 + t) * 5 + c]!;
          if (c === answers[b] && p > 0.5) pass++;
        }
      }
    }
    // 6400 Bernoulli(0.25) draws: standard deviation ~35, so +-150 is > 4 sigma.
    expect(Math.abs(pass - 1600)).toBeLessThan(150);
  });
  it('repeats for a seed and differs for another', () => {
    expect(syntheticTeacherProbs(answers, 16, 5, 0.25, 3)).toEqual(probs);
    expect(syntheticTeacherProbs(answers, 16, 5, 0.25, 4)).not.toEqual(probs);
  });
});

describe('benchData', () => {
  it('builds HGA and VGT batches at the preset shapes, zero-padded past each length', () => {
    expect(benchVideoShapes(SMALL_BENCH, 'hga')).toEqual([[8, 64]]);
    expect(benchVideoShapes(SMALL_BENCH, 'vgt')).toEqual([[4, 2, 5, 37], [4, 2, 32]]);
    const { batch, dataset, teacher, frames } = benchData(SMALL_BENCH, 'vgt', 1);
    const { batch: B, candidates: C, tokens: L, tokenDim: W } = SMALL_BENCH;
    expect(batch.videos.map((v) => v.length)).toEqual([B * 4 * 2 * 5 * 37, B * 4 * 2 * 32]);
    expect(batch.qa.length).toBe(B * C * L * W);
    for (let i = 0; i < B * C; i++) {
      const len = batch.qaLengths[i]!;
      expect(len).toBeGreaterThanOrEqual(4);
      expect(len).toBeLessThanOrEqual(L);
      const row = batch.qa.subarray(i * L * W, (i + 1) * L * W);
      expect(row.subarray(len * W).every((x) => x === 0)).toBe(true);
      expect(row.subarray(0, len * W).some((x) => x !== 0)).toBe(true);
    }
    expect(frames).toBe(4);
    expect(teacher.get(batch.keys[0]!)!.length).toBe(frames * C);
    expect(dataset.rows.length).toBe(SMALL_BENCH.evalQuestions);
    expect(dataset.batch([0, 1, 2, 3, 4, 5, 6, 7])).toBe(batch);
    expect(() => dataset.batch([0])).toThrow(/batches hold 8 questions, got 1/);
  });
});
