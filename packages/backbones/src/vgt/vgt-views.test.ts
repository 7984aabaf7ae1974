// Several frame masks over one encoding (vgt-inputs.ts, frameMask [V·B, clips]) equal tiling the batch V
// times: logits, every weight gradient and the BatchNorm running statistics (the shared region rows
// count once per view that keeps their clip).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak, expectTensorClose } from '@sparc-vqa/testing';
import { ShapeError } from '../errors.js';
import type { VGTConfig } from './config.js';
import { randomVGTInputs } from './random-vgt-inputs.js';
import { createVGT } from './vgt.js';
import type { VGTInputs } from './vgt-inputs.js';

const SMALL: Partial<VGTConfig> = {
  featureDim: 12, wordDim: 16, dModel: 16, ffDim: 24, numHeads: 4, boxHiddenDim: 8, numClips: 4, framesPerClip: 2, dropout: 0, seed: 3,
};
const SIZES = { batch: 3, clips: 4, frames: 2, candidates: 3, tokens: 4 };
const B = SIZES.batch;
// View 0 whole, view 1 guided subsets, view 2 one clip per sample.
const VIEWS = [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 0, 1, 1], [0, 0, 1, 0], [0, 1, 1, 0], [0, 0, 1, 0], [1, 0, 0, 0], [0, 0, 0, 1]];
const tile = (x: tf.Tensor, n: number) => tf.concat(new Array<tf.Tensor>(n).fill(x), 0);

function setup() {
  const inputs = randomVGTInputs({ featureDim: 12, boxDim: 5, numRegions: 5, wordDim: 16 }, SIZES, 7);
  const frameMask = tf.tensor2d(VIEWS);
  const shared: VGTInputs = { ...inputs, frameMask };
  const tiled: VGTInputs = {
    regions: tile(inputs.regions, 3) as tf.Tensor5D, frames: tile(inputs.frames, 3) as tf.Tensor4D,
    qa: tile(inputs.qa, 3) as tf.Tensor4D, qaLengths: tile(inputs.qaLengths, 3) as tf.Tensor2D, frameMask,
  };
  return { shared, tiled };
}

describe('VGT frameMask with V·B rows (views over one encoding)', () => {
  it('gives the logits of the tiled batch, [V·B, C] view-major, for every answer pooling', () => {
    for (const answerPooling of ['allPositions', 'validTokens'] as const) {
      const model = createVGT({ ...SMALL, answerPooling });
      const { shared, tiled } = setup();
      const a = model.call(shared).logits;
      expect(a.shape).toEqual([3 * B, SIZES.candidates]);
      expectTensorClose(a, model.call(tiled).logits, { atol: 1e-5, rtol: 1e-4 });
      model.dispose();
    }
  });
  it('gives the gradients and BatchNorm running statistics of the tiled batch in training', () => {
    const { shared, tiled } = setup();
    const probe = tf.tensor2d(Array.from({ length: 3 * B * SIZES.candidates }, (_, i) => Math.cos(i + 1)), [3 * B, SIZES.candidates]);
    const run = (inputs: VGTInputs) => {
      const model = createVGT(SMALL);
      const { grads } = tf.variableGrads(() => tf.sum(tf.mul(model.call(inputs, { training: true }).logits, probe)) as tf.Scalar, model.trainableWeights as tf.Variable[]);
      const byName = new Map([...model.weights].map(([name, w]) => [w.name, name]));
      return { model, grads: new Map(Object.entries(grads).map(([v, g]) => [byName.get(v)!, g])) };
    };
    const a = run(shared);
    const b = run(tiled);
    expect(a.grads.size).toBe(b.grads.size);
    for (const [name, g] of a.grads) expectTensorClose(g, b.grads.get(name)!, { atol: 1e-5, rtol: 1e-3 });
    let runningStats = 0;
    for (const [name, w] of a.model.weights) {
      if (!/running_(mean|var)/.test(name)) continue;
      runningStats++;
      expectTensorClose(w, b.model.weights.get(name)!, { atol: 1e-6, rtol: 1e-4 });
    }
    expect(runningStats).toBeGreaterThan(0);
    a.model.dispose();
    b.model.dispose();
  });
  it('frees its intermediates and rejects frameMask rows that are not a multiple of B', async () => {
    const model = createVGT(SMALL);
    const { shared } = setup();
    await expectNoTensorLeak(() => model.call(shared, { training: true }) as unknown as tf.TensorContainer);
    expect(() => model.call({ ...shared, frameMask: tf.ones([B + 1, 4]) as tf.Tensor2D })).toThrow(ShapeError);
    model.dispose();
  });
});
