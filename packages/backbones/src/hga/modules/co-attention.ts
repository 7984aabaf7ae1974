// Port of doc-doc/NExT-QA networks/q_v_transformer.py CoAttention / CoAttentionLayer, with padding
// masks from lengths and frameMask instead of the reference's "row sum == 0" test (fixtures/README.md).
import * as tf from '@tensorflow/tfjs-core';
import type { DropoutContext } from '../../shared/dropout.js';
import { layerNorm } from '../../shared/layer-norm.js';
import { maskedSoftmax } from '../../shared/masked-softmax.js';
import { repeatRows } from '../../shared/repeat-rows.js';
import { applyDroppedWeight, dropWeight, type DroppedWeight } from './weight-drop.js';

/** One layer's six bias-free H×H matrices (`co_attn.encoder_layers.<i>.<name>.weight_raw`). */
export interface CoAttentionLayerWeights {
  readonly linearQuestion: tf.Tensor2D;
  readonly linearVideo: tf.Tensor2D;
  readonly linearVQuestion: tf.Tensor2D;
  readonly linearVVideo: tf.Tensor2D;
  readonly linearFinalQV: tf.Tensor2D;
  readonly linearFinalVQ: tf.Tensor2D;
}

/** Result of `coAttention`. */
export interface CoAttentionResult {
  /** [C·B, Lq, H] the attended question (0 at padding tokens). */
  readonly q: tf.Tensor3D;
  /** [C·B, T, H] the attended video, per candidate (0 at masked clips). */
  readonly v: tf.Tensor3D;
  /** [C·B, Lq, T] the first layer's question-to-video attention (rows of padding tokens are 0). */
  readonly attention: tf.Tensor3D;
}

/** `x` [B, R, H] shared by all candidates, projected and repeated to [C·B, R, H] (candidate-major). */
function projectShared(x: tf.Tensor3D, w: DroppedWeight, candidates: number): tf.Tensor3D {
  if (w.perCandidate) return applyDroppedWeight(repeatRows(x, candidates), w);
  return repeatRows(applyDroppedWeight(x, w), candidates);
}

/**
 * Co-attention between question tokens and clips, `layers.length` layers. Per layer, with all six
 * projections x·Wᵀ and scale 1/√H:
 * - question -> video: softmax over valid clips of qk·vkᵀ·scale, rows of padding tokens set to 0;
 *   q' = LN(final_qv(attn · vv) + q);
 * - video -> question: softmax over valid tokens of vk·qkᵀ·scale, rows of masked clips set to 0;
 *   v' = LN(final_vq(attn · qv) + v). Both LNs are affine-free (eps 1e-5).
 *
 * @param q [C·B, Lq, H] LayerNormed question, candidate-major, 0 at padding tokens
 * @param v [B, T, H] LayerNormed video shared by the candidates, 0 at masked clips
 * @param questionMask [C·B, Lq] 0/1
 * @param videoMask [C·B, T] 0/1
 */
export function coAttention(
  q: tf.Tensor3D,
  v: tf.Tensor3D,
  questionMask: tf.Tensor2D,
  videoMask: tf.Tensor2D,
  layers: readonly CoAttentionLayerWeights[],
  rate: number,
  context: DropoutContext,
): CoAttentionResult {
  return tf.tidy(() => {
    const candidates = q.shape[0] / v.shape[0];
    const hidden = q.shape[2];
    const scale = tf.scalar(1 / Math.sqrt(hidden));
    const qKeys = tf.expandDims(questionMask, 1); // [CB, 1, Lq]
    const qRows = tf.expandDims(questionMask, 2); // [CB, Lq, 1]
    const vKeys = tf.expandDims(videoMask, 1);
    const vRows = tf.expandDims(videoMask, 2);
    let question = q;
    let video: tf.Tensor3D = v;
    let shared = true; // video is still [B, T, H], identical across candidates
    let first: tf.Tensor3D | undefined;
    for (const layer of layers) {
      const drop = (w: tf.Tensor2D) => dropWeight(w, candidates, rate, context);
      const wq = drop(layer.linearQuestion);
      const wv = drop(layer.linearVideo);
      const wvq = drop(layer.linearVQuestion);
      const wvv = drop(layer.linearVVideo);
      const wfqv = drop(layer.linearFinalQV);
      const wfvq = drop(layer.linearFinalVQ);
      const questionQ = applyDroppedWeight(question, wq);
      const questionV = applyDroppedWeight(question, wvq);
      const videoK = shared ? projectShared(video, wv, candidates) : applyDroppedWeight(video, wv);
      const videoV = shared ? projectShared(video, wvv, candidates) : applyDroppedWeight(video, wvv);
      const residualV = shared ? repeatRows(video, candidates) : video;
      const scores = tf.mul(tf.matMul(questionQ, tf.transpose(videoK, [0, 2, 1])), scale) as tf.Tensor3D; // [CB, Lq, T]
      const attnQV = tf.mul(maskedSoftmax(scores, vKeys), qRows) as tf.Tensor3D;
      const attnVQ = tf.mul(maskedSoftmax(tf.transpose(scores, [0, 2, 1]), qKeys), vRows) as tf.Tensor3D;
      const nextQ = layerNorm(tf.add(applyDroppedWeight(tf.matMul(attnQV, videoV), wfqv), question)) as tf.Tensor3D;
      const nextV = layerNorm(tf.add(applyDroppedWeight(tf.matMul(attnVQ, questionV), wfvq), residualV)) as tf.Tensor3D;
      first ??= attnQV;
      question = nextQ;
      video = nextV;
      shared = false;
    }
    return { q: question, v: video, attention: first! };
  });
}
