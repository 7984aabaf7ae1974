import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';

describe.runIf(testBackend() === 'wasm')('wasm Identity shares its input (patched)', () => {
  it('clone adds no data buffer, and each handle survives the other being disposed', () => {
    const x = tf.tensor2d([[1, -2], [3.5, 0]]);
    const before = tf.memory().numDataBuffers;
    const y = tf.clone(x);
    expect(tf.memory().numDataBuffers).toBe(before);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, -2, 3.5, 0]);
    const z = tf.clone(y);
    y.dispose();
    expect(Array.from(z.dataSync())).toEqual([1, -2, 3.5, 0]);
    z.dispose();
    expect(tf.memory().numDataBuffers).toBe(before - 1);
  });

  it('gradients through identity-heavy code equal the analytic values', () => {
    const w = tf.variable(tf.tensor1d([0.5, -1, 2]));
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(tf.mul(tf.clone(w), 3))) as tf.Scalar, [w]);
    expect(value.dataSync()[0]).toBeCloseTo(9 * (0.25 + 1 + 4), 5);
    expect(Array.from(grads[w.name]!.dataSync())).toEqual([9, -18, 36]);
    tf.dispose([value, grads[w.name]!, w]);
  });
});
