// One frame per sample, uniformly at random, for the spatial distillation term (paper 3.2.2).
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from './errors.js';
import { validFloat } from './gather-answer-probs.js';
import { drawUniforms } from './draw-uniforms.js';
import { resolvePickSingleFrameConfig } from './pick-single-frame-options.js';
import type { PickSingleFrameOptions } from './pick-single-frame-options.js';
import { checkIsTensor, checkMask, checkRank, configError, valueError } from './validate.js';

/** Inputs of `pickSingleFrame`. */
export interface PickSingleFrameInputs {
  /** [B, T] 0/1 (float32, int32 or bool): 1 = real frame, 0 = padding (never picked). */
  readonly validMask: tf.Tensor2D;
  /** [B, T] 0/1, e.g. `selectCausalFrames(...).mask`; required when `among` is `'causal'`. */
  readonly causalMask?: tf.Tensor2D;
}

/** The result of `pickSingleFrame`. The caller owns (and disposes) both tensors. */
export interface SingleFramePick {
  /** [B] int32, i: the picked frame index per sample, or -1 for a sample with no valid frame. */
  readonly index: tf.Tensor1D;
  /** [B, T] float32 one-hot of `index` (a zero row for a sample with no valid frame). */
  readonly mask: tf.Tensor2D;
}

/**
 * Picks one frame i per sample, uniformly at random among its valid frames, for the "Single Frame
 * Prediction" M_V({f_i}, Q) of the spatial distillation loss (paper 3.2.2). Padding frames are never
 * picked.
 *
 * Randomness: exactly B numbers are drawn per call, one per sample in batch order, from `rng` or from a
 * fresh mulberry32 generator seeded with `seed`; sample b with n eligible frames takes the
 * floor(u_b * n)-th of them (in frame order). The same seed (or an rng in the same state) gives the same
 * picks on every backend. A `seed` restarts the stream on every call, so a training loop should derive
 * one seed per step or pass an `rng` that it keeps.
 *
 * Option `among: 'causal'` (beyond the paper, default `'valid'`) restricts the pick to the frames of
 * `inputs.causalMask` (intersected with the valid frames); a sample whose causal set is empty picks
 * among its valid frames instead.
 *
 * A sample with no valid frame gets index -1 and a zero mask row: give it weight 0.
 *
 * Inputs: `validMask` [B, T] 0/1; `causalMask` [B, T] 0/1 (only with `among: 'causal'`).
 * Options: exactly one of `seed` (safe integer) or `rng` (() => number in [0, 1)); `among`
 * ('valid'). Values of the masks are checked (0/1), which costs a device sync.
 * Throws `ShapeError`, `ValueError` (mask values or dtype) and `ConfigError` (options, or an rng value
 * outside [0, 1)). Creates no tensors when it throws.
 *
 * @example
 * ```ts
 * const validMask = tf.tensor2d([[1, 1, 1, 0], [1, 0, 0, 0]]);
 * const { index, mask } = pickSingleFrame({ validMask }, { seed: 42 });
 * index.print(); // [1, 0]: sample 0 drew frame 1 of its valid frames 0..2; sample 1 can only pick frame 0
 * ```
 */
export function pickSingleFrame(inputs: PickSingleFrameInputs, options: PickSingleFrameOptions): SingleFramePick {
  const fn = 'pickSingleFrame';
  const config = resolvePickSingleFrameConfig(fn, options);
  if (typeof inputs !== 'object' || inputs === null) throw valueError(fn, 'inputs', inputs, 'an object { validMask, causalMask? }');
  const { validMask, causalMask } = inputs;
  checkIsTensor(fn, 'validMask', validMask);
  checkRank(fn, 'validMask', validMask, 2, '[B, T] (rank 2)');
  const [batch, frames] = validMask.shape;
  checkMask(fn, 'validMask', validMask, batch, frames, 'validMask', true);
  if (config.among === 'causal') {
    if (causalMask === undefined) {
      const constraint = "'valid' unless inputs.causalMask is given";
      throw new ConfigError(`${fn}: among 'causal' needs inputs.causalMask, which was not given`, {
        field: 'among',
        value: 'causal',
        constraint,
      });
    }
    checkMask(fn, 'causalMask', causalMask, batch, frames, 'validMask', true);
  }

  const draws = drawUniforms(fn, config, batch);

  return tf.tidy(() => {
    const valid = validFloat(validMask, [batch, frames]);
    let eligible = valid;
    if (config.among === 'causal' && causalMask !== undefined) {
      const causal = tf.mul(validFloat(causalMask, [batch, frames]), valid);
      const hasCausal = tf.greater(tf.sum(causal, 1, true), 0); // [B, 1]
      eligible = tf.where(tf.tile(hasCausal, [1, frames]), causal, valid) as tf.Tensor2D;
    }
    const count = tf.sum(eligible, 1); // [B]
    // r_b = floor(u_b * n_b), clamped to n_b - 1 against float32 rounding; -1 when n_b = 0.
    const target = tf.minimum(tf.floor(tf.mul(tf.tensor1d(draws, 'float32'), count)), tf.sub(count, 1));
    const position = tf.sub(tf.cumsum(eligible, 1), 1); // 0-based position among eligible frames
    const mask = tf.mul(tf.cast(tf.equal(position, tf.expandDims(target, 1)), 'float32'), eligible) as tf.Tensor2D;
    const frameIndex = tf.range(0, frames, 1, 'float32');
    const picked = tf.sum(tf.mul(mask, frameIndex), 1);
    const index = tf.cast(tf.where(tf.greater(count, 0), picked, tf.fill([batch], -1)), 'int32') as tf.Tensor1D;
    return { index, mask };
  });
}
