// Frame mixing of Temporal Guided Mixup (paper A.2: (V_c*, V_n)) and of plain mixup (Zhang et al. 2017:
// every frame), position by position on the frame grid as EIGV's networks/network.py does.
import * as tf from '@tensorflow/tfjs-core';
import { ValueError } from './errors.js';
import { assertPartner, notSelfMask, partnerTensor, withTrailingOnes, type PartnerInput } from './partner-input.js';
import {
  assertDtype,
  assertLambda,
  assertMinRank,
  assertShapePrefix,
  assertTensor,
  checkBinary,
} from './validate.js';

/**
 * Inputs of {@link mixVideo}.
 *
 * @example
 * ```ts
 * const inputs: MixVideoInputs = { video, partner: [1, 0], causalMask };
 * ```
 */
export interface MixVideoInputs {
  /** Frame (or clip) features [B, T, ...] float32, any rank >= 2 (HGA [B, T, D], VGT [B, clips, frames, R, F]). */
  readonly video: tf.Tensor;
  /** partner[i] = the batch index sample i is mixed with: int32 tensor [B] or an array of B indices. */
  readonly partner: PartnerInput;
  /**
   * Causal frames, 1 = mix, 0 = keep bit-identical: [B, T] (or a longer prefix of video's shape, e.g.
   * [B, clips, frames]) float32/int32/bool, broadcast over the remaining dims. Omitted: every frame
   * (plain mixup).
   */
  readonly causalMask?: tf.Tensor;
  /**
   * Real (1) versus padding (0) frames, same shape rules as `causalMask`. A frame is mixed only where
   * both the sample's and the partner's frame are real; elsewhere the sample's own frame is kept.
   * Omitted: every frame is real.
   */
  readonly validMask?: tf.Tensor;
}

/**
 * Options of {@link mixVideo}.
 *
 * @example
 * ```ts
 * const options: MixVideoOptions = { lambda: 0.3 };
 * ```
 */
export interface MixVideoOptions {
  /** Mixing ratio lambda in [0, 1] (the sample's own weight). */
  readonly lambda: number;
  /** Check mask values are 0/1 and tensor partner indices in [0, B) (a device sync); default true. */
  readonly checkValues?: boolean;
  /**
   * Which positions a causal mask mixes: `'union'` (default) the sample's causal frames and its
   * partner's, so the partner's evidence enters at its own positions with weight 1 - lambda, as EIGV's
   * foreground mixing does (research/mission-anchors.md 1); `'own'` only the sample's causal positions.
   */
  readonly frames?: TGMFrames;
}

/** Positions mixed under a causal mask: the sample's and its partner's causal frames, or the sample's only. */
export type TGMFrames = 'union' | 'own';

/**
 * Outputs of {@link mixVideo} (a `tf.TensorContainer`: `tf.dispose(out)` frees both tensors).
 *
 * @example
 * ```ts
 * const { video, mixedMask }: MixVideoOutputs = mixVideo(inputs, { lambda: 0.3 });
 * ```
 */
export type MixVideoOutputs = {
  /** The mixed video, same shape and dtype as the input. */
  readonly video: tf.Tensor;
  /**
   * float32 [B, T] (or the longer mask prefix): 1 where the frame was mixed, 0 where it is the input's
   * frame bit for bit (non-causal, padding on either side, or a sample that is its own partner).
   */
  readonly mixedMask: tf.Tensor;
};

/** Internal: the mixing math without checks; call inside tf.tidy. */
export function mixVideoTensors(
  video: tf.Tensor,
  partner: tf.Tensor1D,
  causalMask: tf.Tensor | undefined,
  validMask: tf.Tensor | undefined,
  lambda: number,
  frames: TGMFrames = 'union',
): { video: tf.Tensor; mixedMask: tf.Tensor } {
  const b = video.shape[0]!;
  const maskRank = Math.max(2, causalMask?.rank ?? 0, validMask?.rank ?? 0);
  const maskShape = video.shape.slice(0, maskRank);
  const pad = (t: tf.Tensor): tf.Tensor => tf.reshape(t, withTrailingOnes(t.shape, maskRank - t.rank));
  const as01 = (t: tf.Tensor): tf.Tensor => tf.cast(tf.notEqual(tf.cast(t, 'float32'), 0), 'float32');

  let mask: tf.Tensor = tf.broadcastTo(tf.reshape(notSelfMask(partner), withTrailingOnes([b], maskRank - 1)), maskShape);
  if (causalMask !== undefined) {
    const own = as01(causalMask);
    mask = tf.mul(mask, pad(frames === 'union' ? tf.maximum(own, tf.gather(own, partner, 0)) : own));
  }
  if (validMask !== undefined) {
    const valid = as01(validMask);
    mask = tf.mul(tf.mul(mask, pad(valid)), pad(tf.gather(valid, partner, 0)));
  }
  const mixed = tf.add(tf.mul(video, tf.scalar(lambda)), tf.mul(tf.gather(video, partner, 0), tf.scalar(1 - lambda)));
  // A select, not arithmetic: unmixed frames are copied bit for bit (-0, NaN and huge values included).
  const condition = tf.reshape(tf.greater(mask, 0), withTrailingOnes(maskShape, video.rank - maskRank));
  return { video: tf.where(condition, mixed, video), mixedMask: mask };
}

