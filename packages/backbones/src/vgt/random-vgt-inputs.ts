// Seeded random VGT inputs of any size (for tests, examples and benchmarks).
import * as tf from '@tensorflow/tfjs-core';
import type { VGTConfig } from './config.js';
import { createSeededRandom } from './modules/seeded-random.js';
import type { VGTInputs } from './vgt-inputs.js';

/** Input sizes of `randomVGTInputs`. */
export interface RandomVGTSizes {
  readonly batch: number;
  readonly clips: number;
  readonly frames: number;
  readonly candidates: number;
  readonly tokens: number;
}

/**
 * Standard-normal regions, frames and qa features of the configured widths (boxes uniform in [0, 1)),
 * qaLengths uniform in 1..L, no frameMask. Deterministic from `seed`. The caller owns the tensors.
 */
export function randomVGTInputs(
  config: Pick<VGTConfig, 'featureDim' | 'boxDim' | 'numRegions' | 'wordDim'>,
  sizes: RandomVGTSizes,
  seed = 1,
): VGTInputs {
  const random = createSeededRandom(seed);
  const { batch: b, clips: k, frames: f, candidates: c, tokens: l } = sizes;
  const r = config.numRegions;
  const width = config.featureDim + config.boxDim;
  const regions = new Float32Array(b * k * f * r * width);
  for (let i = 0; i < regions.length; i++) {
    regions[i] = i % width < config.featureDim ? random.normal() : random.uniform();
  }
  const frames = Float32Array.from({ length: b * k * f * config.featureDim }, () => random.normal());
  const qa = Float32Array.from({ length: b * c * l * config.wordDim }, () => random.normal());
  const lengths = Int32Array.from({ length: b * c }, () => 1 + Math.floor(random.uniform() * l));
  return {
    regions: tf.tensor5d(regions, [b, k, f, r, width]),
    frames: tf.tensor4d(frames, [b, k, f, config.featureDim]),
    qa: tf.tensor4d(qa, [b, c, l, config.wordDim]),
    qaLengths: tf.tensor2d(lengths, [b, c], 'int32'),
  };
}
