// Port of doc-doc/NExT-QA networks/gcn.py AdjLearner (two bias-free weight-normalised linears, ReLU,
// then the raw Gram matrix h·hᵀ).
import * as tf from '@tensorflow/tfjs-core';
import { linear } from '../../shared/linear.js';

/** `adj_learner.edge_layer_{1,2}.weight_{g,v}`: g [H, 1], v [H, H]. */
export interface AdjacencyWeights {
  readonly g1: tf.Tensor2D;
  readonly v1: tf.Tensor2D;
  readonly g2: tf.Tensor2D;
  readonly v2: tf.Tensor2D;
}

/** torch.nn.utils.weight_norm (dim 0): `v · (g / ‖v‖)` with the norm over each output row. */
export function weightNorm(g: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.mul(v, tf.div(g, tf.sqrt(tf.sum(tf.square(v), 1, true)))) as tf.Tensor2D);
}

/**
 * `h = ReLU(E2 · ReLU(E1 · x))`, `A = h · hᵀ`: unnormalised and unmasked; all-zero (padding or masked)
 * nodes give all-zero rows and columns.
 *
 * @param nodes [N, K, H]
 * @returns [N, K, K]
 */
export function learnAdjacency(nodes: tf.Tensor3D, weights: AdjacencyWeights): tf.Tensor3D {
  return tf.tidy(() => {
    const h1 = tf.relu(linear(nodes, weightNorm(weights.g1, weights.v1)));
    const h = tf.relu(linear(h1, weightNorm(weights.g2, weights.v2))) as tf.Tensor3D;
    return tf.matMul(h, tf.transpose(h, [0, 2, 1]));
  });
}
