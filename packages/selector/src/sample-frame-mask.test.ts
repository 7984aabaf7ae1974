import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak, mulberry32 } from '@sparc-vqa/testing';
import { ConfigError, ShapeError, ValueError } from './errors.js';
import { sampleFrameMask } from './sample-frame-mask.js';
import type { SampleFrameMaskInputs } from './sample-frame-mask.js';
import { resolveSampleFrameMaskOptions } from './sample-frame-mask-options.js';
import type { SampleFrameMaskOptions } from './sample-frame-mask-options.js';
import { softFrameWeights } from './soft-frame-weights.js';
import { selectCausalFrames } from './select-causal-frames.js';
import { expectTypedError, probsFromScores, take, throwing } from './test-utils.js';

/** An rng that replays `values` in order. */
function replay(values: number[]): () => number {
  let i = 0;
  return () => values[i++]!;
}

function sample(weights: number[][], options: SampleFrameMaskOptions, valid?: number[][]): { mask: number[][]; counts: number[] } {
  const w = tf.tensor2d(weights);
  const validMask = valid === undefined ? undefined : tf.tensor2d(valid);
  const out = sampleFrameMask({ weights: w, ...(validMask ? { validMask } : {}) }, options);
  expect(out.mask.dtype).toBe('float32');
  expect(out.counts.dtype).toBe('int32');
  tf.dispose([w, validMask]);
  return { mask: take<number[][]>(out.mask), counts: take<number[]>(out.counts) };
}