/** Internal: checks a frame mask against `video`. */
export function assertFrameMask(mask: unknown, video: tf.Tensor, argument: string, fn: string, checkValues: boolean): void {
  assertTensor(mask, argument, fn);
  assertDtype(mask, ['float32', 'int32', 'bool'], argument, fn);
  assertShapePrefix(mask, video, 'video', 2, ['B', 'T'], argument, fn);
  if (checkValues) checkBinary(mask, argument, fn);
}

/**
 * Mixes each sample's frames with its partner's frames at the same positions:
 * `out[i, t] = lambda * video[i, t] + (1 - lambda) * video[partner[i], t]` where `causalMask[i, t] = 1`
 * or `causalMask[partner[i], t] = 1` (`frames: 'union'`, default; `'own'`: the first only), and both
 * frames are real per `validMask`, `out[i, t] = video[i, t]` bit for bit elsewhere. A sample
 * that is its own partner is returned unchanged. With no `causalMask` this is plain mixup over all
 * frames. Use it directly to mix a second video tensor with a mixer's draw (VGT's frame features beside
 * its region features): `mixVideo({ video: frames, partner: out.partner, causalMask }, { lambda: out.lambda })`.
 *
 * @param inputs - {@link MixVideoInputs}: `video` [B, T, ...] float32, `partner` [B],
 *   `causalMask?` [B, T], `validMask?` [B, T].
 * @param options - {@link MixVideoOptions}: `lambda` in [0, 1], `checkValues` (default true).
 * @returns {@link MixVideoOutputs}: `video` (input shape), `mixedMask` [B, T] float32.
 * @throws ShapeError when video has rank < 2, a mask is not a prefix of video's shape, partner is not [B].
 * @throws ValueError when a dtype is wrong, lambda is outside [0, 1], a tensor was disposed, or (with
 *   `checkValues`) a mask holds values other than 0/1 or a partner index is outside [0, B).
 * @example
 * ```ts
 * const video = tf.tensor3d([[[1], [2]], [[10], [20]]]); // [B=2, T=2, D=1]
 * const { video: out } = mixVideo(
 *   { video, partner: [1, 0], causalMask: tf.tensor2d([[1, 0], [0, 1]]) },
 *   { lambda: 0.75 },
 * );
 * out.print(); // [[[3.25], [6.5]], [[7.75], [15.5]]]  (frames: 'own' gives [[[3.25], [2]], [[10], [15.5]]])
 * ```
 */
export function mixVideo(inputs: MixVideoInputs, options: MixVideoOptions): MixVideoOutputs {
  const fn = 'mixVideo';
  const checkValues = options.checkValues ?? true;
  const { video, partner, causalMask, validMask } = inputs;
  assertTensor(video, 'video', fn);
  assertDtype(video, ['float32'], 'video', fn);
  assertMinRank(video, 2, '[B, T, ...]', 'video', fn);
  const b = video.shape[0]!;
  assertPartner(partner, b, fn, checkValues);
  if (causalMask !== undefined) assertFrameMask(causalMask, video, 'causalMask', fn, checkValues);
  if (validMask !== undefined) assertFrameMask(validMask, video, 'validMask', fn, checkValues);
  assertLambda(options.lambda, fn);
  const frames = options.frames ?? 'union';
  if (frames !== 'union' && frames !== 'own') throw new ValueError(`${fn}: frames must be 'union' or 'own', got ${JSON.stringify(frames)}`, { field: 'frames', value: frames, constraint: "'union' or 'own'" });
  return tf.tidy(() => mixVideoTensors(video, partnerTensor(partner), causalMask, validMask, options.lambda, frames));
}
