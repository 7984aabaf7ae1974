import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { expectGradientMatchesFiniteDifference, expectTensorClose } from '@sparc-vqa/testing';
import { layerNorm } from './layer-norm.js';

describe('layerNorm', () => {
  it('normalises the last axis with the biased variance, then scales and shifts', () => {
    const x = tf.tensor2d([[1, 2, 3, 6], [-1, -1, 1, 1]]);
    const gamma = tf.tensor1d([1, 2, 1, 1]);
    const beta = tf.tensor1d([0, 0, 0, 1]);
    // Row 0: mean 3, var 3.5; row 1: mean 0, var 1.
    const s = 1 / Math.sqrt(3.5 + 1e-5);
    expectTensorClose(layerNorm(x, gamma, beta, 1e-5), [[-2 * s, -2 * s, 0, 3 * s + 1], [-1 / Math.sqrt(1 + 1e-5), -2 / Math.sqrt(1 + 1e-5), 1 / Math.sqrt(1 + 1e-5), 1 + 1 / Math.sqrt(1 + 1e-5)]], { rtol: 1e-5 });
    tf.dispose([x, gamma, beta]);
  });

  it('has the right gradient', () => {
    const gamma = tf.tensor1d([0.5, 2, 1]);
    const beta = tf.tensor1d([0.1, 0, -1]);
    const weights = tf.tensor2d([[1, -2, 3], [0.5, 0.3, -1]]);
    const x = tf.tensor2d([[0.3, -1.2, 2], [1, 0.1, -0.4]]);
    expectGradientMatchesFiniteDifference((t) => tf.sum(tf.mul(layerNorm(t, gamma, beta, 1e-12), weights)), x);
    tf.dispose([gamma, beta, weights, x]);
  });
});
