import { afterAll, describe, expect, it } from 'vitest';
import { createHGA } from '@sparc-vqa/backbones';
import { expectNoTensorLeak, mulberry32 } from '@sparc-vqa/testing';
import { hgaFrameImportance, topKFrames, type HGAHostSizes } from './hga-frame-importance.js';

describe('topKFrames', () => {
  it('returns the k best frames as ascending indices', () => {
    expect(topKFrames([0.1, 0.5, 0.2, 0.9], 1)).toEqual([3]);
    expect(topKFrames([0.1, 0.5, 0.2, 0.9], 2)).toEqual([1, 3]);
    expect(topKFrames([0.1, 0.5, 0.2, 0.9], 4)).toEqual([0, 1, 2, 3]);
  });

  it('breaks ties toward the lower frame index', () => {
    expect(topKFrames([0.25, 0.25, 0.25, 0.25], 1)).toEqual([0]);
    expect(topKFrames([0.1, 0.4, 0.1, 0.4], 1)).toEqual([1]);
    expect(topKFrames([0.3, 0.1, 0.3, 0.3], 2)).toEqual([0, 2]);
  });

  it('rejects k outside 1..T', () => {
    expect(() => topKFrames([1, 2], 0)).toThrow(RangeError);
    expect(() => topKFrames([1, 2], 3)).toThrow('topKFrames: k must be an integer in 1..2, got 3');
    expect(() => topKFrames([1, 2], 1.5)).toThrow(RangeError);
  });
});

describe('hgaFrameImportance', () => {
  const s: HGAHostSizes = { batch: 2, clips: 4, videoDim: 6, candidates: 3, tokens: 5, wordDim: 4 };
  const model = createHGA({ videoDim: 6, tokenDim: 4, hiddenSize: 8, wordDim: 6, blockMmDim: 14, blockChunks: 3, blockRank: 2, dropout: 0, seed: 2 });
  afterAll(() => model.dispose());
  const rng = mulberry32(5);
  const fill = (n: number) => Float32Array.from({ length: n }, () => rng() * 2 - 1);
  const inputs = {
    video: fill(s.batch * s.clips * s.videoDim),
    qa: fill(s.batch * s.candidates * s.tokens * s.wordDim),
    qaLengths: Int32Array.from([5, 3, 4, 2, 5, 1]),
  };

  it('gives one [T] row per sample, each a distribution over the clips', () => {
    const rows = hgaFrameImportance(model, inputs, s);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toHaveLength(4);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      for (const x of row) expect(x).toBeGreaterThan(0);
    }
  });

  it('depends on the question features: other QA tokens give other importance', () => {
    const a = hgaFrameImportance(model, inputs, s);
    const b = hgaFrameImportance(model, { ...inputs, qa: inputs.qa.map((x) => -x) }, s);
    const diff = Math.max(...a[0]!.map((x, i) => Math.abs(x - b[0]![i]!)));
    expect(diff).toBeGreaterThan(1e-4);
  });

  it('frees every tensor it creates', async () => {
    await expectNoTensorLeak(() => void hgaFrameImportance(model, inputs, s));
  });
});
