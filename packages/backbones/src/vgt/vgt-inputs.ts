// Inputs and outputs of VGT (sail-sg/VGT model/vqa_model.py VGT.forward, with BERT replaced by token features).
import type * as tf from '@tensorflow/tfjs-core';
import type { QAInputs, VideoQAOutputs } from '../backbone.js';

/** Inputs of `VGTBackbone.call`. */
export interface VGTInputs extends QAInputs {
  /** [B, clips, frames, R, F + 5] float32: RoI feature (F), then the box (x1/W, y1/H, x2/W, y2/H, area). */
  readonly regions: tf.Tensor5D;
  /** [B, clips, frames, F] float32 frame appearance features. */
  readonly frames: tf.Tensor4D;
  /** [B, C, L, wordDim] float32 token features of "question [SEP] candidate" (BERT last layer). */
  readonly qa: tf.Tensor4D;
  /** int32 [B, C] valid tokens per candidate, 1..L. Masks the clip-token attention (and validTokens pooling). */
  readonly qaLengths: tf.Tensor2D;
  /** [B, clips] 0/1 (float32, int32 or bool): 0 = the clip is absent. Default: all clips valid. */
  // [V·B, clips] (V ≥ 2): V views of the batch (row v·B + b masks sample b) over one encoding of the
  // regions, frames and tokens; logits [V·B, C]. Equal to tiling the inputs V times (BatchNorm statistics
  // included), except that training dropout on the shared parts draws one mask for all views.
  readonly frameMask?: tf.Tensor2D;
}

/** Names of the intermediates `callWithDebug` returns (the fixtures' `debug.*` names, same shapes). */
export type VGTDebugName =
  | 'encode_vid'
  | 'ttrans_out'
  | 'region_graph_logits'
  | 'gnn_out'
  | 'satt_weights'
  | 'merge_fr'
  | 'cm_attended'
  | 'position_v_out'
  | 'mmt_out';

/** Outputs of `VGTBackbone.callWithDebug`. */
export interface VGTDebugOutputs extends VideoQAOutputs {
  /** [B, clips] mean attention each clip receives in the last `mmt` layer (heads and valid queries). */
  readonly frameImportance: tf.Tensor2D;
  /** [B, D] video-side vector (`fusion_proj`). */
  readonly fusionProj: tf.Tensor2D;
  /** [B, C, D] answer vectors (`answer_proj` / `answer_g`). */
  readonly answerProj: tf.Tensor3D;
  /** Intermediates under the fixture names: see fixtures/README.md, "Debug tensors (VGT)". */
  readonly debug: Readonly<Record<VGTDebugName, tf.Tensor>>;
}
