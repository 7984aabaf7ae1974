import * as tf from '@tensorflow/tfjs';
import { selectCausalFrames } from '@sparc-vqa/selector';
import { mulberry32 } from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import { causalFrameMarkers, type FrameSelectionOptions } from './causal-frame-markers.js';

/** selectCausalFrames on a batch whose answer column is `answerProbs[b]` (the rest spread evenly). */
function tensorSelection(answerProbs: number[][], options: FrameSelectionOptions): { selected: number[][]; usedFallback: boolean[] } {
  const B = answerProbs.length;
  const T = answerProbs[0]!.length;
  const C = 5;
  const answers = answerProbs.map((_, b) => b % C);
  const probs = new Float32Array(B * T * C);
  answerProbs.forEach((row, b) => row.forEach((p, k) => {
    for (let c = 0; c < C; c++) probs[(b * T + k) * C + c] = c === answers[b] ? p : (1 - p) / (C - 1);
  }));
  return tf.tidy(() => {
    const s = selectCausalFrames({ teacherProbs: tf.tensor3d(probs, [B, T, C]), answers: tf.tensor1d(answers, 'int32') }, options);
    const mask = s.mask.arraySync();
    return { selected: mask.map((row) => row.flatMap((m, k) => (m === 1 ? [k] : []))), usedFallback: Array.from(s.usedFallback.dataSync(), Boolean) };
  });
}

describe('causalFrameMarkers', () => {
  it('keeps the frames with p_k[a] > t; none passing: argmax, all or skip (hand-derived)', () => {
    expect(causalFrameMarkers([0.8, 0.4, 0.7], { threshold: 0.5, fallback: 'argmax' })).toEqual({ selected: [0, 2], usedFallback: false });
    expect(causalFrameMarkers([0.1, 0.4, 0.2], { threshold: 0.5, fallback: 'argmax' })).toEqual({ selected: [1], usedFallback: true });
    expect(causalFrameMarkers([0.1, 0.4, 0.2], { threshold: 0.5, fallback: 'all' })).toEqual({ selected: [0, 1, 2], usedFallback: true });
    expect(causalFrameMarkers([0.1, 0.4, 0.2], { threshold: 0.5, fallback: 'skip' })).toEqual({ selected: [], usedFallback: true });
  });

  it('is strict (p = t does not pass) and compares in float32 like the tensor version', () => {
    expect(causalFrameMarkers([0.5, 0.5, 0.2], { threshold: 0.5, fallback: 'argmax' })).toEqual({ selected: [0], usedFallback: true }); // tie: lower index
    // float32(0.3) = 0.30000001192... > 0.3 in float64, but equals t once t is float32 too.
    expect(causalFrameMarkers(new Float32Array([0.3, 0.1]), { threshold: 0.3, fallback: 'skip' })).toEqual({ selected: [], usedFallback: true });
  });

  it('maxFrames keeps the highest passing frames; minFrames tops up with the next highest', () => {
    expect(causalFrameMarkers([0.9, 0.6, 0.8, 0.1], { threshold: 0.5, fallback: 'argmax', maxFrames: 2 }).selected).toEqual([0, 2]);
    expect(causalFrameMarkers([0.9, 0.2, 0.3, 0.1], { threshold: 0.5, fallback: 'argmax', minFrames: 3 }).selected).toEqual([0, 1, 2]);
    expect(causalFrameMarkers([0.1, 0.2, 0.3, 0.05], { threshold: 0.5, fallback: 'argmax', minFrames: 2 })).toEqual({ selected: [1, 2], usedFallback: true });
    expect(causalFrameMarkers([0.1, Number.NaN, 0.3], { threshold: 0.5, fallback: 'all' }).selected).toEqual([0, 1, 2]);
  });

  it('equals selectCausalFrames on 64 seeded random questions for 8 option sets (ties and p = t included)', () => {
    const rng = mulberry32(11);
    // p_k[a] on a grid of 1/8 so that ties and values equal to t occur often.
    const answerProbs = Array.from({ length: 64 }, () => Array.from({ length: 8 }, () => Math.floor(rng() * 9) / 8));
    const optionSets: FrameSelectionOptions[] = [
      { threshold: 0.5, fallback: 'argmax' },
      { threshold: 0.625, fallback: 'all' },
      { threshold: 0.75, fallback: 'skip' },
      { threshold: 0.3, fallback: 'argmax' },
      { threshold: 0.5, fallback: 'argmax', maxFrames: 2 },
      { threshold: 0.875, fallback: 'argmax', minFrames: 3 },
      { threshold: 0.5, fallback: 'all', minFrames: 2, maxFrames: 3 },
      { threshold: 1, fallback: 'skip', minFrames: 2 },
    ];
    let fallbacks = 0;
    for (const options of optionSets) {
      const expected = tensorSelection(answerProbs, options);
      answerProbs.forEach((row, b) => {
        const got = causalFrameMarkers(row, options);
        expect(got.selected, `question ${b}, ${JSON.stringify(options)}`).toEqual(expected.selected[b]);
        expect(got.usedFallback).toBe(expected.usedFallback[b]);
        if (got.usedFallback) fallbacks++;
      });
    }
    expect(fallbacks).toBeGreaterThan(20); // the fallback paths were exercised
  });
});
