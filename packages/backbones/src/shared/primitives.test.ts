// linear, layerNorm, maskedSoftmax, dropout, seeded randomness.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectArrayClose, expectGradientMatchesFiniteDifference } from '@sparc-vqa/testing';
import { dropout, dropoutMask } from './dropout.js';
import { layerNorm } from './layer-norm.js';
import { linear } from './linear.js';
import { repeatRows } from './repeat-rows.js';
import { stackRows, unstackRows } from './unstack-rows.js';
import { maskedSoftmax } from './masked-softmax.js';
import { deriveSeed, seededRandom } from './seeded-random.js';

describe('linear', () => {
  it('computes x·Wᵀ + b with the PyTorch [out, in] layout, for any rank', () => {
    const w = tf.tensor2d([[1, 2, 3], [0, -1, 1]]);
    const b = tf.tensor1d([0.5, -0.5]);
    expectArrayClose(linear(tf.tensor2d([[1, 1, 1]]), w, b).arraySync() as number[][], [[6.5, -0.5]]);
    expect(linear(tf.ones([2, 4, 3]), w).shape).toEqual([2, 4, 2]);
  });
});

describe('layerNorm', () => {
  it('normalises the last axis with the biased variance and keeps zero rows at zero', () => {
    const y = layerNorm(tf.tensor2d([[1, 2, 3, 4], [0, 0, 0, 0]]), 1e-5).arraySync() as number[][];
    const s = Math.sqrt(1.25 + 1e-5);
    expectArrayClose(y[0]!, [-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s]);
    expect(y[1]).toEqual([0, 0, 0, 0]);
  });

  it('has the exact gradient (hand-written), also through gamma and beta', () => {
    const w = tf.tensor2d([[0.3, -1, 2, 0.5], [1, 0.2, -0.7, 0.1]]);
    const x0 = tf.tensor2d([[0.1, 0.7, -0.4, 0.2], [1.5, -0.3, 0.8, 0.05]]);
    expectGradientMatchesFiniteDifference((x) => tf.sum(tf.mul(layerNorm(x), w)) as tf.Scalar, x0, { eps: 1e-3 });
    const gamma = tf.tensor1d([1, 2, 0.5, -1]);
    const beta = tf.tensor1d([0, 1, 0, -1]);
    expectGradientMatchesFiniteDifference((x) => tf.sum(tf.mul(layerNorm(x, 1e-5, gamma, beta), w)) as tf.Scalar, x0, { eps: 1e-3 });
    expectGradientMatchesFiniteDifference((g) => tf.sum(tf.mul(layerNorm(x0, 1e-5, g as tf.Tensor1D, beta), w)) as tf.Scalar, gamma, { eps: 1e-3 });
  });
});

describe('maskedSoftmax', () => {
  it('equals a softmax over the valid keys, 0 on masked keys, and 0 for a row with no valid key', () => {
    const scores = tf.tensor2d([[1, 2, 3], [1, 2, 3], [5, 6, 7]]);
    const mask = tf.tensor2d([[1, 1, 1], [1, 0, 1], [0, 0, 0]]);
    const y = maskedSoftmax(scores, mask).arraySync() as number[][];
    expectArrayClose(y[0]!, tf.softmax(tf.tensor1d([1, 2, 3])).arraySync());
    const e = [Math.exp(1 - 3), Math.exp(0)];
    expectArrayClose(y[1]!, [e[0]! / (e[0]! + e[1]!), 0, e[1]! / (e[0]! + e[1]!)]);
    expect(y[2]).toEqual([0, 0, 0]);
  });

  it('has the softmax gradient', () => {
    const mask = tf.tensor2d([[1, 0, 1, 1]]);
    const w = tf.tensor2d([[0.3, -1, 2, 0.5]]);
    expectGradientMatchesFiniteDifference((x) => tf.sum(tf.mul(maskedSoftmax(x, mask), w)) as tf.Scalar, tf.tensor2d([[0.1, 0.7, -0.4, 0.2]]));
  });
});

describe('dropout', () => {
  it('is the identity outside training and reproducible from the rng in training', () => {
    const x = tf.ones([64]);
    expect(dropout(x, 0.5, { training: false })).toBe(x);
    const a = dropout(x, 0.5, { training: true, rng: seededRandom(1) }).dataSync();
    expect(dropout(x, 0.5, { training: true, rng: seededRandom(1) }).dataSync()).toEqual(a);
    expect(Array.from(a).every((v) => v === 0 || v === 2)).toBe(true);
    expect(() => dropout(x, 0.5, { training: true })).toThrow(/rng/);
    const g = tf.grad((v: tf.Tensor) => tf.sum(dropout(v, 0.5, { training: true, rng: seededRandom(1) })))(x).dataSync();
    expect(g).toEqual(a); // d(x ⊙ mask)/dx = mask
  });

  it('draws its mask from the seededRandom stream of the seed (inlined generator, same values)', () => {
    const uniform = seededRandom(987654321);
    const expected = Float32Array.from({ length: 5000 }, () => (uniform() < 0.3 ? 0 : 1 / 0.7));
    expect(dropoutMask(987654321, 5000, 0.3)).toEqual(expected);
  });
});

describe('seededRandom', () => {
  it('is deterministic, uniform-looking, and derived seeds differ by name', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    expect(deriveSeed(0, 'a.weight')).not.toBe(deriveSeed(0, 'a.bias'));
    expect(deriveSeed(0, 'a.weight')).not.toBe(deriveSeed(1, 'a.weight'));
  });
});

describe('unstackRows / stackRows', () => {
  it('equal tf.unstack / tf.stack, gradients included', () => {
    const x = tf.tensor3d(Array.from({ length: 7 * 2 * 3 }, (_, i) => i), [7, 2, 3]);
    const parts = unstackRows(x);
    expect(parts.map((p) => p.arraySync())).toEqual(tf.unstack(x).map((p) => p.arraySync()));
    expect(stackRows(parts, 1).arraySync()).toEqual(tf.stack(tf.unstack(x), 1).arraySync());
    const w = tf.tensor3d(Array.from({ length: 42 }, (_, i) => Math.sin(i)), [2, 7, 3]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(stackRows(unstackRows(v), 1), w)))(x);
    expect(g.arraySync()).toEqual(tf.transpose(w, [1, 0, 2]).arraySync());
  });
});

describe('repeatRows', () => {
  it('equals tf.tile along axis 0 and sums the gradient of the copies', () => {
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    expect(repeatRows(x, 3).arraySync()).toEqual(tf.tile(x, [3, 1]).arraySync());
    expect(tf.grad((v: tf.Tensor) => tf.sum(repeatRows(v, 3)))(x).arraySync()).toEqual([[3, 3], [3, 3]]);
  });
});
