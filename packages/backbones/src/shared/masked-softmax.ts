// Softmax over the last axis with masked keys, as `scores.masked_fill(mask, -inf).softmax(-1)` in the
// reference code, but built from float masks (comparisons have no gradient in tfjs 4.22) and with a
// row whose keys are all masked giving zeros instead of NaN.
import * as tf from '@tensorflow/tfjs-core';

/** Added to masked scores: exp(NEG - max) is exactly 0 in float32, like exp(-inf). */
const NEG = -1e9;

/**
 * Softmax over the last axis where `keyMask` is 1, exactly 0 where it is 0. For a row with at least one
 * valid key the result equals PyTorch's `masked_fill(-inf)` + softmax (adding 0 to a valid score is
 * exact, and exp underflows to exactly 0 for a masked one). A row with no valid key is all 0.
 *
 * @param scores [..., K]
 * @param keyMask 0/1 float32, broadcastable to `scores` (e.g. [N, 1, K])
 * @returns [..., K]
 */
export function maskedSoftmax(scores: tf.Tensor, keyMask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const penalty = tf.mul(tf.sub(1, keyMask), NEG);
    return tf.mul(tf.softmax(tf.add(scores, penalty)), keyMask);
  });
}
