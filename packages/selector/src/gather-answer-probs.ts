// p_k[a], the teacher's probability of the correct answer per frame (paper 3.2.1, "Guided Prediction").
import * as tf from '@tensorflow/tfjs-core';
import type { TeacherFrameInputs } from './types.js';
import { checkBoolean, checkTeacherInputs } from './validate.js';

/** Options of `gatherAnswerProbs`. */
export interface GatherAnswerProbsOptions {
  /** Check values (NaN, range, answers in [0, C), 0/1 mask); costs a device sync (default true). */
  readonly checkValues?: boolean;
}

/**
 * @internal p_k[a] as [B, T] without validation; call inside a tidy. Exact: selects the answer column
 * with a one-hot `where` (no arithmetic, so a NaN elsewhere in the row does not leak into p_k[a]).
 * (A batched `tf.gather` would be the direct form, but tfjs-backend-wasm 4.22 gives wrong results for
 * gather with batchDims.)
 */
export function answerProbs(teacherProbs: tf.Tensor3D, answers: tf.Tensor1D): tf.Tensor2D {
  const [batch, frames, candidates] = teacherProbs.shape;
  const isAnswer = tf.tile(tf.expandDims(tf.cast(tf.oneHot(answers, candidates), 'bool'), 1), [1, frames, 1]); // [B, T, C]
  return tf.sum(tf.where(isAnswer, teacherProbs, tf.zerosLike(teacherProbs)), 2) as tf.Tensor2D;
}

/** @internal The validity mask as float32 0/1 [B, T] (all ones when absent); call inside a tidy. */
export function validFloat(validMask: tf.Tensor2D | undefined, shape: readonly [number, number]): tf.Tensor2D {
  if (validMask === undefined) return tf.ones(shape as [number, number], 'float32') as tf.Tensor2D;
  return tf.cast(tf.notEqual(tf.cast(validMask, 'float32'), 0), 'float32') as tf.Tensor2D;
}

/**
 * The teacher's probability of the correct answer for every frame, p_k[a] (paper 3.2.1), the score
 * that `selectCausalFrames` thresholds. Padding frames (validMask 0) get 0.
 *
 * Inputs: `teacherProbs` [B, T, C] float32, `answers` [B] int32, optional `validMask` [B, T].
 * Returns [B, T] float32. Throws `ShapeError` / `ValueError` like `selectCausalFrames`.
 *
 * @example
 * ```ts
 * const teacherProbs = tf.tensor3d([[[0.9, 0.1], [0.3, 0.7]]]); // B = 1, T = 2, C = 2
 * gatherAnswerProbs({ teacherProbs, answers: tf.tensor1d([1], 'int32') }).print(); // [[0.1, 0.7]]
 * ```
 */
export function gatherAnswerProbs(inputs: TeacherFrameInputs, options: GatherAnswerProbsOptions = {}): tf.Tensor2D {
  const fn = 'gatherAnswerProbs';
  const checkValues = options.checkValues ?? true;
  checkBoolean(fn, 'checkValues', checkValues);
  const { batch, frames } = checkTeacherInputs(fn, inputs, checkValues);
  return tf.tidy(() => tf.mul(answerProbs(inputs.teacherProbs, inputs.answers), validFloat(inputs.validMask, [batch, frames])) as tf.Tensor2D);
}
