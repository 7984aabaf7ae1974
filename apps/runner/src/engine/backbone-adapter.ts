// What the training engine needs to know about a backbone (shared/SPEC.md section 2, the backbone
// contract): how to turn a host batch into its input tensors, which axis of them frameMask indexes, and
// which teacher frame each masked position stands for. The SpARC step (sparc-step.ts) and inference
// (predict.ts) are written once against this interface; hga-adapter.ts and vgt-adapter.ts implement it.
import * as tf from '@tensorflow/tfjs';
import type { QAInputs, VideoQABackbone } from '@sparc-vqa/backbones';
import type { HostBatch } from './qa-dataset.js';

/** The inputs a backbone's `call` takes: QA tensors plus its video tensors and an optional frameMask. */
export type AdaptedInputs = QAInputs & { readonly frameMask?: tf.Tensor2D };

/** A backbone as the engine drives it. */
export interface BackboneAdapter {
  readonly backbone: VideoQABackbone<AdaptedInputs>;
  /**
   * K: the positions of the backbone's frameMask axis (HGA clips; VGT clips). Selection, the single frame,
   * TGM and every view mask work on these K positions.
   */
  readonly frames: number;
  /**
   * teacherFrameOf[k] = the teacher frame (0..T-1) whose probabilities mask position k takes, or null when
   * position k is teacher frame k (K = T).
   */
  readonly teacherFrameOf: Int32Array | null;
  /**
   * True when the backbone takes a frameMask of n·B rows over B samples (n views sharing one encoding of
   * what does not depend on the mask; HGA and VGT); otherwise the step tiles the batch n times.
   */
  readonly sharedViews?: boolean;
  /**
   * The video tensors of a batch, each [B, K, ...]: axis 1 is the frameMask axis, so mixup mixes them
   * position by position with one [B, K] mask. The caller owns (or tidies) them.
   */
  video(batch: HostBatch): tf.Tensor[];
  /** The `call` inputs from video tensors shaped like `video`'s (possibly mixed and tiled) and QA tensors. */
  inputs(video: readonly tf.Tensor[], qa: tf.Tensor, qaLengths: tf.Tensor, frameMask?: tf.Tensor): AdaptedInputs;
}

/** The backbone-specific part of an adapter. */
export type AdapterParts = Omit<BackboneAdapter, 'backbone'>;

/** Completes `parts` with the backbone (typed to take the inputs `parts.inputs` builds). */
export function adaptBackbone(backbone: VideoQABackbone<never>, parts: AdapterParts): BackboneAdapter {
  return { ...parts, backbone: backbone as unknown as VideoQABackbone<AdaptedInputs> };
}

/** Tiles a [B, ...] tensor `times` times along the batch axis. */
export function tileBatch(x: tf.Tensor, times: number): tf.Tensor {
  return times === 1 ? x : tf.concat(Array.from({ length: times }, () => x), 0);
}
