// HGA runs the shared VideoQABackbone contract suite (src/testing), on cpu and wasm.
import { testBackend } from '@sparc-vqa/testing';
import { describeBackboneContract } from '../testing/index.js';
import type { HGAConfig } from './config.js';
import { createHGA } from './hga.js';
import type { HGAInputs } from './hga-inputs.js';
import { gatherClips, perturbMaskedClips, randomHGAInputs, TINY } from './test-utils.js';

const tolerance = testBackend() === 'wasm' ? 1e-4 : 1e-5;

for (const pooling of ['sum', 'attention'] as const) {
  describeBackboneContract<HGAInputs, HGAConfig>({
    name: `HGA (pooling: ${pooling})`,
    create: (seed) => createHGA({ ...TINY, pooling, seed }),
    fromConfig: (config) => createHGA(config),
    inputs: (rng) => randomHGAInputs(rng),
    frameMaskShape: (inputs) => [inputs.video.shape[0], inputs.video.shape[1]],
    withFrameMask: (inputs, frameMask) => ({ ...inputs, frameMask }),
    perturbMaskedFrames: perturbMaskedClips,
    gatherFrames: gatherClips,
    tolerance,
  });
}

describeBackboneContract<HGAInputs, HGAConfig>({
  name: 'HGA (trainCoAttention: true, 2 co-attention layers)',
  create: (seed) => createHGA({ ...TINY, trainCoAttention: true, coAttentionLayers: 2, seed }),
  fromConfig: (config) => createHGA(config),
  inputs: (rng) => randomHGAInputs(rng),
  frameMaskShape: (inputs) => [inputs.video.shape[0], inputs.video.shape[1]],
  withFrameMask: (inputs, frameMask) => ({ ...inputs, frameMask }),
  perturbMaskedFrames: perturbMaskedClips,
  gatherFrames: gatherClips,
  tolerance,
});
