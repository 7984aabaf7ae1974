// frameMask semantics (shared/SPEC.md section 1): a masked clip behaves as absent.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '@sparc-vqa/testing';
import type { VGTConfig } from './config.js';
import { randomVGTInputs } from './random-vgt-inputs.js';
import { createVGT } from './vgt.js';
import type { VGTInputs } from './vgt-inputs.js';

const SMALL: Partial<VGTConfig> = {
  featureDim: 12, wordDim: 16, dModel: 16, ffDim: 24, numHeads: 4, boxHiddenDim: 8, numClips: 4, framesPerClip: 2, seed: 3,
};
const SIZES = { batch: 3, clips: 4, frames: 2, candidates: 3, tokens: 4 };
const MASK = [[1, 0, 1, 1], [0, 0, 1, 0], [1, 1, 1, 1]];

const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());

/** Replaces the regions and frames of masked clips by other (large) random values. */
function perturbMaskedClips(inputs: VGTInputs, mask: tf.Tensor2D, seed: number): VGTInputs {
  return tf.tidy(() => {
    const keep5 = tf.reshape(mask, [...mask.shape, 1, 1, 1]);
    const keep4 = tf.reshape(mask, [...mask.shape, 1, 1]);
    const noise = (t: tf.Tensor): tf.Tensor => tf.mul(tf.randomNormal(t.shape, 0, 50, 'float32', seed), 1);
    const mix = (t: tf.Tensor, keep: tf.Tensor): tf.Tensor => tf.add(tf.mul(t, keep), tf.mul(noise(t), tf.sub(1, keep)));
    return { ...inputs, regions: mix(inputs.regions, keep5) as tf.Tensor5D, frames: mix(inputs.frames, keep4) as tf.Tensor4D };
  });
}

describe('VGT frameMask', () => {
  const model = createVGT(SMALL);
  const inputs = randomVGTInputs(model.config, SIZES, 11);
  const mask = tf.tensor2d(MASK);
  const perturbed = perturbMaskedClips(inputs, mask, 5);
  afterAll(() => {
    model.dispose();
    tf.dispose([inputs, perturbed.regions, perturbed.frames, mask] as unknown as tf.TensorContainer);
  });

  it('an all-ones mask gives the unmasked (reference) output', () => {
    const ones = tf.ones([3, 4]) as tf.Tensor2D;
    const [a, b] = [model.call(inputs), model.call({ ...inputs, frameMask: ones })];
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a.logits, b.logits))).dataSync()[0]!);
    expect(diff).toBeLessThan(1e-5);
    tf.dispose([a, b, ones] as unknown as tf.TensorContainer);
  });

  it('logits never depend on the values of masked clips (inference)', () => {
    const a = model.call({ ...inputs, frameMask: mask });
    const b = model.call({ ...perturbed, frameMask: mask });
    const c = model.call(perturbed);
    expect(read(b.logits)).toEqual(read(a.logits));
    expect(read(c.logits)).not.toEqual(read(a.logits)); // the perturbation matters without the mask
    tf.dispose([a, b, c] as unknown as tf.TensorContainer);
  });

  it('logits and BatchNorm statistics never depend on masked clips in training either', () => {
    const snapshot = (): number[][] => ['1', '4'].flatMap((i) => ['running_mean', 'running_var'].map((s) =>
      read(model.weights.get(`encode_vid.bbox_conv.${i}.${s}`)!)));
    const saved = snapshot();
    const restore = (): void => {
      let j = 0;
      for (const i of ['1', '4']) for (const s of ['running_mean', 'running_var']) {
        model.weights.get(`encode_vid.bbox_conv.${i}.${s}`)!.assign(tf.tensor1d(saved[j++]!));
      }
    };
    const a = model.call({ ...inputs, frameMask: mask }, { training: true, rng: mulberry32(9) });
    const statsA = snapshot();
    restore();
    const b = model.call({ ...perturbed, frameMask: mask }, { training: true, rng: mulberry32(9) });
    expect(read(b.logits)).toEqual(read(a.logits));
    expect(snapshot()).toEqual(statsA);
    restore();
    tf.dispose([a, b] as unknown as tf.TensorContainer);
  });

  it('gives masked clips zero frame importance; importance sums to 1 over valid clips', () => {
    const out = model.call({ ...inputs, frameMask: mask });
    const importance = out.frameImportance.arraySync();
    importance.forEach((row, b) => {
      row.forEach((v, c) => (MASK[b]![c] === 0 ? expect(v).toBe(0) : expect(v).toBeGreaterThan(0)));
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    });
    tf.dispose(out as unknown as tf.TensorContainer);
  });

  it('a single-clip mask works (the spatial-distillation view) and keeps the original clip position', () => {
    const single = tf.tensor2d([[0, 0, 1, 0], [0, 0, 1, 0], [0, 0, 1, 0]]);
    const out = model.call({ ...inputs, frameMask: single });
    expect(read(out.logits).every(Number.isFinite)).toBe(true);
    expect(out.frameImportance.arraySync().map((r) => r[2])).toEqual([1, 1, 1]);
    // The same clip content moved to position 0 gives other logits: positions keep the clip index.
    const moved = tf.tidy(() => {
      const order = tf.tensor1d([2, 1, 0, 3], 'int32');
      return { ...inputs, regions: tf.gather(inputs.regions, order, 1) as tf.Tensor5D, frames: tf.gather(inputs.frames, order, 1) as tf.Tensor4D };
    });
    const first = tf.tensor2d([[1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]]);
    const atZero = model.call({ ...moved, frameMask: first });
    expect(read(atZero.logits)).not.toEqual(read(out.logits));
    tf.dispose([out, atZero, single, first, moved.regions, moved.frames] as unknown as tf.TensorContainer);
  });

  it('accepts int32 and bool masks like float32 ones', () => {
    const asInt = tf.tensor2d(MASK, [3, 4], 'int32');
    const asBool = tf.tensor2d(MASK, [3, 4], 'bool');
    const [a, b, c] = [mask, asInt, asBool].map((m) => model.call({ ...inputs, frameMask: m }));
    expect(read(b!.logits)).toEqual(read(a!.logits));
    expect(read(c!.logits)).toEqual(read(a!.logits));
    tf.dispose([a, b, c, asInt, asBool] as unknown as tf.TensorContainer);
  });
});
