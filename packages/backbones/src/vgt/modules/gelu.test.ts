import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { expectGradientMatchesFiniteDifference, expectTensorClose } from '@sparc-vqa/testing';
import { gelu } from './gelu.js';

describe('gelu', () => {
  it('is the exact erf form', () => {
    // x·Φ(x): Φ(1) = 0.841344746, Φ(-1) = 0.158655254, Φ(2) = 0.977249868.
    const x = tf.tensor1d([0, 1, -1, 2]);
    expectTensorClose(gelu(x), [0, 0.8413447461, -0.1586552539, 1.9544997361], { rtol: 1e-6, atol: 1e-6 });
    x.dispose();
  });

  it('has the right gradient', () => {
    const x = tf.tensor1d([-2, -0.5, 0.3, 1.7]);
    expectGradientMatchesFiniteDifference((t) => tf.sum(gelu(t)), x);
    x.dispose();
  });
});
