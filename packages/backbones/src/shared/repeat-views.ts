// Shares one encoding among several views of a batch (SpARC's whole, guided and single-frame views are
// frame masks over the same samples): copies rows inside each group, so that a candidate-major
// [C·B, ...] tensor becomes the candidate-major layout of a V·B batch.
import * as tf from '@tensorflow/tfjs-core';
import { repeatRows } from './repeat-rows.js';

/**
 * `views` copies of each group's rows: x [G·N, ...rest] -> [G·V·N, ...rest], row g·V·N + v·N + i = x[g·N + i]
 * (G = `groups`). With G = 1 this is `repeatRows`. The gradient sums the copies.
 */
export function repeatViews<T extends tf.Tensor>(x: T, groups: number, views: number): T {
  if (views === 1) return x;
  if (groups === 1) return repeatRows(x, views);
  return tf.tidy(() => {
    const [rows, ...rest] = x.shape;
    const n = rows! / groups;
    const grouped = tf.reshape(x, [groups, n, ...rest]);
    return tf.reshape(tf.concat(new Array<tf.Tensor>(views).fill(grouped), 1), [groups * views * n, ...rest]) as T;
  });
}
