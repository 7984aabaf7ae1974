// Causal frame selection V_c = { f_k : p_k[a] > t } (paper 3.2.1, "Guided Prediction").
import * as tf from '@tensorflow/tfjs-core';
import { answerProbs, validFloat } from './gather-answer-probs.js';
import { rankFrames } from './rank-frames.js';
import { resolveSelectCausalFramesConfig } from './select-causal-frames-options.js';
import type { SelectCausalFramesOptions } from './select-causal-frames-options.js';
import type { TeacherFrameInputs } from './types.js';
import { checkTeacherInputs } from './validate.js';

/** The result of `selectCausalFrames`. The caller owns (and disposes) the three tensors. */
export interface CausalFrameSelection {
  /** [B, T] float32, 1 = frame selected (in V_c, or chosen by a fallback / top-up), 0 = not. */
  readonly mask: tf.Tensor2D;
  /** [B] int32, the number of selected frames per sample (0 only with `'skip'` or no valid frame). */
  readonly counts: tf.Tensor1D;
  /** [B] bool, true when no valid frame had p_k[a] > t, so the fallback decided the selection. */
  readonly usedFallback: tf.Tensor1D;
}

/**
 * Selects the causal frames of each sample from the image-QA teacher's per-frame probabilities
 * (paper 3.2.1): frame k of sample b is causal when it is valid and p_k[a] > t, with a = answers[b]
 * (strictly greater, as the paper writes it).
 *
 * Rules, in order, per sample (n = frames passing, nValid = valid frames):
 * - n >= 1: keep the passing frames; with `maxFrames`, only the `maxFrames` highest p_k[a]; with
 *   `minFrames`, top up with the next-highest valid frames until min(minFrames, nValid) are kept.
 *   `usedFallback` is false (a top-up is not a fallback).
 * - n = 0: `usedFallback` is true and `fallback` decides: `'argmax'` keeps the valid frame with the
 *   highest p_k[a] (the max(1, minFrames) highest when minFrames is set); `'all'` keeps every valid frame
 *   (maxFrames does not apply: it caps passing frames only); `'skip'` keeps nothing (count 0, whatever
 *   minFrames says). A sample with no valid frame at all keeps nothing either, with usedFallback true.
 * - Ordering and ties: frames are ranked by p_k[a], higher first, equal scores by lower frame index
 *   first, so truncation and top-up are deterministic.
 * - Padding (validMask 0) is never selected, by any rule.
 * - With `checkValues: false`, a NaN p_k[a] never passes and ranks below every other frame.
 *
 * A sample with `counts` 0 has no guided input: give it weight 0 in the guided and consistency terms
 * (`counts > 0` is the per-sample weight). `usedFallback && counts == 0` identifies skipped samples.
 *
 * Inputs: `teacherProbs` [B, T, C] float32 with values in [0, 1]; `answers` [B] int32 in [0, C);
 * `validMask` [B, T] 0/1 (float32, int32 or bool; default all ones).
 * Options: `threshold` t in [0, 1] (required: the paper gives no value; `SELECT_CAUSAL_FRAMES_DEFAULTS`
 * has 0.5), `fallback` ('argmax'), `minFrames` (0), `maxFrames` (null), `checkValues` (true; reads the
 * inputs once to check values, a device sync).
 *
 * Throws `ShapeError` (ranks, B/T/C mismatches), `ValueError` (dtypes, NaN or out-of-range
 * probabilities, answers outside [0, C), a mask that is not 0/1) and `ConfigError` (options).
 * Creates no tensors when it throws.
 *
 * @example
 * ```ts
 * const teacherProbs = tf.tensor3d([[[0.8, 0.2], [0.4, 0.6], [0.3, 0.7]]]); // B = 1, T = 3, C = 2
 * const { mask, counts, usedFallback } = selectCausalFrames(
 *   { teacherProbs, answers: tf.tensor1d([1], 'int32') },
 *   { threshold: 0.5 },
 * );
 * mask.print(); // [[0, 1, 1]]   counts: [2]   usedFallback: [false]
 * ```
 */
export function selectCausalFrames(inputs: TeacherFrameInputs, options: SelectCausalFramesOptions): CausalFrameSelection {
  const fn = 'selectCausalFrames';
  const config = resolveSelectCausalFramesConfig(fn, options);
  const { batch, frames } = checkTeacherInputs(fn, inputs, config.checkValues);
  const { threshold, fallback, minFrames, maxFrames } = config;

  return tf.tidy(() => {
    const valid = validFloat(inputs.validMask, [batch, frames]); // [B, T]
    // [B, T] = p_k[a]; NaN (possible only with checkValues off) never passes and ranks last.
    const raw = answerProbs(inputs.teacherProbs, inputs.answers);
    const scores = tf.where(tf.isNaN(raw), tf.fill([batch, frames], -1), raw) as tf.Tensor2D;
    const passing = tf.mul(tf.cast(tf.greater(scores, threshold), 'float32'), valid);
    const numPassing = tf.sum(passing, 1); // [B]
    const numValid = tf.sum(valid, 1); // [B]

    // How many of the best-ranked valid frames to keep when at least one frame passes...
    let keepPassing: tf.Tensor1D = numPassing as tf.Tensor1D;
    if (maxFrames !== null) keepPassing = tf.minimum(keepPassing, maxFrames);
    if (minFrames > 0) keepPassing = tf.maximum(keepPassing, tf.minimum(numValid, minFrames));
    // ...and when none passes (the fallback).
    const keepFallback =
      fallback === 'all'
        ? numValid
        : fallback === 'argmax'
          ? tf.minimum(numValid, Math.max(1, minFrames))
          : tf.zerosLike(numValid);
    const usedFallback = tf.equal(numPassing, 0);
    const keep = tf.where(usedFallback, keepFallback, keepPassing); // [B]

    const rank = rankFrames(scores, valid); // [B, T]
    const mask = tf.mul(tf.cast(tf.less(rank, tf.expandDims(keep, 1)), 'float32'), valid) as tf.Tensor2D;
    const counts = tf.cast(tf.sum(mask, 1), 'int32') as tf.Tensor1D;
    return { mask, counts, usedFallback: usedFallback as tf.Tensor1D };
  });
}
