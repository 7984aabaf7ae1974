// MultiHeadSelfAttention of sail-sg/VGT model/vqa_model.py (DistilBERT style, heads = contiguous slices).
import * as tf from '@tensorflow/tfjs-core';
import { dense } from './dense.js';
import { dropout, type ForwardContext } from './forward-context.js';
import type { ParamLookup } from './param-lookup.js';

/** Result of `multiHeadSelfAttention`. */
export interface AttentionResult {
  /** [n, S, D] after `out_lin`. */
  readonly context: tf.Tensor3D;
  /** [n, heads, S, S] softmax weights before dropout (returned only when asked for). */
  readonly weights?: tf.Tensor4D;
}

/**
 * Self-attention over x [n, S, D] with the weights `<prefix>.{q_lin,k_lin,v_lin,out_lin}`.
 * Scores are divided by √(D/heads); `keyBias` [n, 1, S] (0 for valid keys, −1e9 for masked ones) is added to the
 * scores before the softmax over keys; the weights are dropped out in training.
 */
export function multiHeadSelfAttention(
  x: tf.Tensor3D,
  params: ParamLookup,
  prefix: string,
  numHeads: number,
  keyBias: tf.Tensor3D | undefined,
  ctx: ForwardContext,
  returnWeights = false,
): AttentionResult {
  return tf.tidy(() => {
    const [n, s, d] = x.shape;
    const dh = d / numHeads;
    const lin = (name: string): tf.Tensor =>
      dense(x, params(`${prefix}.${name}.weight`), params(`${prefix}.${name}.bias`));
    const split = (t: tf.Tensor): tf.Tensor4D => tf.reshape(t, [n, s, numHeads, dh]) as tf.Tensor4D;
    // q, v: [n·h, S, dh]; kᵀ: [n·h, dh, S] (transposed once here, so the score product is a plain matMul).
    const q = tf.reshape(tf.transpose(split(lin('q_lin')), [0, 2, 1, 3]), [n * numHeads, s, dh]);
    const kT = tf.reshape(tf.transpose(split(lin('k_lin')), [0, 2, 3, 1]), [n * numHeads, dh, s]);
    const v = tf.reshape(tf.transpose(split(lin('v_lin')), [0, 2, 1, 3]), [n * numHeads, s, dh]);
    // The 1/√dh scale is applied to the (small) scores rather than to q: one activation-sized tensor less.
    let scores: tf.Tensor = tf.div(tf.matMul(q as tf.Tensor3D, kT as tf.Tensor3D), Math.sqrt(dh));
    if (keyBias !== undefined) {
      scores = tf.add(tf.reshape(scores, [n, numHeads, s, s]), tf.reshape(keyBias, [n, 1, 1, s]));
    }
    const weights = tf.reshape(tf.softmax(scores), [n * numHeads, s, s]) as tf.Tensor3D;
    const context = tf.matMul(dropout(weights, ctx), v as tf.Tensor3D);
    const merged = tf.reshape(tf.transpose(tf.reshape(context, [n, numHeads, s, dh]), [0, 2, 1, 3]), [n, s, d]);
    const out = dense(merged, params(`${prefix}.out_lin.weight`), params(`${prefix}.out_lin.bias`)) as tf.Tensor3D;
    return returnWeights
      ? { context: out, weights: tf.reshape(weights, [n, numHeads, s, s]) as tf.Tensor4D }
      : { context: out };
  });
}
