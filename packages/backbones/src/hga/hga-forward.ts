// Port of doc-doc/NExT-QA networks/VQAModel/HGA.py HGA.forward / vq_encoder, with the five candidates'
// vq_encoder calls batched into one pass (rows c·B + b, "candidate-major").
import * as tf from '@tensorflow/tfjs-core';
import type { DropoutContext } from '../shared/dropout.js';
import { layerNorm } from '../shared/layer-norm.js';
import { repeatRows } from '../shared/repeat-rows.js';
import { repeatViews } from '../shared/repeat-views.js';
import type { HGAConfig } from './config.js';
import { CO_ATTENTION_LINEARS } from './hga-weights.js';
import { learnAdjacency } from './modules/adjacency-learner.js';
import { blockChunkSizes } from './modules/block-chunk-sizes.js';
import { blockFusion, type BlockWeights } from './modules/block-fusion.js';
import { coAttention, type CoAttentionLayerWeights } from './modules/co-attention.js';
import { graphConvolution } from './modules/graph-convolution.js';
import { poolNodes } from './modules/graph-pool.js';
import { encodeQuestions } from './modules/question-encoder.js';
import { encodeVideo } from './modules/video-encoder.js';

/** Validated inputs of one forward. */
export interface HGAForwardInputs {
  /** [B, T, Dv] */
  readonly video: tf.Tensor3D;
  /** [B, C, L', Dt], L' = the longest QA length in the batch */
  readonly qa: tf.Tensor4D;
  /** [C·B, L'] 0/1 float32, candidate-major (of the B samples, not of the views) */
  readonly lengthMask: tf.Tensor2D;
  /** [V·B, T] 0/1 float32, optional (V = `views`) */
  readonly frameMask?: tf.Tensor2D;
  /** V ≥ 1 views of the batch over one video projection and QA encoding (hga-inputs.ts); default 1. */
  readonly views?: number;
}

/** Receives named intermediates (batch-major: [B, C, ...] for per-candidate ones). */
export type CaptureFn = (name: string, tensor: tf.Tensor) => void;

/** Options of `hgaForward`. */
export interface HGAForwardOptions extends DropoutContext {
  readonly frameImportance?: boolean;
  readonly capture?: CaptureFn;
}

/**
 * The HGA forward, in the caller's tidy scope. Returns logits [B, C] (and, on request, frame importance
 * [B, T]: the question-to-video co-attention averaged over valid tokens and candidates).
 */