describe('sampleFrameMask: Bernoulli frame draws from soft weights (soft guidance, beyond the paper)', () => {
  it('keeps frame k of sample b when u_bk < w_bk, draws in row-major order (hand-derived)', () => {
    // u = 0.5, 0.2, 0.95, 0 | 0.3, 0.3, 0.3, 0.99
    const out = sample(
      [
        [0.9, 0.1, 1, 0],
        [0.3, 0.31, 0.7, 1],
      ],
      { rng: replay([0.5, 0.2, 0.95, 0, 0.3, 0.3, 0.3, 0.99]) },
    );
    // 0.5<0.9 keep; 0.2<0.1 no; 0.95<1 keep; 0<0 no | 0.3<0.3 no; 0.3<0.31 keep; 0.3<0.7 keep; 0.99<1 keep.
    expect(out.mask).toEqual([
      [1, 0, 1, 0],
      [0, 1, 1, 1],
    ]);
    expect(out.counts).toEqual([2, 3]);
  });

  it('never keeps padding frames; weights 0 and 1 are deterministic for any draw', () => {
    const out = sample([[1, 1, 0, 1]], { rng: replay([0.999, 0, 0, 0.5]) }, [[1, 0, 1, 1]]);
    expect(out.mask).toEqual([[1, 0, 0, 1]]);
    expect(out.counts).toEqual([2]);
  });

  it('keeps each frame with frequency w over many draws (binomial: within 4 standard deviations)', () => {
    const w = [0.05, 0.25, 0.5, 0.8];
    const n = 4000;
    const rows = Array.from({ length: n }, () => w);
    const { mask } = sample(rows, { seed: 11 });
    w.forEach((p, k) => {
      const kept = mask.reduce((s, r) => s + r[k]!, 0);
      expect(Math.abs(kept - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
    });
  });

  it('the same seed gives the same mask; another seed another one; a seed equals mulberry32(seed) as rng', () => {
    const w = Array.from({ length: 8 }, (_, b) => Array.from({ length: 16 }, (_, k) => ((b * 16 + k) % 10) / 10));
    const a = sample(w, { seed: 3 });
    expect(sample(w, { seed: 3 })).toEqual(a);
    expect(sample(w, { seed: 4 }).mask).not.toEqual(a.mask);
    expect(sample(w, { rng: mulberry32(3) })).toEqual(a);
  });

  it("with softFrameWeights' sigmoid weights it tends to selectCausalFrames' hard mask as tau -> 0", () => {
    const scores = [
      [0.9, 0.2, 0.55, 0.45, 0.7],
      [0.1, 0.6, 0.4, 0.05, 0.99],
    ];
    const teacherProbs = probsFromScores(scores);
    const answers = tf.tensor1d([1, 1], 'int32');
    const hard = selectCausalFrames({ teacherProbs, answers }, { threshold: 0.5, fallback: 'all' });
    const weights = softFrameWeights({ teacherProbs, answers }, { mode: 'sigmoid', threshold: 0.5, temperature: 1e-3 });
    const soft = sampleFrameMask({ weights }, { seed: 5 });
    expect(take<number[][]>(soft.mask)).toEqual(take<number[][]>(hard.mask));
    tf.dispose([teacherProbs, answers, hard.mask, hard.counts, hard.usedFallback, weights]);
  });

  it('frees its intermediates (no leak), also when it throws', async () => {
    const weights = tf.tensor2d([[0.5, 0.5, 0.5]]);
    const validMask = tf.tensor2d([[1, 1, 0]]);
    await expectNoTensorLeak(() => sampleFrameMask({ weights, validMask }, { seed: 1 }));
    const bad = tf.tensor2d([[0.5, 1.5, 0.5]]);
    await expectNoTensorLeak(throwing(() => sampleFrameMask({ weights: bad }, { seed: 1 })));
    tf.dispose([weights, validMask, bad]);
  });

  it('typed errors name the argument, the expected value and what was given', () => {
    const run = (inputs: SampleFrameMaskInputs, options: unknown) => () => sampleFrameMask(inputs, options as SampleFrameMaskOptions);
    const weights = tf.tensor2d([[0.5, 0.5, 0.5]]);
    const nan = tf.tensor2d([[0.5, NaN, 0.5]]);
    const above = tf.tensor2d([[0.5, 1.5, 0.5]]);
    const ints = tf.tensor2d([[0, 1, 1]], undefined, 'int32');
    const rank3 = tf.zeros([1, 3, 1]);
    const wrongValid = tf.ones([1, 4]);
    const twos = tf.tensor2d([[1, 2, 1]]);
    expectTypedError(run({ weights: nan }, { seed: 1 }), ValueError, { field: 'weights' }, 'sampleFrameMask: weights must be probabilities in [0, 1] (no NaN), got NaN at index [0, 1]');
    expectTypedError(run({ weights: above }, { seed: 1 }), ValueError, { field: 'weights', value: 1.5 }, 'sampleFrameMask: weights must be probabilities in [0, 1] (no NaN), got 1.5 at index [0, 1]');
    expectTypedError(run({ weights: ints }, { seed: 1 }), ValueError, { field: 'weights.dtype', value: 'int32' }, "sampleFrameMask: weights.dtype must be 'float32', got 'int32'");
    expectTypedError(run({ weights: rank3 as never }, { seed: 1 }), ShapeError, { argument: 'weights', actual: [1, 3, 1] }, 'sampleFrameMask: weights must be [B, T] (rank 2), got [1, 3, 1]');
    expectTypedError(run({ weights, validMask: wrongValid as tf.Tensor2D }, { seed: 1 }), ShapeError, { argument: 'validMask', actual: [1, 4] }, 'sampleFrameMask: validMask must be [B, T] with B = 1, T = 3 from weights, got [1, 4]');
    expectTypedError(run({ weights, validMask: twos }, { seed: 1 }), ValueError, { field: 'validMask', value: 2 }, 'sampleFrameMask: validMask must be 0 or 1, got 2 at index [0, 1]');
    expectTypedError(run({ weights }, {}), ConfigError, { field: 'seed' }, 'sampleFrameMask: options must contain exactly one of seed and rng, got neither');
    expectTypedError(run({ weights }, { seed: 1.5 }), ConfigError, { field: 'seed', value: 1.5 }, 'sampleFrameMask: seed must be a safe integer, got 1.5');
    expectTypedError(run({ weights }, { rng: () => 1 }), ConfigError, { field: 'rng', value: 1 }, 'sampleFrameMask: rng must be a function returning numbers in [0, 1), got 1');
    expectTypedError(run({ weights }, { seed: 1, checkValues: 'yes' }), ConfigError, { field: 'checkValues' }, /^sampleFrameMask: checkValues must be/);
    expectTypedError(run({ weights }, { seed: 1, threshold: 0.5 }), ConfigError, { field: 'threshold' }, /^sampleFrameMask: threshold must be absent/);
    expectTypedError(run(undefined as never, { seed: 1 }), ValueError, { field: 'inputs' }, /^sampleFrameMask: inputs must be an object/);
    // checkValues: false skips the value reads (no device sync) but not the shape checks.
    expect(take<number[][]>(sampleFrameMask({ weights: above }, { rng: () => 0.9, checkValues: false }).mask)).toEqual([[0, 1, 0]]);
    tf.dispose([weights, nan, above, ints, rank3, wrongValid, twos]);
  });

  it('resolveSampleFrameMaskOptions: frozen, defaults filled, the argument untouched', () => {
    const options = { seed: 7 };
    const resolved = resolveSampleFrameMaskOptions(options);
    expect(resolved).toEqual({ seed: 7, rng: null, checkValues: true });
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(options).toEqual({ seed: 7 });
  });
});
