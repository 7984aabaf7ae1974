// A 0/1 frame mask drawn from per-frame keep probabilities (beyond the paper: stochastic "soft guidance",
// its appendix C.2 future work; with softFrameWeights' 'sigmoid' weights it tends to the hard selection).
import * as tf from '@tensorflow/tfjs-core';
import { validFloat } from './gather-answer-probs.js';
import { drawUniforms } from './draw-uniforms.js';
import { resolveSampleFrameMaskConfig } from './sample-frame-mask-options.js';
import type { SampleFrameMaskOptions } from './sample-frame-mask-options.js';
import { checkIsTensor, checkMask, checkProbabilityValues, checkRank, valueError } from './validate.js';

/** Inputs of `sampleFrameMask`. */
export interface SampleFrameMaskInputs {
  /** [B, T] float32 keep probabilities in [0, 1], e.g. `softFrameWeights(..., { mode: 'sigmoid' })`. */
  readonly weights: tf.Tensor2D;
  /** [B, T] 0/1 (float32, int32 or bool): 1 = real frame, 0 = padding (never kept). Default: all valid. */
  readonly validMask?: tf.Tensor2D;
}

/** The result of `sampleFrameMask`. The caller owns (and disposes) both tensors. */
export interface SampledFrameMask {
  /** [B, T] float32 0/1: frame k of sample b is kept when u_bk < w_bk (and it is valid). */
  readonly mask: tf.Tensor2D;
  /** [B] int32: kept frames per sample (0 is possible: pair it with a fallback, e.g. the hard selection). */
  readonly counts: tf.Tensor1D;
}

/**
 * Draws one Bernoulli variable per frame: frame k of sample b is kept with probability w_bk, so that over
 * many draws a frame is shown to the guided view as often as its weight says. This turns per-frame soft
 * weights into the 0/1 `frameMask` every backbone takes, without giving fractional masks a meaning.
 *
 * Randomness: exactly B·T numbers u_bk are drawn per call, in row-major order (b, then k), from `rng` or
 * from a fresh mulberry32 generator seeded with `seed`. Same seed (or rng state) -> same mask on every
 * backend. Weights 0 are never kept and weights 1 always are (u is in [0, 1)).
 *
 * Options: exactly one of `seed` (safe integer) or `rng` (() => number in [0, 1)); `checkValues` (true).
 * Throws `ShapeError` (weights not [B, T], validMask of another shape), `ValueError` (weights not float32,
 * NaN or outside [0, 1], validMask not 0/1), `ConfigError` (options, or an rng value outside [0, 1)).
 * Creates no tensors when it throws.
 *
 * @example
 * ```ts
 * const weights = tf.tensor2d([[0.9, 0.1, 1, 0]]);
 * sampleFrameMask({ weights }, { rng: () => 0.5 }).mask.print(); // [[1, 0, 1, 0]]
 * ```
 */
export function sampleFrameMask(inputs: SampleFrameMaskInputs, options: SampleFrameMaskOptions): SampledFrameMask {
  const fn = 'sampleFrameMask';
  const config = resolveSampleFrameMaskConfig(fn, options);
  if (typeof inputs !== 'object' || inputs === null) throw valueError(fn, 'inputs', inputs, 'an object { weights, validMask? }');
  const { weights, validMask } = inputs;
  checkIsTensor(fn, 'weights', weights);
  checkRank(fn, 'weights', weights, 2, '[B, T] (rank 2)');
  if (weights.dtype !== 'float32') throw valueError(fn, 'weights.dtype', weights.dtype, "'float32'");
  const [batch, frames] = weights.shape;
  if (validMask !== undefined) checkMask(fn, 'validMask', validMask, batch, frames, 'weights', config.checkValues);
  if (config.checkValues) checkProbabilityValues(fn, 'weights', weights);

  const draws = drawUniforms(fn, config, batch * frames);

  return tf.tidy(() => {
    const keep = tf.cast(tf.less(tf.tensor2d(draws, [batch, frames]), weights), 'float32');
    const mask = tf.mul(keep, validFloat(validMask, [batch, frames])) as tf.Tensor2D;
    const counts = tf.cast(tf.sum(mask, 1), 'int32') as tf.Tensor1D;
    return { mask, counts };
  });
}
