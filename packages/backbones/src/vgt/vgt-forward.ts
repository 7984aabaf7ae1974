// The multiple-choice forward of sail-sg/VGT model/vqa_model.py (VGT.forward, get_vqa_embedding_rfcpos,
// cm_interaction) and the logits of train/train_videoqa.py, with BERT replaced by token features.
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import { repeatRows } from '../shared/repeat-rows.js';
import type { VGTConfig } from './config.js';
import { clipTextAttention } from './modules/clip-text-attention.js';
import { dense } from './modules/dense.js';
import { dropout, type ForwardContext } from './modules/forward-context.js';
import { gelu } from './modules/gelu.js';
import { graphConvolution } from './modules/graph-convolution.js';
import { layerNorm } from './modules/layer-norm.js';
import type { ParamLookup } from './modules/param-lookup.js';
import { regionAdjacency } from './modules/region-adjacency.js';
import { regionAttentionPool } from './modules/region-attention-pool.js';
import { encodeRegions } from './modules/region-encoder.js';
import { transformer } from './modules/transformer.js';
import type { CheckedVGTInputs } from './validate-vgt-inputs.js';
import type { VGTInputs } from './vgt-inputs.js';

/** What `vgtForward` returns. */
export interface VGTForwardResult {
  readonly logits: tf.Tensor2D;
  readonly frameImportance: tf.Tensor2D;
  readonly fusionProj: tf.Tensor2D;
  readonly answerProj: tf.Tensor3D;
}

/** Additive score bias: 0 where valid, −1e9 where masked (exactly 0 weight after the softmax). */
const MASKED = -1e9;

function tokenBias(lengths: Int32Array, b: number, c: number, l: number): tf.Tensor4D {
  const bias = new Float32Array(b * c * l);
  for (let i = 0; i < b * c; i++) bias.fill(MASKED, i * l + lengths[i]!, (i + 1) * l);
  return tf.tensor4d(bias, [b, 1, c, l]);
}

/** [B·C, 1, L] weights 1/len on the valid tokens (the `validTokens` answer pooling). */
function tokenMeanWeights(lengths: Int32Array, bc: number, l: number): tf.Tensor3D {
  const w = new Float32Array(bc * l);
  for (let i = 0; i < bc; i++) w.fill(1 / lengths[i]!, i * l, i * l + lengths[i]!);
  return tf.tensor3d(w, [bc, 1, l]);
}

/**
 * [B, 1, K] weights 1/(valid clips) on the valid clips, or 1/K everywhere without a mask. A row without
 * any valid clip gets all-zero weights (its pooled video vector is 0).
 */
function clipMeanWeights(checked: CheckedVGTInputs): tf.Tensor3D {
  const { clips: k, clipMask } = checked;
  const b = checked.batch * checked.views;
  const w = new Float32Array(b * k).fill(1 / k);
  if (clipMask !== undefined) {
    for (let i = 0; i < b; i++) {
      let n = 0;
      for (let j = 0; j < k; j++) n += clipMask[i * k + j]!;
      for (let j = 0; j < k; j++) w[i * k + j] = n === 0 ? 0 : clipMask[i * k + j]! / n;
    }
  }
  return tf.tensor3d(w, [b, 1, k]);
}

/** [B·K] per-sample clip counts over the views: out[i] = sum over v of mask[v·B·K + i]. */
function sumViews(clipMask: Float32Array, views: number): Float32Array {
  if (views === 1) return clipMask;
  const n = clipMask.length / views;
  const out = new Float32Array(n);
  for (let v = 0; v < views; v++) for (let i = 0; i < n; i++) out[i] = out[i]! + clipMask[v * n + i]!;
  return out;
}

/** `views` copies of the [B·C] lengths, view-major. */
function tileLengths(lengths: Int32Array, views: number): Int32Array {
  const out = new Int32Array(lengths.length * views);
  for (let v = 0; v < views; v++) out.set(lengths, v * lengths.length);
  return out;
}

/** [N, 1] BatchNorm row weights of the region rows (clip mask repeated over frames and regions). */
function regionRowWeights(clipMask: Float32Array, perClip: number): tf.Tensor2D {
  const w = new Float32Array(clipMask.length * perClip);
  clipMask.forEach((m, i) => w.fill(m, i * perClip, (i + 1) * perClip));
  return tf.tensor2d(w, [w.length, 1]);
}

/**
 * Runs VGT on checked inputs. Must be called inside a tf.tidy (the caller's); `ctx.record` receives the
 * fixtures' debug tensors when set.
 */
