import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectTensorClose } from '@sparc-vqa/testing';
import { AdamOptimizer, ADAM_DEFAULTS } from './adam-optimizer.js';

describe('AdamOptimizer', () => {
  it('takes the hand-derived Adam steps (Kingma & Ba, Algorithm 1)', () => {
    const w = tf.variable(tf.tensor1d([1, -2, 0.5]), true, 'adam-test-w');
    const opt = new AdamOptimizer({ ...ADAM_DEFAULTS, learningRate: 0.1 }, new Map([['w', w]]));
    const g1 = [0.5, -4, 0];
    tf.dispose(opt.apply({ [w.name]: tf.tensor1d(g1) }));
    // Step 1: m̂ = g, v̂ = g², update = g / (|g| + 1e-8) = sign(g) (0 for g = 0).
    expectTensorClose(w, [1 - 0.1, -2 + 0.1, 0.5], { atol: 1e-6 });
    const g2 = [1, 2, 0];
    tf.dispose(opt.apply({ [w.name]: tf.tensor1d(g2) }));
    // Step 2: m = 0.1(0.9 g1 + g2)... written out: m = 0.09 g1 + 0.1 g2, v = 0.000999 g1² + 0.001 g2².
    const expected = [0.9, -1.9, 0.5].map((x, i) => {
      const m = 0.9 * 0.1 * g1[i]! + 0.1 * g2[i]!;
      const v = 0.999 * 0.001 * g1[i]! ** 2 + 0.001 * g2[i]! ** 2;
      const mHat = m / (1 - 0.9 ** 2);
      const vHat = v / (1 - 0.999 ** 2);
      return x - (0.1 * mHat) / (Math.sqrt(vHat) + 1e-8);
    });
    expectTensorClose(w, expected, { atol: 1e-5 });
    opt.dispose();
    w.dispose();
  });
  it('frees every temporary of an update (only the returned norm is new)', () => {
    const w = tf.variable(tf.ones([4, 3]), true, 'adam-test-leak');
    const opt = new AdamOptimizer(ADAM_DEFAULTS, new Map([['w', w]]));
    const g = tf.ones([4, 3]);
    const before = tf.memory().numTensors;
    const norm = opt.apply({ [w.name]: g });
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(norm.dataSync()[0]).toBeCloseTo(Math.sqrt(12), 5);
    tf.dispose([norm, g]);
    opt.dispose();
    w.dispose();
  });
});
