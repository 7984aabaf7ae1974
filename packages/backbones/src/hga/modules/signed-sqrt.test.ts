import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectArrayClose, expectGradientMatchesFiniteDifference } from '@sparc-vqa/testing';
import { signedSqrt } from './signed-sqrt.js';

describe('signedSqrt', () => {
  it('is √relu(z) − √relu(−z)', () => {
    expectArrayClose(signedSqrt(tf.tensor1d([4, -9, 0, 0.25])).dataSync(), [2, -3, 0, 0.5]);
  });

  it('has the gradient 1/(2√|z|), and 0 (not NaN) at z = 0 like PyTorch', () => {
    expectGradientMatchesFiniteDifference((x) => tf.sum(signedSqrt(x)) as tf.Scalar, tf.tensor1d([1.5, -2, 0.8]), { eps: 1e-3 });
    const g = tf.grad((x: tf.Tensor) => tf.sum(signedSqrt(x)))(tf.tensor1d([0, 4, -4])).dataSync();
    expect(Array.from(g)).toEqual([0, 0.25, 0.25]);
  });
});
