// Soft per-frame weights from p_k[a] (beyond the paper: the "soft guidance" it names as future work, C.2).
import * as tf from '@tensorflow/tfjs-core';
import { answerProbs, validFloat } from './gather-answer-probs.js';
import { resolveSoftFrameWeightsConfig } from './soft-frame-weights-options.js';
import type { SoftFrameWeightsOptions } from './soft-frame-weights-options.js';
import type { TeacherFrameInputs } from './types.js';
import { checkTeacherInputs } from './validate.js';

/**
 * Per-frame weights [B, T] derived from the teacher's probability of the correct answer s_k = p_k[a],
 * instead of the paper's hard threshold (its appendix C.2 names "soft guidance" as future work).
 * Padding frames (validMask 0) get weight 0 in every mode; a sample without valid frames gets a zero row.
 *
 * Modes (s_k over the valid frames of a sample):
 * - `'normalized'` (default): w_k = s_k / sum_j s_j; rows sum to 1. If every s_j is 0 the row is
 *   uniform over the valid frames (1 / nValid).
 * - `'softmax'`: w_k = exp(s_k / tau) / sum_j exp(s_j / tau), computed stably; rows sum to 1.
 * - `'sigmoid'`: w_k = sigmoid((s_k - t) / tau), each in (0, 1), not normalized; as tau -> 0 it tends to
 *   the hard mask of `selectCausalFrames` (1 above t, 0 below, 0.5 at s_k = t).
 *
 * Inputs: as `selectCausalFrames`. Options: `mode` ('normalized'), `temperature` tau (0.1),
 * `threshold` t (0.5), `checkValues` (true; a device sync). Returns [B, T] float32 (constants: no
 * gradient flows to the teacher probabilities in training, which are data).
 * Throws `ShapeError`, `ValueError`, `ConfigError` as `selectCausalFrames`; creates no tensors then.
 *
 * @example
 * ```ts
 * const teacherProbs = tf.tensor3d([[[0.8, 0.2], [0.4, 0.6], [0.7, 0.3]]]); // B = 1, T = 3, C = 2
 * softFrameWeights({ teacherProbs, answers: tf.tensor1d([0], 'int32') }).print();
 * // [[0.4210526, 0.2105263, 0.368421]]   (0.8, 0.4, 0.7 divided by 1.9)
 * ```
 */
export function softFrameWeights(inputs: TeacherFrameInputs, options: SoftFrameWeightsOptions = {}): tf.Tensor2D {
  const fn = 'softFrameWeights';
  const { mode, temperature, threshold, checkValues } = resolveSoftFrameWeightsConfig(fn, options);
  const { batch, frames } = checkTeacherInputs(fn, inputs, checkValues);

  return tf.tidy(() => {
    const valid = validFloat(inputs.validMask, [batch, frames]);
    const scores = tf.mul(answerProbs(inputs.teacherProbs, inputs.answers), valid); // s_k, 0 on padding
    if (mode === 'sigmoid') {
      return tf.mul(tf.sigmoid(tf.div(tf.sub(scores, threshold), temperature)), valid) as tf.Tensor2D;
    }
    if (mode === 'softmax') {
      const z = tf.div(scores, temperature); // >= 0, so the max over valid frames is max(z * valid)
      const shifted = tf.sub(z, tf.max(z, 1, true));
      const e = tf.mul(tf.exp(shifted), valid);
      return tf.divNoNan(e, tf.sum(e, 1, true)) as tf.Tensor2D;
    }
    const total = tf.sum(scores, 1, true); // [B, 1]
    const uniform = tf.divNoNan(valid, tf.sum(valid, 1, true));
    return tf.where(tf.tile(tf.greater(total, 0), [1, frames]), tf.divNoNan(scores, total), uniform) as tf.Tensor2D;
  });
}
