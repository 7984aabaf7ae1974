import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak } from '@sparc-vqa/testing';
import { repeatViews } from './repeat-views.js';

describe('repeatViews', () => {
  it('copies the rows inside each group: [G·N] -> [G·V·N], row g·V·N + v·N + i = x[g·N + i]', () => {
    // G = 2 candidates, N = 2 samples, one feature: rows c0b0, c0b1, c1b0, c1b1.
    const x = tf.tensor2d([[1], [2], [3], [4]]);
    expect(repeatViews(x, 2, 3).arraySync()).toEqual([[1], [2], [1], [2], [1], [2], [3], [4], [3], [4], [3], [4]]);
  });
  it('is repeatRows for one group and the identity for one view', () => {
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    expect(repeatViews(x, 1, 2).arraySync()).toEqual([[1, 2], [3, 4], [1, 2], [3, 4]]);
    expect(repeatViews(x, 2, 1)).toBe(x);
  });
  it('sums the gradient over the copies', () => {
    const x = tf.tensor2d([[1], [2], [3], [4]]);
    const w = tf.tensor2d([[1], [10], [100], [1000], [2], [20], [200], [2000], [3], [30], [300], [3000]]);
    const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(repeatViews(a, 2, 3), w)))(x);
    // x[0] lands on rows 0, 2, 4 (1 + 100 + 2); x[1] on 1, 3, 5; x[2] on 6, 8, 10 (200 + 3 + 300); x[3] on 7, 9, 11.
    expect(g.arraySync()).toEqual([[103], [1030], [503], [5030]]);
  });
  it('frees its intermediates', async () => {
    const x = tf.ones([6, 2, 3]);
    await expectNoTensorLeak(() => repeatViews(x, 3, 2));
  });
});
