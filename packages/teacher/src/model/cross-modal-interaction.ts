// The cross-modal interaction module (ALBEF: the fusion layers, where text tokens cross-attend to image
// patches; SpARC A.1 fine-tunes only this part). Every token of each "question + candidate" sequence
// attends over the visual tokens of each frame; the attended values are averaged over the sequence's
// tokens, fused with the pooled text (residual + layer norm, plus their elementwise product), and an
// MLP gives one logit per (frame, candidate). Softmax over the C candidates gives p_k.
import * as tf from '@tensorflow/tfjs-core';
import { dense, layerNorm, splitHeads } from './nn.js';
import type { NamedWeight, ParamSet } from './param-set.js';
import type { TinyAlbefConfig } from './tiny-albef-config.js';

/**
 * text [S, C, L, H], textMask [S, C, L] (1 = token), visual [S, T, V, H] -> logits [S, T, C].
 */
export type CrossModalInteraction = (text: tf.Tensor4D, textMask: tf.Tensor3D, visual: tf.Tensor4D) => tf.Tensor3D;

/** Adds the `interaction/` parameters and returns the module. */
export function createCrossModalInteraction(params: ParamSet, config: TinyAlbefConfig, weights?: ReadonlyMap<string, NamedWeight>): CrossModalInteraction {
  const H = config.hiddenSize;
  const h = config.heads;
  const dh = H / h;
  const p = (name: string, shape: number[], init: Parameters<ParamSet['add']>[2]) => params.add(`interaction/${name}`, shape, init, weights);
  const wq = p('query/kernel', [H, H], 'glorot');
  const bq = p('query/bias', [H], 'zeros');
  const wk = p('key/kernel', [H, H], 'glorot');
  const bk = p('key/bias', [H], 'zeros');
  const wv = p('value/kernel', [H, H], 'glorot');
  const bv = p('value/bias', [H], 'zeros');
  const wo = p('output/kernel', [H, H], 'glorot');
  const bo = p('output/bias', [H], 'zeros');
  const lnG = p('fusion_ln/gamma', [H], 'ones');
  const lnB = p('fusion_ln/beta', [H], 'zeros');
  const w1 = p('head/kernel1', [2 * H, H], 'glorot');
  const b1 = p('head/bias1', [H], 'zeros');
  const w2 = p('head/kernel2', [H, 1], 'glorot');
  const b2 = p('head/bias2', [1], 'zeros');

  return (text, textMask, visual) => {
    const [S, C, L] = text.shape;
    const [, T, V] = visual.shape;
    const q = splitHeads(dense(tf.reshape(text, [S, C * L, H]), wq, bq), h); // [S*h, C*L, dh]
    const visualFlat = tf.reshape(visual, [S, T * V, H]);
    const k = splitHeads(dense(visualFlat, wk, bk), h); // [S*h, T*V, dh]
    const v = tf.reshape(splitHeads(dense(visualFlat, wv, bv), h), [S * h * T, V, dh]);
    // Attention of every text token over the V tokens of each frame separately.
    const scores = tf.reshape(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)), [S * h, C * L, T, V]);
    const attn = tf.reshape(tf.softmax(scores), [S * h * C, L, T * V]);
    // Masked mean over the sequence's tokens, folded into the attention weights.
    const pool = tf.div(textMask, tf.maximum(tf.sum(textMask, -1, true), 1)); // [S, C, L]
    const poolHeads = tf.reshape(tf.tile(tf.reshape(pool, [S, 1, C, L]), [1, h, 1, 1]), [S * h * C, 1, L]);
    const pooledAttn = tf.reshape(tf.transpose(tf.reshape(tf.matMul(poolHeads, attn), [S * h, C, T, V]), [0, 2, 1, 3]), [S * h * T, C, V]);
    const ctx = tf.reshape(tf.matMul(pooledAttn, v), [S, h, T * C, dh]);
    const attended = dense(tf.reshape(tf.transpose(ctx, [0, 2, 1, 3]), [S, T, C, H]), wo, bo); // [S, T, C, H]
    const pooledText = tf.reshape(tf.sum(tf.mul(text, tf.reshape(pool, [S, C, L, 1])), 2), [S, 1, C, H]);
    const fused = layerNorm(tf.add(pooledText, attended), lnG, lnB);
    const features = tf.concat([fused, tf.mul(pooledText, attended)], -1); // [S, T, C, 2H]
    return tf.reshape(dense(tf.relu(dense(features, w1, b1)), w2, b2), [S, T, C]) as tf.Tensor3D;
  };
}
