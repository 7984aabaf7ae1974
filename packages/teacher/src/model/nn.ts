// Functional building blocks (call inside tf.tidy). Shapes in comments: N = rows, H = hidden size.
import * as tf from '@tensorflow/tfjs-core';

/** x [..., in] @ w [in, out] + b [out] -> [..., out]. */
export function dense(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const inSize = x.shape[x.shape.length - 1]!;
  const outSize = w.shape[1]!;
  const y = tf.matMul(tf.reshape(x, [-1, inSize]), w as tf.Tensor2D);
  return tf.reshape(b ? tf.add(y, b) : y, [...x.shape.slice(0, -1), outSize]);
}

/** Layer normalisation over the last axis: gamma * (x - mean) / sqrt(var + eps) + beta. */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps = 1e-5): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), gamma), beta);
}

/** [B, S, H] -> [B * heads, S, H / heads]. */
export function splitHeads(x: tf.Tensor, heads: number): tf.Tensor3D {
  const [b, s, h] = x.shape as [number, number, number];
  return tf.reshape(tf.transpose(tf.reshape(x, [b, s, heads, h / heads]), [0, 2, 1, 3]), [b * heads, s, h / heads]);
}

/** [B * heads, S, dh] -> [B, S, heads * dh]. */
export function mergeHeads(x: tf.Tensor, heads: number): tf.Tensor3D {
  const [bh, s, dh] = x.shape as [number, number, number];
  return tf.reshape(tf.transpose(tf.reshape(x, [bh / heads, heads, s, dh]), [0, 2, 1, 3]), [bh / heads, s, heads * dh]);
}

/**
 * table [vocab, H] gathered at int32 `ids` -> [...ids.shape, H]. Same values as tf.gather; its gradient
 * is a one-hot matMul instead of tf.gather's UnsortedSegmentSum (which the cpu backend computes one
 * segment at a time and the wasm backend lacks).
 */
export function embeddingLookup(table: tf.Tensor2D, ids: tf.Tensor): tf.Tensor {
  const [vocab, width] = table.shape;
  const forward = (t: tf.Tensor) => ({
    value: tf.gather(t, ids),
    gradFunc: (dy: tf.Tensor | tf.Tensor[]) =>
      tf.matMul(tf.oneHot(tf.reshape(ids, [-1]), vocab), tf.reshape(dy as tf.Tensor, [-1, width]), true, false),
  });
  return tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0])(table);
}
