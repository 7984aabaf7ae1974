// Several frame masks over one encoding (hga-inputs.ts, frameMask [V·B, T]) equal tiling the batch V
// times: logits and every weight gradient, for SpARC's whole / guided / single-frame views.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak, expectTensorClose } from '@sparc-vqa/testing';
import { ShapeError } from '../errors.js';
import { seededRandom } from '../shared/seeded-random.js';
import { createHGA } from './hga.js';
import type { HGAInputs } from './hga-inputs.js';
import { randomHGAInputs, TINY } from './test-utils.js';

const B = 3;
const T = 4;
const C = 3;
const tile = (x: tf.Tensor, n: number) => tf.concat(new Array<tf.Tensor>(n).fill(x), 0);
// View 0 whole, view 1 a guided subset, view 2 one frame per sample.
const views = () =>
  tf.tensor2d(
    [
      [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1],
      [1, 0, 1, 0], [0, 0, 1, 1], [0, 1, 0, 0],
      [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 1],
    ],
    [3 * B, T],
  );

function setup() {
  const hga = createHGA({ ...TINY, dropout: 0, seed: 3 });
  const inputs = randomHGAInputs(seededRandom(11), { batch: B, clips: T, candidates: C });
  const frameMask = views();
  const shared: HGAInputs = { ...inputs, frameMask };
  const tiled: HGAInputs = { video: tile(inputs.video, 3) as tf.Tensor3D, qa: tile(inputs.qa, 3) as tf.Tensor4D, qaLengths: tile(inputs.qaLengths, 3) as tf.Tensor2D, frameMask };
  return { hga, shared, tiled };
}

describe('HGA frameMask with V·B rows (views over one encoding)', () => {
  it('gives the logits of the tiled batch, [V·B, C] view-major', () => {
    const { hga, shared, tiled } = setup();
    const a = hga.call(shared).logits;
    expect(a.shape).toEqual([3 * B, C]);
    expectTensorClose(a, hga.call(tiled).logits, { atol: 1e-5, rtol: 1e-4 });
    // The whole-video view equals a plain call on the B samples.
    expectTensorClose(tf.slice(a, [0, 0], [B, C]), hga.call({ ...shared, frameMask: tf.ones([B, T]) as tf.Tensor2D }).logits, { atol: 1e-5, rtol: 1e-4 });
  });
  it('gives the gradients of the tiled batch for every trainable weight', () => {
    const { hga, shared, tiled } = setup();
    const probe = tf.tensor2d(Array.from({ length: 3 * B * C }, (_, i) => Math.sin(i + 1)), [3 * B, C]);
    const grads = (inputs: HGAInputs) => tf.variableGrads(() => tf.sum(tf.mul(hga.call(inputs, { training: true }).logits, probe)) as tf.Scalar, hga.trainableWeights as tf.Variable[]).grads;
    const a = grads(shared);
    const b = grads(tiled);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    let nonZero = 0;
    for (const name of Object.keys(a)) {
      expectTensorClose(a[name]!, b[name]!, { atol: 1e-5, rtol: 1e-3 });
      if (tf.max(tf.abs(b[name]!)).dataSync()[0]! > 1e-6) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(10);
  });
  it('trains with dropout (one draw shared by the views on the shared parts) and frees its intermediates', async () => {
    const hga = createHGA({ ...TINY, dropout: 0.3, seed: 3 });
    const inputs = randomHGAInputs(seededRandom(11), { batch: B, clips: T, candidates: C });
    const frameMask = views();
    const logits = hga.call({ ...inputs, frameMask }, { training: true, rng: seededRandom(5) }).logits;
    expect(logits.shape).toEqual([3 * B, C]);
    expect(Array.from(logits.dataSync()).every(Number.isFinite)).toBe(true);
    await expectNoTensorLeak(() => hga.call({ ...inputs, frameMask }, { training: true, rng: seededRandom(5) }).logits);
  });
  it('rejects a frameMask whose rows are not a multiple of B', () => {
    const { hga, shared } = setup();
    expect(() => hga.call({ ...shared, frameMask: tf.ones([B + 1, T]) as tf.Tensor2D })).toThrow(ShapeError);
    expect(() => hga.call({ ...shared, frameMask: tf.ones([B + 1, T]) as tf.Tensor2D })).toThrow(/inputs.frameMask must be .* of shape \[3, 4\], got shape \[4, 4\]/);
  });
});
