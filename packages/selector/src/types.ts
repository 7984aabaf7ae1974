// Public types shared by several selector functions.
import type * as tf from '@tensorflow/tfjs-core';

/** A source of uniform random numbers in [0, 1) (e.g. a seeded mulberry32). */
export type Rng = () => number;

/**
 * Teacher knowledge for a batch (paper 3.1, 3.2.1): the inputs of `selectCausalFrames`,
 * `softFrameWeights` and `gatherAnswerProbs`.
 */
export interface TeacherFrameInputs {
  /** [B, T, C] float32: p_k, the teacher's probability for each answer candidate, per frame (or clip). */
  readonly teacherProbs: tf.Tensor3D;
  /** [B] int32: a, the index of the correct candidate, in [0, C). */
  readonly answers: tf.Tensor1D;
  /**
   * [B, T] (float32, int32 or bool), 1 = real frame, 0 = padding. Padding frames are never selected and
   * get weight 0. Default: every frame is valid.
   */
  readonly validMask?: tf.Tensor2D;
}

/**
 * A 0/1 frame mask given either as a tensor [B, T] or as plain nested arrays (rows of 0/1 numbers or
 * booleans), as read from a JSON ground-truth file. Used by the diagnostics.
 */
export type MaskLike = tf.Tensor2D | ReadonlyArray<ReadonlyArray<number | boolean>>;
