// tf.tile along axis 0 as a concatenation: tfjs-backend-wasm's Tile kernel is ~30x slower than Concat
// (measured: [64,16,256] x5 takes 100 ms with Tile, 3 ms with Concat).
import * as tf from '@tensorflow/tfjs-core';

/**
 * `times` copies of `x` stacked along axis 0 (= `tf.tile(x, [times, 1, ...])`): row k·N + i is x[i].
 * The gradient sums the copies.
 *
 * @param x [N, ...rest]
 * @returns [times·N, ...rest]
 */
export function repeatRows<T extends tf.Tensor>(x: T, times: number): T {
  return times === 1 ? x : (tf.concat(new Array<T>(times).fill(x), 0) as T);
}