export function vgtForward(
  params: ParamLookup,
  config: VGTConfig,
  inputs: VGTInputs,
  checked: CheckedVGTInputs,
  ctx: ForwardContext,
): VGTForwardResult {
  const { batch: samples, clips: k, frames: nf, regions: r, candidates: c, tokens: l, views } = checked;
  // Steps 1-8 encode the B samples once; from step 9 on the batch is the V·B rows of the views (row v·B + b).
  let b = samples;
  const d = config.dModel;
  const eps = config.layerNormEps;
  const m = b * k * nf;
  const layers = { numLayers: config.numLayers, numHeads: config.numHeads, layerNormEps: eps };

  // 1. Frame branch: LN(GELU(linear_video(frames))).
  const vf = layerNorm(gelu(dense(inputs.frames, params('linear_video.weight'), params('linear_video.bias'), { inputData: true })),
    params('norm_video.weight'), params('norm_video.bias'), eps);

  // 2. Region encoder; BatchNorm batch statistics (training) count only the regions of valid clips.
  const perClip = nf * r;
  const count = checked.validClips * perClip;
  if (ctx.training && count < 2) {
    throw new ShapeError('VGT.call', 'regions', 'more than one valid region row per BatchNorm channel in training', `${count}`);
  }
  // Each sample's region rows count once per view that keeps its clip: the statistics of the tiled batch.
  const rowWeights = ctx.training && checked.clipMask !== undefined ? regionRowWeights(sumViews(checked.clipMask, views), perClip) : undefined;
  const rows = tf.reshape(inputs.regions, [m * r, config.featureDim + config.boxDim]) as tf.Tensor2D;
  const encoded = encodeRegions(rows, params, {
    featureDim: config.featureDim, boxDim: config.boxDim, batchNormEps: config.batchNormEps,
    batchNormMomentum: config.batchNormMomentum, count, ...(rowWeights ? { rowWeights } : {}),
  }, ctx);
  ctx.record?.('encode_vid', tf.reshape(encoded, [b, k * nf, r, d]));

  // 3. Temporal transformer over the frames of each (clip, region).
  const byRegion = tf.reshape(tf.transpose(tf.reshape(encoded, [b, k, nf, r, d]), [0, 1, 3, 2, 4]), [b * k * r, nf, d]) as tf.Tensor3D;
  const temporal = transformer(byRegion, params, 'ttrans', layers, undefined, ctx).output;
  ctx.record?.('ttrans_out', temporal);
  const x = tf.reshape(tf.transpose(tf.reshape(temporal, [b, k, r, nf, d]), [0, 1, 3, 2, 4]), [m, r, d]) as tf.Tensor3D;

  // 4-6. Region graph, GCN with residual, region attention pooling.
  const adjacency = regionAdjacency(x, params, {
    groups: b * k, framesPerClip: nf, numLayers: config.numLayers, graphHeads: config.graphHeads, layerNormEps: eps,
  }, ctx);
  const gcn = graphConvolution(x, adjacency, params, 2, ctx);
  ctx.record?.('gnn_out', gcn);
  const pooled = tf.reshape(regionAttentionPool(tf.add(gcn, x), params, ctx), [b, k, nf, d]);

  // 7. Merge frame and region branches, mean over frames.
  const merged = tf.elu(dense(tf.concat([vf, pooled], -1), params('merge_fr.0.weight'), params('merge_fr.0.bias')));
  ctx.record?.('merge_fr', merged);
  const clipFeatures = repeatRows(tf.mean(merged, 2) as tf.Tensor3D, views);

  // 8. Text: project the tokens once for all candidates; answer vector = token mean.
  const tok0 = dense(inputs.qa, params('amodel.linear_text.weight'), params('amodel.linear_text.bias'), { inputData: true }) as tf.Tensor4D;
  const answerProj0 = (config.answerPooling === 'allPositions'
    ? tf.mean(tok0, 2)
    : tf.reshape(tf.matMul(tokenMeanWeights(checked.lengths, b * c, l), tf.reshape(tok0, [b * c, l, d]) as tf.Tensor3D), [b, c, d])) as tf.Tensor3D;
  const tok = repeatRows(tok0, views);
  const answerProj = repeatRows(answerProj0, views);
  const lengths = views === 1 ? checked.lengths : tileLengths(checked.lengths, views);
  b = samples * views;

  // 9. Clip-text attention per candidate, max over candidates.
  const attended = clipTextAttention(clipFeatures, tok, tokenBias(lengths, b, c, l), ctx);

  // 10. Clip positions (original clip index), LayerNorm, dropout.
  const positions = tf.slice(params('position_v.position_embeddings.weight'), [0, 0], [k, d]);
  const positioned = dropout(layerNorm<tf.Tensor3D>(tf.add(attended, positions) as tf.Tensor3D, params('position_v.LayerNorm.weight'),
    params('position_v.LayerNorm.bias'), eps), ctx);
  ctx.record?.('position_v_out', positioned);

  // 11. Clip transformer with masked keys; (masked) mean over clips; vqproj.
  const keyBias = checked.clipMask === undefined
    ? undefined
    : tf.tensor3d(checked.clipMask.map((v) => (v === 1 ? 0 : MASKED)), [b, 1, k]);
  const mmt = transformer(positioned, params, 'mmt', layers, keyBias, ctx, true);
  ctx.record?.('mmt_out', mmt.output);
  const clipWeights = clipMeanWeights(checked);
  const pooledClips = checked.clipMask === undefined
    ? tf.mean(mmt.output, 1)
    : tf.reshape(tf.matMul(clipWeights, mmt.output), [b, d]);
  const fusionProj = dense(dropout(pooledClips, ctx), params('vqproj.1.weight'), params('vqproj.1.bias')) as tf.Tensor2D;

  // 12. logits[b, c] = answer_proj[b, c] · fusion_proj[b].
  const logits = tf.reshape(tf.matMul(answerProj, tf.reshape(fusionProj, [b, d, 1]) as tf.Tensor3D), [b, c]) as tf.Tensor2D;
  const headMean = tf.mean(mmt.lastWeights!, 1) as tf.Tensor3D;
  const frameImportance = tf.reshape(tf.matMul(clipWeights, headMean), [b, k]) as tf.Tensor2D;
  return { logits, frameImportance, fusionProj, answerProj };
}
