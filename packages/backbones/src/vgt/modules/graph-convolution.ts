// Graph.forward / GraphConvolution of sail-sg/VGT model/graph.py (two layers, skip = True).
import * as tf from '@tensorflow/tfjs-core';
import { dropout, type ForwardContext } from './forward-context.js';
import type { ParamLookup } from './param-lookup.js';

/**
 * x [M, R, Din], adjacency [M, R, R] → [M, R, Dout]. For each layer `gnn.layers.<i>` (weight [in, out],
 * used as is): support = H·W; H ← dropout(ReLU(A·support + bias + support)).
 */
export function graphConvolution(
  x: tf.Tensor3D,
  adjacency: tf.Tensor3D,
  params: ParamLookup,
  numLayers: number,
  ctx: ForwardContext,
): tf.Tensor3D {
  return tf.tidy(() => {
    const [m, r] = x.shape;
    let h: tf.Tensor3D = x;
    for (let i = 0; i < numLayers; i++) {
      const weight = params(`gnn.layers.${i}.weight`) as tf.Tensor2D;
      const out = weight.shape[1];
      const support = tf.reshape(tf.matMul(tf.reshape(h, [m * r, -1]) as tf.Tensor2D, weight), [m, r, out]) as tf.Tensor3D;
      const mixed = tf.add(tf.add(tf.matMul(adjacency, support), params(`gnn.layers.${i}.bias`)), support);
      h = dropout(tf.relu(mixed), ctx) as tf.Tensor3D;
    }
    return h;
  });
}
