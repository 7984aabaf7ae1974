// The text encoder (ALBEF: BERT's first 6 layers). Token, position and segment embeddings, then
// `textLayers` post-norm transformer layers (self-attention with padding masked, ReLU feed-forward 2H).
import * as tf from '@tensorflow/tfjs-core';
import { dense, embeddingLookup, layerNorm, mergeHeads, splitHeads } from './nn.js';
import type { NamedWeight, ParamSet } from './param-set.js';
import type { TinyAlbefConfig } from './tiny-albef-config.js';

/** ids/segments int32 [P, L], mask float32 [P, L] (1 = token) -> hidden states [P, L, H]. */
export type TextEncoder = (ids: tf.Tensor2D, segments: tf.Tensor2D, mask: tf.Tensor2D) => tf.Tensor3D;

/** Adds the `text/` parameters and returns the encoder. */
export function createTextEncoder(params: ParamSet, config: TinyAlbefConfig, vocabSize: number, weights?: ReadonlyMap<string, NamedWeight>): TextEncoder {
  const H = config.hiddenSize;
  const L = config.maxTextLength;
  const heads = config.heads;
  const p = (name: string, shape: number[], init: Parameters<ParamSet['add']>[2]) => params.add(`text/${name}`, shape, init, weights);
  const tokens = p('token_embedding', [vocabSize, H], 'embedding');
  const positions = p('position_embedding', [L, H], 'embedding');
  const segmentsEmb = p('segment_embedding', [2, H], 'embedding');
  const embG = p('embedding_ln/gamma', [H], 'ones');
  const embB = p('embedding_ln/beta', [H], 'zeros');
  const layers = Array.from({ length: config.textLayers }, (_, i) => {
    const q = (n: string, shape: number[], init: Parameters<ParamSet['add']>[2]) => p(`layer${i}/${n}`, shape, init);
    return {
      wq: q('attention/query_kernel', [H, H], 'glorot'),
      bq: q('attention/query_bias', [H], 'zeros'),
      wk: q('attention/key_kernel', [H, H], 'glorot'),
      bk: q('attention/key_bias', [H], 'zeros'),
      wv: q('attention/value_kernel', [H, H], 'glorot'),
      bv: q('attention/value_bias', [H], 'zeros'),
      out: q('attention/out_kernel', [H, H], 'glorot'),
      outB: q('attention/out_bias', [H], 'zeros'),
      ln1G: q('attention_ln/gamma', [H], 'ones'),
      ln1B: q('attention_ln/beta', [H], 'zeros'),
      ff1: q('ffn/kernel1', [H, 2 * H], 'glorot'),
      ff1B: q('ffn/bias1', [2 * H], 'zeros'),
      ff2: q('ffn/kernel2', [2 * H, H], 'glorot'),
      ff2B: q('ffn/bias2', [H], 'zeros'),
      ln2G: q('ffn_ln/gamma', [H], 'ones'),
      ln2B: q('ffn_ln/beta', [H], 'zeros'),
    };
  });
  return (ids, segments, mask) => {
    const [P, len] = ids.shape;
    // Segment embedding as seg0 + s * (seg1 - seg0) for s in {0, 1}: no gather gradient needed.
    const [seg0, seg1] = tf.split(segmentsEmb, 2, 0) as [tf.Tensor, tf.Tensor];
    const segment = tf.add(seg0, tf.mul(tf.expandDims(tf.cast(segments, 'float32'), -1), tf.sub(seg1, seg0)));
    let x = tf.add(tf.add(embeddingLookup(tokens as tf.Tensor2D, ids), tf.slice(positions, [0, 0], [len, H])), segment);
    x = layerNorm(x, embG, embB);
    // Additive mask over keys: 0 for tokens, -1e9 for padding; [P, 1, 1, L].
    const keyBias = tf.reshape(tf.mul(tf.sub(1, mask), -1e9), [P, 1, 1, len]);
    for (const l of layers) {
      const [q, k, v] = [dense(x, l.wq, l.bq), dense(x, l.wk, l.bk), dense(x, l.wv, l.bv)];
      const scores = tf.reshape(tf.mul(tf.matMul(splitHeads(q, heads), splitHeads(k, heads), false, true), 1 / Math.sqrt(H / heads)), [P, heads, len, len]);
      const attn = tf.reshape(tf.softmax(tf.add(scores, keyBias)), [P * heads, len, len]);
      const ctx = mergeHeads(tf.matMul(attn, splitHeads(v, heads)), heads);
      x = layerNorm(tf.add(x, dense(ctx, l.out, l.outB)), l.ln1G, l.ln1B);
      const ff = dense(tf.relu(dense(x, l.ff1, l.ff1B)), l.ff2, l.ff2B);
      x = layerNorm(tf.add(x, ff), l.ln2G, l.ln2B);
    }
    return x as tf.Tensor3D;
  };
}
