// Port of doc-doc/NExT-QA networks/gcn.py GCN / GraphConvolution: X <- Dropout(ReLU(LN(A · (X·Wᵀ)))).
import * as tf from '@tensorflow/tfjs-core';
import { dropout, type DropoutContext } from '../../shared/dropout.js';
import { layerNorm } from '../../shared/layer-norm.js';
import { linear } from '../../shared/linear.js';

/**
 * Runs the graph convolutions in order (`gcn.layers.<i>.weight.weight`, bias-free [H, H]), each
 * `Dropout(ReLU(LN(A · (X · Wᵀ))))` with an affine-free LayerNorm.
 *
 * @param nodes [N, K, H]
 * @param adjacency [N, K, K]
 * @returns [N, K, H]
 */
export function graphConvolution(
  nodes: tf.Tensor3D,
  adjacency: tf.Tensor3D,
  weights: readonly tf.Tensor2D[],
  rate: number,
  context: DropoutContext,
): tf.Tensor3D {
  return tf.tidy(() => {
    let x = nodes;
    for (const w of weights) {
      const support = linear(x, w) as tf.Tensor3D;
      x = dropout(tf.relu(layerNorm(tf.matMul(adjacency, support))), rate, context) as tf.Tensor3D;
    }
    return x;
  });
}
