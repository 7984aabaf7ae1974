// The reference NExT-QA model (HGA_DEFAULTS, 12.7 M parameters) on a batch of 64 at the reference shapes
// (16 clips × 4096, 5 candidates × 37 tokens × 768), on wasm only: the cpu backend's matMul is ~30x
// slower. Forward only, to keep the test suite short; see the README for train-step timings.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { seededRandom } from '../shared/seeded-random.js';
import { createHGA } from './hga.js';
import { randomHGAInputs } from './test-utils.js';

describe.runIf(testBackend() === 'wasm')('HGA at the reference size (wasm)', () => {
  it('runs a batch of 64 at the reference shapes', () => {
    const model = createHGA();
    const inputs = randomHGAInputs(seededRandom(1), { batch: 64, clips: 16, candidates: 5, tokens: 37, videoDim: 4096, tokenDim: 768 });
    const start = performance.now();
    const { logits } = model.call(inputs);
    const values = logits.dataSync();
    console.log(`[hga reference size] forward B=64: ${(performance.now() - start).toFixed(0)} ms`);
    expect(logits.shape).toEqual([64, 5]);
    expect(Array.from(values).every(Number.isFinite)).toBe(true);
    tf.dispose([logits, ...(Object.values(inputs) as tf.Tensor[])]);
    model.dispose();
  }, 120_000);
});
