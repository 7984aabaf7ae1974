import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { expectTensorClose } from '@sparc-vqa/testing';
import { graphConvolution } from './graph-convolution.js';
import { paramLookup } from './param-lookup.js';

describe('graphConvolution', () => {
  it('computes ReLU(A·(H·W) + b + H·W) per layer with [in, out] weights used as is', () => {
    const weights = new Map<string, tf.Variable>([
      ['gnn.layers.0.weight', tf.variable(tf.tensor2d([[1, -1], [0, 2]]))],
      ['gnn.layers.0.bias', tf.variable(tf.tensor1d([0.5, -0.5]))],
    ]);
    const x = tf.tensor3d([[[1, 2], [3, -1]]]);
    const a = tf.tensor3d([[[0.5, 0.5], [1, 0]]]);
    // support = [[1, 3], [3, -5]]; A·support = [[2, -1], [1, 3]]; + b + support = [[3.5, 1.5], [4.5, -2.5]].
    expectTensorClose(graphConvolution(x, a, paramLookup(weights), 1, { training: false, dropoutRate: 0.3 }), [[[3.5, 1.5], [4.5, 0]]]);
    tf.dispose([x, a, ...weights.values()]);
  });
});
