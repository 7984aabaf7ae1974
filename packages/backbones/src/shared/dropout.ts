// Inverted dropout (torch.nn.Dropout / F.dropout) seeded from a caller-supplied rng. The mask is drawn
// in JavaScript (identical on every backend) and is the only tensor kept for the backward pass.
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../backbone.js';
import { seededRandom, seedFromRng } from './seeded-random.js';

/** What every stochastic step needs: whether training is on and where seeds come from. */
export interface DropoutContext {
  readonly training: boolean;
  /** Required when `training` is true and a rate is > 0. */
  readonly rng?: Rng;
}

const applyMask = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, mask] = args as [tf.Tensor, tf.Tensor];
  const save = args[2] as tf.GradSaveFunc;
  save([mask]);
  return {
    value: tf.mul(x, mask),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.mul(dy, saved[0]!), tf.zerosLike(saved[0]!)],
  };
});

/**
 * In training, zeroes each element with probability `rate` and scales the rest by 1/(1-rate); otherwise
 * returns `x` unchanged (the same tensor). One seed is drawn from `context.rng` per call, so a seeded
 * rng reproduces the masks exactly, on every backend.
 *
 * @param x any float32 tensor
 * @param rate in [0, 1)
 */
export function dropout<T extends tf.Tensor>(x: T, rate: number, context: DropoutContext): T {
  if (!context.training || rate === 0) return x;
  if (context.rng == null) throw new Error('dropout: training with rate > 0 needs an rng');
  const uniform = seededRandom(seedFromRng(context.rng));
  const scale = 1 / (1 - rate);
  const values = new Float32Array(x.size);
  for (let i = 0; i < values.length; i++) values[i] = uniform() < rate ? 0 : scale;
  return tf.tidy(() => applyMask(x, tf.tensor(values, x.shape, 'float32'))) as T;
}
