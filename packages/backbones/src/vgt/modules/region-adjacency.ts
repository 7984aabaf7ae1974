// Region graph of sail-sg/VGT: Graph.build_graph (model/graph.py) + `graph_trans` + softmax
// (VGT.get_vqa_embedding_rfcpos in model/vqa_model.py).
import * as tf from '@tensorflow/tfjs-core';
import { dense } from './dense.js';
import type { ForwardContext } from './forward-context.js';
import type { ParamLookup } from './param-lookup.js';
import { transformer } from './transformer.js';

/** Sizes used by `regionAdjacency`. */
export interface RegionAdjacencyOptions {
  /** Clip groups G = B·clips. */
  readonly groups: number;
  readonly framesPerClip: number;
  readonly numLayers: number;
  readonly graphHeads: number;
  readonly layerNormEps: number;
}

/**
 * x [G·frames, R, D] region nodes → A [G·frames, R, R]: S = fc_k(x)·fc_q(x)ᵀ per frame (no scaling),
 * each S flattened to R² and run through `graph_trans` along the frames of its clip (no mask),
 * then a softmax over the last axis. Records `region_graph_logits` [G, frames, R²] (before the softmax).
 */
export function regionAdjacency(
  x: tf.Tensor3D,
  params: ParamLookup,
  options: RegionAdjacencyOptions,
  ctx: ForwardContext,
): tf.Tensor3D {
  return tf.tidy(() => {
    const [m, r] = x.shape;
    const k = dense(x, params('gnn.fc_k.weight'), params('gnn.fc_k.bias')) as tf.Tensor3D;
    const qT = tf.transpose(dense(x, params('gnn.fc_q.weight'), params('gnn.fc_q.bias')), [0, 2, 1]) as tf.Tensor3D;
    const s = tf.reshape(tf.matMul(k, qT), [options.groups, options.framesPerClip, r * r]) as tf.Tensor3D;
    const layers = { numLayers: options.numLayers, numHeads: options.graphHeads, layerNormEps: options.layerNormEps };
    const logits = transformer(s, params, 'graph_trans', layers, undefined, ctx).output;
    ctx.record?.('region_graph_logits', logits);
    return tf.softmax(tf.reshape(logits, [m, r, r])) as tf.Tensor3D;
  });
}
