import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectArrayClose, expectTensorClose } from '@sparc-vqa/testing';
import { batchNorm, type BatchNormParams } from './batch-norm.js';

function params(): BatchNormParams {
  return {
    weight: tf.tensor1d([1, 2]),
    bias: tf.tensor1d([0, 1]),
    runningMean: tf.variable(tf.tensor1d([0.5, -1]), false),
    runningVar: tf.variable(tf.tensor1d([4, 1]), false),
    numBatchesTracked: tf.variable(tf.scalar(3, 'int32'), false),
  };
}

describe('batchNorm', () => {
  it('uses the running statistics in inference and leaves them unchanged', () => {
    const p = params();
    const x = tf.tensor2d([[2.5, 0], [0.5, -1]]);
    expectTensorClose(batchNorm(x, p, { training: false, eps: 0, momentum: 0.1, count: 2 }), [[1, 3], [0, 1]]);
    expect(Array.from(p.runningMean.dataSync())).toEqual([0.5, -1]);
    tf.dispose([x, ...Object.values(p)]);
  });

  it('uses (weighted) batch statistics in training and updates the buffers like PyTorch', () => {
    const p = params();
    const x = tf.tensor2d([[1, 2], [3, 6], [100, -50]]);
    const rowWeights = tf.tensor2d([[1], [1], [0]]); // the third row is a masked clip
    const y = batchNorm(x, p, { training: true, eps: 0, momentum: 0.1, count: 2, rowWeights });
    // Valid rows: mean [2, 4], biased var [1, 4], unbiased var [2, 8].
    expectTensorClose(tf.slice(y, [0, 0], [2, 2]), [[-1, -1], [1, 3]]);
    expectArrayClose(p.runningMean.dataSync(), [0.9 * 0.5 + 0.2, 0.9 * -1 + 0.4]);
    expectArrayClose(p.runningVar.dataSync(), [0.9 * 4 + 0.2, 0.9 * 1 + 0.8]);
    expect(p.numBatchesTracked.dataSync()[0]).toBe(4);
    const plain = params();
    const yPlain = batchNorm(tf.slice(x, [0, 0], [2, 2]), plain, { training: true, eps: 0, momentum: 0.1, count: 2 });
    expectTensorClose(yPlain, tf.slice(y, [0, 0], [2, 2]));
    expectArrayClose(plain.runningVar.dataSync(), p.runningVar.dataSync());
    tf.dispose([x, y, yPlain, rowWeights, ...Object.values(p), ...Object.values(plain)]);
  });
});
