// The frames a trained HGA attends to: `frameImportance` [B, T] of hga-forward.ts (the first co-attention
// layer's question-to-video weights, averaged over the QA tokens and candidates), read to the host.
import * as tf from '@tensorflow/tfjs';
import type { HGABackbone } from '@sparc-vqa/backbones';

/** One batch of HGA inputs in host arrays (row-major), as QADataset.batch gives them. */
export interface HGAHostInputs {
  /** [B, T, videoDim]. */
  readonly video: Float32Array;
  /** [B, C, L, wordDim]. */
  readonly qa: Float32Array;
  /** [B, C]. */
  readonly qaLengths: Int32Array;
}

/** The sizes of the host arrays. */
export interface HGAHostSizes {
  readonly batch: number;
  readonly clips: number;
  readonly videoDim: number;
  readonly candidates: number;
  readonly tokens: number;
  readonly wordDim: number;
}

/** Runs `backbone` in inference mode and returns its frame importance, one `[T]` row per sample. */
export function hgaFrameImportance(backbone: HGABackbone, inputs: HGAHostInputs, s: HGAHostSizes): Float32Array[] {
  const importance = tf.tidy(() => {
    const out = backbone.call(
      {
        video: tf.tensor3d(inputs.video, [s.batch, s.clips, s.videoDim]),
        qa: tf.tensor4d(inputs.qa, [s.batch, s.candidates, s.tokens, s.wordDim]),
        qaLengths: tf.tensor2d(inputs.qaLengths, [s.batch, s.candidates], 'int32'),
      },
      { frameImportance: true },
    );
    if (out.frameImportance === undefined) throw new Error(`${backbone.name}: the model returned no frameImportance`);
    return out.frameImportance;
  });
  try {
    const flat = importance.dataSync() as Float32Array;
    return Array.from({ length: s.batch }, (_, b) => flat.slice(b * s.clips, (b + 1) * s.clips));
  } finally {
    importance.dispose();
  }
}

/**
 * The `k` highest-scoring frames, as ascending frame indices. Ties go to the lower frame index (as the
 * selector ranks frames), so the result does not depend on the backend's top-k.
 * @throws RangeError when k is not an integer in 1..scores.length
 */
export function topKFrames(scores: ArrayLike<number>, k: number): number[] {
  if (!Number.isInteger(k) || k < 1 || k > scores.length) throw new RangeError(`topKFrames: k must be an integer in 1..${scores.length}, got ${k}`);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  return order.slice(0, k).sort((a, b) => a - b);
}
