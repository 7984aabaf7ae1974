import * as tf from '@tensorflow/tfjs-core';
import { expectArrayClose, expectNoTensorLeak } from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import { AdamW } from './adamw.js';

const base = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0.01, decayBiasAndNorm: false };

/** Reference AdamW in float64. */
function reference(w0: number[], grads: number[][], decoupled: boolean, decay: boolean): number[] {
  const w = [...w0];
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  grads.forEach((g0, step) => {
    const t = step + 1;
    w.forEach((wi, i) => {
      const g = decay && !decoupled ? g0[i]! + base.weightDecay * wi : g0[i]!;
      m[i] = base.beta1 * m[i]! + (1 - base.beta1) * g;
      v[i] = base.beta2 * v[i]! + (1 - base.beta2) * g * g;
      const upd = m[i]! / (1 - base.beta1 ** t) / (Math.sqrt(v[i]! / (1 - base.beta2 ** t)) + base.epsilon);
      w[i] = wi - base.learningRate * upd - (decay && decoupled ? base.learningRate * base.weightDecay * wi : 0);
    });
  });
  return w;
}

describe('AdamW', () => {
  const grads = [[0.5, -1, 2, 0.1], [0.3, 0.2, -0.4, 0.0], [-1, 1, 1, -1]];
  for (const decoupled of [true, false]) {
    it(`matches a float64 reference (${decoupled ? 'decoupled' : 'L2'}); 1-D params are not decayed by default`, () => {
      const matrix = tf.variable(tf.tensor2d([[1, -2], [3, 0.5]]));
      const bias = tf.variable(tf.tensor1d([1, -2, 3, 0.5]));
      const opt = new AdamW([matrix, bias], { ...base, decoupled });
      for (const g of grads) {
        tf.tidy(() => opt.step({ [matrix.name]: tf.tensor2d(g, [2, 2]), [bias.name]: tf.tensor1d(g) }));
      }
      expectArrayClose(matrix.dataSync(), reference([1, -2, 3, 0.5], grads, decoupled, true), { rtol: 1e-5, atol: 1e-6 });
      expectArrayClose(bias.dataSync(), reference([1, -2, 3, 0.5], grads, decoupled, false), { rtol: 1e-5, atol: 1e-6 });
      expect(opt.iterations).toBe(3);
      opt.dispose();
      tf.dispose([matrix, bias]);
    });
  }

  it('leaks nothing per step', async () => {
    const w = tf.variable(tf.ones([3, 3]));
    const opt = new AdamW([w], { ...base, decoupled: true });
    await expectNoTensorLeak(() => tf.tidy(() => opt.step({ [w.name]: tf.onesLike(w) })));
    opt.dispose();
    w.dispose();
  });
});
