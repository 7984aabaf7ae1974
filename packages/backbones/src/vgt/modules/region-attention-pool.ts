// `satt_pool` of sail-sg/VGT model/vqa_model.py: Linear, Tanh, Linear(→1), softmax over regions, weighted sum.
import * as tf from '@tensorflow/tfjs-core';
import { dense } from './dense.js';
import type { ForwardContext } from './forward-context.js';
import type { ParamLookup } from './param-lookup.js';

/**
 * x [M, R, D] → [M, D] = Σ_r w_r·x_r with w = softmax_r(lin2(tanh(lin1(x)))). Records `satt_weights` [M, R, 1].
 */
export function regionAttentionPool(x: tf.Tensor3D, params: ParamLookup, ctx: ForwardContext): tf.Tensor2D {
  return tf.tidy(() => {
    const [m, r, d] = x.shape;
    const hidden = tf.tanh(dense(x, params('satt_pool.0.weight'), params('satt_pool.0.bias')));
    const scores = dense(hidden, params('satt_pool.2.weight'), params('satt_pool.2.bias'));
    const weights = tf.softmax(tf.reshape(scores, [m, r]));
    ctx.record?.('satt_weights', tf.reshape(weights, [m, r, 1]));
    return tf.reshape(tf.matMul(tf.reshape(weights, [m, 1, r]) as tf.Tensor3D, x), [m, d]) as tf.Tensor2D;
  });
}
