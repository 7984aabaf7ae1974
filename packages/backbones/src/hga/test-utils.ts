// Helpers for the HGA tests: small configurations and random inputs in the reference layout.
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../backbone.js';
import type { HGAConfig } from './config.js';
import type { HGAInputs } from './hga-inputs.js';

/** A tiny HGA (uneven Block chunks: 14 = 5 + 5 + 4). */
export const TINY: Partial<HGAConfig> = Object.freeze({
  videoDim: 12,
  hiddenSize: 8,
  tokenDim: 10,
  wordDim: 6,
  blockMmDim: 14,
  blockChunks: 3,
  blockRank: 2,
});

/** Sizes of `randomHGAInputs`. */
export interface InputSizes {
  readonly batch?: number;
  readonly clips?: number;
  readonly candidates?: number;
  readonly tokens?: number;
  readonly videoDim?: number;
  readonly tokenDim?: number;
}

/**
 * Random inputs: video N(0,1)-ish, QA tokens with zero rows past each length, lengths in [1, L] with at
 * least one 1 and one L.
 */
export function randomHGAInputs(rng: Rng, sizes: InputSizes = {}): HGAInputs {
  const { batch = 2, clips = 4, candidates = 3, tokens = 5, videoDim = 12, tokenDim = 10 } = sizes;
  const rand = (n: number) => Float32Array.from({ length: n }, () => 2 * rng() - 1);
  const lengths = Int32Array.from({ length: batch * candidates }, () => 1 + Math.floor(rng() * tokens));
  lengths[0] = tokens;
  if (lengths.length > 1) lengths[lengths.length - 1] = 1;
  const qa = rand(batch * candidates * tokens * tokenDim);
  for (let i = 0; i < batch * candidates; i++) qa.fill(0, (i * tokens + lengths[i]!) * tokenDim, (i + 1) * tokens * tokenDim);
  return {
    video: tf.tensor3d(rand(batch * clips * videoDim), [batch, clips, videoDim]),
    qa: tf.tensor4d(qa, [batch, candidates, tokens, tokenDim]),
    qaLengths: tf.tensor2d(lengths, [batch, candidates], 'int32'),
  };
}

/** `inputs` with the video values of masked clips (mask 0) replaced by new random values. */
export function perturbMaskedClips(inputs: HGAInputs, frameMask: tf.Tensor2D, rng: Rng): HGAInputs {
  const video = tf.tidy(() => {
    const m = tf.expandDims(frameMask, 2);
    const noise = tf.tensor(Float32Array.from({ length: inputs.video.size }, () => 10 * (2 * rng() - 1)), inputs.video.shape);
    return tf.add(tf.mul(inputs.video, m), tf.mul(noise, tf.sub(1, m))) as tf.Tensor3D;
  });
  return { ...inputs, video };
}

/** `inputs` restricted to the clips `keep`. */
export function gatherClips(inputs: HGAInputs, keep: readonly number[]): HGAInputs {
  const { frameMask: _ignored, ...rest } = inputs;
  return { ...rest, video: tf.gather(inputs.video, [...keep], 1) as tf.Tensor3D };
}
