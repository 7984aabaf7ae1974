// Port of doc-doc/NExT-QA networks/VQAModel/HGA.py gcn_atten_pool + the weighted sum in vq_encoder.
import * as tf from '@tensorflow/tfjs-core';
import { linear } from '../../shared/linear.js';
import { maskedSoftmax } from '../../shared/masked-softmax.js';
import type { HGAPooling } from '../config.js';

/** `gcn_atten_pool.{0,2}.{weight,bias}`: Linear H -> H/2, Tanh, Linear H/2 -> 1. */
export interface GraphPoolWeights {
  readonly weight0: tf.Tensor2D;
  readonly bias0: tf.Tensor1D;
  readonly weight2: tf.Tensor2D;
  readonly bias2: tf.Tensor1D;
}

/**
 * Pools node features into one vector.
 * - 'sum' (the reference): the pool's softmax runs over its size-1 last axis, so every weight is exactly
 *   1 and the result is the plain sum over nodes (padding and masked nodes are 0 and add nothing); the
 *   pool's weights are not used.
 * - 'attention': softmax over the valid nodes of Linear(Tanh(Linear(x))), then the weighted sum.
 *
 * @param nodes [N, K, H]
 * @param nodeMask [N, K] 0/1 (used by 'attention')
 * @returns [N, H]
 */
export function poolNodes(nodes: tf.Tensor3D, nodeMask: tf.Tensor2D, weights: GraphPoolWeights, mode: HGAPooling): tf.Tensor2D {
  return tf.tidy(() => {
    if (mode === 'sum') return tf.sum(nodes, 1) as tf.Tensor2D;
    const scores = linear(tf.tanh(linear(nodes, weights.weight0, weights.bias0)), weights.weight2, weights.bias2); // [N, K, 1]
    const w = maskedSoftmax(tf.squeeze(scores, [2]), nodeMask); // [N, K]
    return tf.sum(tf.mul(nodes, tf.expandDims(w, 2)), 1) as tf.Tensor2D;
  });
}
