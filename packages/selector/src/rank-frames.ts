// Internal: the rank of every valid frame by descending score, ties broken by lower frame index first.
import * as tf from '@tensorflow/tfjs-core';

/**
 * @internal For scores [B, T] and a 0/1 float validity mask [B, T], returns [B, T] float32 where entry
 * (b, k) is the number of valid frames j of sample b that come before frame k in the order
 * "higher score first, then lower index first". For a valid frame this is its 0-based position in that
 * order; selecting `rank < K` among valid frames keeps the K best. Built from pairwise comparisons over
 * T (a [B, T, T] tensor), so it is exact and needs no sort kernel. Call inside a tidy.
 */
export function rankFrames(scores: tf.Tensor2D, valid: tf.Tensor2D): tf.Tensor2D {
  const frames = scores.shape[1];
  const sk = tf.expandDims(scores, 2); // [B, T, 1]: the frame being ranked (k)
  const sj = tf.expandDims(scores, 1); // [B, 1, T]: the frame compared against (j)
  const index = tf.range(0, frames, 1, 'int32');
  const jBeforeK = tf.less(tf.reshape(index, [1, 1, frames]), tf.reshape(index, [1, frames, 1])); // [1, T, T]
  const before = tf.logicalOr(tf.greater(sj, sk), tf.logicalAnd(tf.equal(sj, sk), jBeforeK)); // [B, T, T]
  return tf.sum(tf.mul(tf.cast(before, 'float32'), tf.expandDims(valid, 1)), 2) as tf.Tensor2D;
}