export function hgaForward(
  weights: ReadonlyMap<string, tf.Tensor>,
  config: Readonly<HGAConfig>,
  inputs: HGAForwardInputs,
  options: HGAForwardOptions,
): { logits: tf.Tensor2D; frameImportance?: tf.Tensor2D } {
  const w2 = (name: string) => weights.get(name) as tf.Tensor2D;
  const w1 = (name: string) => weights.get(name) as tf.Tensor1D;
  const { video, qa, frameMask } = inputs;
  const views = inputs.views ?? 1;
  const [samples, clips] = video.shape;
  // From the video encoder on, the batch is the V·B rows of the views (row v·B + b).
  const batch = samples * views;
  const candidates = qa.shape[1];
  const lengthMask = repeatViews(inputs.lengthMask, candidates, views); // [C·V·B, L']
  const rate = config.dropout;
  const capture = options.capture;
  const batchMajor = (x: tf.Tensor) => {
    const rest = x.shape.slice(1);
    return tf.transpose(tf.reshape(x, [candidates, batch, ...rest]), [1, 0, ...rest.map((_, i) => i + 2)]);
  };
  const gruWeights = (prefix: string) => ({
    weightIh: w2(`${prefix}.weight_ih_l0`),
    weightHh: w2(`${prefix}.weight_hh_l0`),
    biasIh: w1(`${prefix}.bias_ih_l0`),
    biasHh: w1(`${prefix}.bias_hh_l0`),
  });

  // 1. Video encoder, once for all candidates.
  const vid = encodeVideo(
    video,
    { projectionWeight: w2('vid_encoder.vid2hid.0.weight'), projectionBias: w1('vid_encoder.vid2hid.0.bias'), gru: gruWeights('vid_encoder.rnn') },
    frameMask,
    rate,
    options,
    views,
  );
  capture?.('vid_encoder.output', vid.outputs);
  capture?.('vid_encoder.hidden', vid.last);

  // 2a-b. Token projection and question GRU, all candidates at once (once for all views).
  const encoded = encodeQuestions(
    qa,
    { embeddingWeight: w2('qns_encoder.embedding.weight'), embeddingBias: w1('qns_encoder.embedding.bias'), gru: gruWeights('qns_encoder.rnn') },
    inputs.lengthMask,
    rate,
    options,
  );
  const qns = { outputs: repeatViews(encoded.outputs, candidates, views), last: repeatViews(encoded.last, candidates, views) };
  if (capture) {
    capture('qns_encoder.output', batchMajor(qns.outputs));
    capture('qns_encoder.hidden', batchMajor(qns.last));
  }

  // 2c. Affine-free LayerNorms (zero rows stay zero).
  const qLN = layerNorm(qns.outputs) as tf.Tensor3D;
  const vLN = layerNorm(vid.outputs) as tf.Tensor3D;
  if (capture) capture('q_ln', batchMajor(qLN));

  // 2d. Co-attention.
  const videoMask = repeatRows(frameMask ?? (tf.ones([batch, clips]) as tf.Tensor2D), candidates); // [C·B, T]
  const layers: CoAttentionLayerWeights[] = [];
  for (let i = 0; i < config.coAttentionLayers; i++) {
    const [q, v, vq, vv, fqv, fvq] = CO_ATTENTION_LINEARS.map((n) => w2(`co_attn.encoder_layers.${i}.${n}.weight_raw`));
    layers.push({ linearQuestion: q!, linearVideo: v!, linearVQuestion: vq!, linearVVideo: vv!, linearFinalQV: fqv!, linearFinalVQ: fvq! });
  }
  const co = coAttention(qLN, vLN, lengthMask, videoMask, layers, rate, options);
  if (capture) {
    capture('co_attn.q', batchMajor(co.q));
    capture('co_attn.v', batchMajor(co.v));
    capture('co_attn.attention', batchMajor(co.attention));
  }

  // 2e. Adjacency over the nodes concat(q', v').
  const nodes = tf.concat([co.q, co.v], 1) as tf.Tensor3D; // [C·B, L'+T, H]
  const adjacency = learnAdjacency(nodes, {
    g1: w2('adj_learner.edge_layer_1.weight_g'),
    v1: w2('adj_learner.edge_layer_1.weight_v'),
    g2: w2('adj_learner.edge_layer_2.weight_g'),
    v2: w2('adj_learner.edge_layer_2.weight_v'),
  });
  if (capture) capture('adj', batchMajor(adjacency));

  // 2f. GCN.
  const gcnWeights = Array.from({ length: config.gcnLayers + 1 }, (_, i) => w2(`gcn.layers.${i}.weight.weight`));
  const graph = graphConvolution(nodes, adjacency, gcnWeights, rate, options);
  if (capture) capture('gcn', batchMajor(graph));

  // 2g. Pooling.
  const nodeMask = tf.concat([lengthMask, videoMask], 1) as tf.Tensor2D;
  const local = poolNodes(
    graph,
    nodeMask,
    { weight0: w2('gcn_atten_pool.0.weight'), bias0: w1('gcn_atten_pool.0.bias'), weight2: w2('gcn_atten_pool.2.weight'), bias2: w1('gcn_atten_pool.2.bias') },
    config.pooling,
  );

  // 2h-i. Block fusions.
  const sizes = blockChunkSizes(config.blockMmDim, config.blockChunks)!;
  const block = (prefix: string): BlockWeights => {
    const lin = (name: string) => ({ weight: w2(`${prefix}.${name}.weight`), bias: w1(`${prefix}.${name}.bias`) });
    return {
      linear0: lin('linear0'),
      linear1: lin('linear1'),
      merge0: sizes.map((_, i) => lin(`merge_linears0.${i}`)),
      merge1: sizes.map((_, i) => lin(`merge_linears1.${i}`)),
      linearOut: lin('linear_out'),
    };
  };
  const global = blockFusion(qns.last, vid.last, block('global_fusion'), { sizes, rank: config.blockRank, dropoutInput: rate, repeat1: candidates }, options);
  if (capture) {
    capture('global_out', batchMajor(global));
    capture('local_out', batchMajor(local));
  }
  const score = blockFusion(global, local, block('fusion'), { sizes, rank: config.blockRank, dropoutInput: 0 }, options); // [C·B, 1]

  // 3. Stack the candidates' scores: [B, C].
  const logits = tf.transpose(tf.reshape(score, [candidates, batch])) as tf.Tensor2D;
  if (!options.frameImportance) return { logits };
  const perCandidate = tf.div(tf.sum(co.attention, 1), tf.sum(lengthMask, 1, true)); // [C·B, T]
  const frameImportance = tf.mean(tf.reshape(perCandidate, [candidates, batch, clips]), 0) as tf.Tensor2D;
  return { logits, frameImportance };
}
