// Transformer / TransformerBlock / FFN of sail-sg/VGT model/vqa_model.py (post-LayerNorm, DistilBERT style).
import * as tf from '@tensorflow/tfjs-core';
import { dense } from './dense.js';
import { dropout, type ForwardContext } from './forward-context.js';
import { gelu } from './gelu.js';
import { layerNorm } from './layer-norm.js';
import { multiHeadSelfAttention } from './multi-head-self-attention.js';
import type { ParamLookup } from './param-lookup.js';

/** Sizes of one transformer stack. */
export interface TransformerOptions {
  readonly numLayers: number;
  readonly numHeads: number;
  readonly layerNormEps: number;
}

/** Result of `transformer`. */
export interface TransformerResult {
  /** [n, S, D] output of the last layer. */
  readonly output: tf.Tensor3D;
  /** [n, heads, S, S] attention weights of the last layer (only when asked for). */
  readonly lastWeights?: tf.Tensor4D;
}

/**
 * Runs `<prefix>.layer.<i>` for i < numLayers on x [n, S, D]. Each block:
 * x1 = LN(attn(x) + x); x2 = LN(dropout(lin2(gelu(lin1(x1)))) + x1). `keyBias` [n, 1, S] masks keys.
 */
export function transformer(
  x: tf.Tensor3D,
  params: ParamLookup,
  prefix: string,
  options: TransformerOptions,
  keyBias: tf.Tensor3D | undefined,
  ctx: ForwardContext,
  returnLastWeights = false,
): TransformerResult {
  return tf.tidy(() => {
    let hidden = x;
    let lastWeights: tf.Tensor4D | undefined;
    for (let i = 0; i < options.numLayers; i++) {
      const p = `${prefix}.layer.${i}`;
      const wantWeights = returnLastWeights && i === options.numLayers - 1;
      const attention = multiHeadSelfAttention(hidden, params, `${p}.attention`, options.numHeads, keyBias, ctx, wantWeights);
      if (wantWeights) lastWeights = attention.weights;
      const x1 = layerNorm(
        tf.add(attention.context, hidden),
        params(`${p}.sa_layer_norm.weight`),
        params(`${p}.sa_layer_norm.bias`),
        options.layerNormEps,
      );
      const inner = gelu(dense(x1, params(`${p}.ffn.lin1.weight`), params(`${p}.ffn.lin1.bias`)));
      const ffn = dropout(dense(inner, params(`${p}.ffn.lin2.weight`), params(`${p}.ffn.lin2.bias`)), ctx);
      hidden = layerNorm(
        tf.add(ffn, x1),
        params(`${p}.output_layer_norm.weight`),
        params(`${p}.output_layer_norm.bias`),
        options.layerNormEps,
      ) as tf.Tensor3D;
    }
    return lastWeights === undefined ? { output: hidden } : { output: hidden, lastWeights };
  });
}
