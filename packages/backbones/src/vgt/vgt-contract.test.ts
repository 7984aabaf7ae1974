// VGT runs the shared VideoQABackbone contract suite (src/testing), on cpu and wasm.
import * as tf from '@tensorflow/tfjs-core';
import { testBackend } from '@sparc-vqa/testing';
import { describeBackboneContract } from '../testing/index.js';
import { resolveVGTConfig, type VGTConfig } from './config.js';
import { randomVGTInputs } from './random-vgt-inputs.js';
import { createVGT } from './vgt.js';
import type { VGTInputs } from './vgt-inputs.js';

const SMALL: Partial<VGTConfig> = {
  featureDim: 12, wordDim: 16, dModel: 16, ffDim: 24, numHeads: 4, boxHiddenDim: 8, numClips: 3, framesPerClip: 2,
};

describeBackboneContract<VGTInputs, VGTConfig>({
  name: 'VGT',
  create: (seed) => createVGT({ ...SMALL, seed }),
  fromConfig: (config) => createVGT(config),
  inputs: (rng) => randomVGTInputs(resolveVGTConfig(SMALL), { batch: 2, clips: 3, frames: 2, candidates: 3, tokens: 4 }, Math.floor(rng() * 2 ** 31)),
  frameMaskShape: (inputs) => [inputs.regions.shape[0], inputs.regions.shape[1]],
  withFrameMask: (inputs, frameMask) => ({ ...inputs, frameMask }),
  perturbMaskedFrames: (inputs, mask, rng) => tf.tidy(() => {
    const seed = Math.floor(rng() * 2 ** 31);
    const mix = (t: tf.Tensor, keep: tf.Tensor): tf.Tensor =>
      tf.add(tf.mul(t, keep), tf.mul(tf.randomNormal(t.shape, 0, 10, 'float32', seed), tf.sub(1, keep)));
    return {
      ...inputs,
      regions: mix(inputs.regions, tf.reshape(mask, [...mask.shape, 1, 1, 1])) as tf.Tensor5D,
      frames: mix(inputs.frames, tf.reshape(mask, [...mask.shape, 1, 1])) as tf.Tensor4D,
    };
  }),
  tolerance: testBackend() === 'wasm' ? 1e-4 : 1e-5,
});

