import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoTensorLeak, expectTensorClose, testBackend } from '@sparc-vqa/testing';
import { ConfigError, ShapeError } from '../errors.js';
import { seededRandom } from '../shared/seeded-random.js';
import { createHGA } from './hga.js';
import type { HGAInputs } from './hga-inputs.js';
import { randomHGAInputs, TINY } from './test-utils.js';

const TOL = testBackend() === 'wasm' ? 1e-4 : 1e-5;

function withInputs(fn: (inputs: HGAInputs) => void, sizes = {}): void {
  const inputs = randomHGAInputs(seededRandom(11), sizes);
  try {
    fn(inputs);
  } finally {
    tf.dispose(Object.values(inputs) as tf.Tensor[]);
  }
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('HGA.call', () => {
  const model = createHGA({ ...TINY, seed: 3 });
  afterAll(() => model.dispose());

  it('rejects malformed inputs with a ShapeError naming the argument and the shapes', () =>
    withInputs((inputs) => {
      const cases: Array<[Partial<HGAInputs>, string, RegExp]> = [
        [{ video: tf.zeros([2, 4]) as unknown as tf.Tensor3D }, 'inputs.video', /shape \[2, 4\]/],
        [{ video: tf.zeros([2, 4, 13]) as tf.Tensor3D }, 'inputs.video', /\[B, T, 12\].*shape \[2, 4, 13\]/],
        [{ video: tf.zeros([3, 4, 12]) as tf.Tensor3D }, 'inputs.qa', /B = 3/],
        [{ qa: tf.zeros([2, 3, 5, 9]) as tf.Tensor4D }, 'inputs.qa', /shape \[2, 3, 5, 9\]/],
        [{ qaLengths: tf.ones([2, 3]) as tf.Tensor2D }, 'inputs.qaLengths', /dtype float32/],
        [{ qaLengths: tf.ones([2, 4], 'int32') as tf.Tensor2D }, 'inputs.qaLengths', /\[2, 3\].*shape \[2, 4\]/],
        [{ qaLengths: tf.tensor2d([[1, 2, 0], [1, 1, 1]], [2, 3], 'int32') }, 'inputs.qaLengths', /in \[1, 5\].*0 at \[0, 2\]/],
        [{ qaLengths: tf.tensor2d([[1, 2, 3], [6, 1, 1]], [2, 3], 'int32') }, 'inputs.qaLengths', /6 at \[1, 0\]/],
        [{ frameMask: tf.ones([2, 5]) as tf.Tensor2D }, 'inputs.frameMask', /\[2, 4\].*shape \[2, 5\]/],
        [{ video: undefined as never }, 'inputs.video', /undefined/],
      ];
      for (const [patch, argument, message] of cases) {
        const error = thrown(() => model.call({ ...inputs, ...patch }));
        expect(ShapeError.isInstance(error), argument).toBe(true);
        expect((error as ShapeError).argument).toBe(argument);
        expect((error as Error).message).toMatch(/^HGA\.call: /);
        expect((error as Error).message).toMatch(message);
        tf.dispose(Object.values(patch).filter((t) => t instanceof tf.Tensor));
      }
    }));

  it('needs an rng to train with dropout', () =>
    withInputs((inputs) => {
      const error = thrown(() => model.call(inputs, { training: true }));
      expect(ConfigError.isInstance(error)).toBe(true);
      expect((error as ConfigError).field).toBe('options.rng');
    }));

  it('accepts int32 and bool frame masks like float32 ones', () =>
    withInputs((inputs) => {
      const mask = [[1, 0, 1, 1], [0, 0, 1, 0]];
      const ref = model.call({ ...inputs, frameMask: tf.tensor2d(mask) }).logits;
      for (const dtype of ['int32', 'bool'] as const) {
        expectTensorClose(model.call({ ...inputs, frameMask: tf.tensor2d(mask, [2, 4], dtype) }).logits, ref, { rtol: 0, atol: 0 });
      }
    }));

  it('ignores the values of padding tokens (masks by qaLengths)', () =>
    withInputs((inputs) => {
      const lengths = inputs.qaLengths.arraySync() as number[][];
      const [b, c, l, d] = inputs.qa.shape;
      const noisy = tf.tidy(() => {
        const keep = tf.tensor4d(
          Float32Array.from({ length: b * c * l * d }, (_, i) => (Math.floor(i / d) % l < lengths[Math.floor(i / (d * l * c))]![Math.floor(i / (d * l)) % c]! ? 1 : 0)),
          [b, c, l, d],
        );
        return tf.add(inputs.qa, tf.mul(tf.sub(1, keep), tf.randomUniform([b, c, l, d], -5, 5, 'float32', 7))) as tf.Tensor4D;
      });
      expectTensorClose(model.call({ ...inputs, qa: noisy }).logits, model.call(inputs).logits, { rtol: 0, atol: 0 });
    }));

  it('scores each candidate and each sample independently (batching is exact)', () =>
    withInputs((inputs) => {
      const full = model.call(inputs).logits;
      // Candidates in reverse order -> logits in reverse order.
      const rev = model.call({ ...inputs, qa: tf.reverse(inputs.qa, 1), qaLengths: tf.reverse(inputs.qaLengths, 1) }).logits;
      expectTensorClose(tf.reverse(rev, 1), full, { rtol: TOL, atol: TOL });
      // One sample at a time (batch of one works, unlike the reference's squeeze).
      for (let i = 0; i < 2; i++) {
        const one = model.call({
          video: tf.slice(inputs.video, [i], [1]),
          qa: tf.slice(inputs.qa, [i], [1]),
          qaLengths: tf.slice(inputs.qaLengths, [i], [1]),
        }).logits;
        expectTensorClose(one, tf.slice(full, [i], [1]), { rtol: TOL, atol: TOL });
      }
    }));

  it('returns frame importance on request: [B, T], rows summing to 1 over kept clips, 0 on masked ones', () =>
    withInputs((inputs) => {
      const frameMask = tf.tensor2d([[1, 0, 1, 1], [0, 0, 1, 0]]);
      const out = model.call({ ...inputs, frameMask }, { frameImportance: true });
      expect(out.frameImportance!.shape).toEqual([2, 4]);
      const imp = out.frameImportance!.arraySync();
      expect(imp[0]![1]).toBe(0);
      expect(imp[1]![0]! + imp[1]![1]! + imp[1]![3]!).toBe(0);
      expect(imp[1]![2]).toBeCloseTo(1, 5);
      expect(imp[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(model.call(inputs).frameImportance).toBeUndefined();
    }));

  it('callWithIntermediates returns the same logits and leaks nothing', async () => {
    const inputs = randomHGAInputs(seededRandom(12));
    const plain = model.call(inputs).logits;
    const debug = model.callWithIntermediates(inputs);
    expectTensorClose(debug.logits, plain, { rtol: 0, atol: 0 });
    expect(debug.intermediates.get('adj')!.shape).toEqual([2, 3, 5 + 4, 5 + 4]);
    tf.dispose([plain, debug.logits, ...debug.intermediates.values()]);
    await expectNoTensorLeak(() => {
      const out = model.callWithIntermediates(inputs);
      return [out.logits, ...out.intermediates.values()];
    });
    tf.dispose(Object.values(inputs) as tf.Tensor[]);
  });

  it('cuts the token axis to the longest QA of the batch (the same logits as with extra zero padding)', () =>
    withInputs((inputs) => {
      const padded = tf.pad(inputs.qa, [[0, 0], [0, 0], [0, 3], [0, 0]]) as tf.Tensor4D;
      expectTensorClose(model.call({ ...inputs, qa: padded }).logits, model.call(inputs).logits, { rtol: 0, atol: 0 });
    }));
});

describe('HGA reference quirks', () => {
  it("'sum' pooling does not use the pool's weights; 'attention' pooling does", () =>
    withInputs((inputs) => {
      for (const pooling of ['sum', 'attention'] as const) {
        const model = createHGA({ ...TINY, pooling });
        const before = model.call(inputs).logits.dataSync();
        const w = model.weights.get('gcn_atten_pool.0.weight')!;
        w.assign(tf.mul(w, 3));
        const after = model.call(inputs).logits.dataSync();
        if (pooling === 'sum') expect(after).toEqual(before);
        else expect(after).not.toEqual(before);
        model.dispose();
      }
    }));

  it('with trainCoAttention false (default) an optimizer leaves the co-attention matrices at their initial values', () =>
    withInputs((inputs) => {
      const model = createHGA({ ...TINY });
      const name = 'co_attn.encoder_layers.0.linear_video.weight_raw';
      const initial = model.weights.get(name)!.dataSync().slice();
      expect(model.trainableWeights).not.toContain(model.weights.get(name));
      const optimizer = tf.train.adam(0.05);
      const rng = seededRandom(1);
      for (let i = 0; i < 2; i++) {
        optimizer.minimize(() => tf.mean(model.call(inputs, { training: true, rng }).logits) as tf.Scalar, false, [...model.trainableWeights]);
      }
      expect(model.weights.get(name)!.dataSync()).toEqual(initial);
      optimizer.dispose();
      model.dispose();
    }));
});
