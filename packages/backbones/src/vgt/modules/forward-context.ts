// Per-call state threaded through the VGT modules: training flag, dropout source, debug recorder.
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../backbone.js';

/** What every module needs to know about the current call. */
export interface ForwardContext {
  /** Training mode: dropout on, BatchNorm on batch statistics (and running statistics updated). */
  readonly training: boolean;
  /** Dropout rate (`dropout` of the reference). */
  readonly dropoutRate: number;
  /** Source of dropout seeds; required when training with a rate > 0. */
  readonly rng?: Rng;
  /** When set, modules hand their intermediate outputs to it under the fixture's `debug.*` names. */
  readonly record?: (name: string, tensor: tf.Tensor) => void;
}

// x·mask as one custom op that keeps only the mask for the backward pass.
const applyMask = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, mask, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
  save([mask]);
  return {
    value: tf.mul(x, mask),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.mul(dy, saved[0]!), tf.zerosLike(saved[0]!)],
  };
});

/**
 * nn.Dropout of the reference: inverted dropout in training (seed drawn from `ctx.rng`; the same mask
 * as `tf.dropout` with that seed), identity otherwise.
 */
export function dropout<T extends tf.Tensor>(x: T, ctx: ForwardContext): T {
  if (!ctx.training || ctx.dropoutRate === 0) return x;
  if (ctx.rng === undefined) throw new Error('dropout: an rng is required in training mode');
  const seed = Math.floor(ctx.rng() * 4294967296);
  const keep = 1 - ctx.dropoutRate;
  return tf.tidy(() => {
    const mask = tf.div(tf.floor(tf.add(tf.randomUniform(x.shape, 0, 1, 'float32', seed), keep)), keep);
    return applyMask(x, mask) as T;
  });
}
