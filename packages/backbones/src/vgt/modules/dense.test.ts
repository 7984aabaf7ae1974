import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectTensorClose } from '@sparc-vqa/testing';
import { dense } from './dense.js';

describe('dense', () => {
  it('computes x·Wᵀ + b with PyTorch [out, in] weights over the last axis of any rank', () => {
    const w = tf.tensor2d([[1, 0, -1], [2, 1, 0]]);
    const b = tf.tensor1d([0.5, -1]);
    const x = tf.tensor3d([[[1, 2, 3]], [[0, 1, 0]]]);
    const y = dense(x, w, b);
    expect(y.shape).toEqual([2, 1, 2]);
    expectTensorClose(y, [[[-1.5, 3]], [[0.5, 0]]]);
    tf.dispose([w, b, x, y]);
  });

  it('accepts a 1x1 convolution weight [out, in, 1, 1] and no bias', () => {
    const w = tf.tensor4d([1, 0, -1, 2, 1, 0], [2, 3, 1, 1]);
    const x = tf.tensor2d([[1, 2, 3]]);
    expectTensorClose(dense(x, w), [[-2, 4]]);
    tf.dispose([w, x]);
  });
});
