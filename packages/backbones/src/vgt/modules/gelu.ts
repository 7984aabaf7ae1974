// Exact (erf) GELU of transformers.activations.gelu, used by sail-sg/VGT model/vqa_model.py (FFN, linear_video).
import * as tf from '@tensorflow/tfjs-core';

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

// One custom op: the forward's temporaries are freed at once and the backward keeps only x
// (a plain composition would keep four activation-sized tensors per call for the backward pass).
const geluOp = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  save([x]);
  const value = tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
  return {
    value,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const input = saved[0]!;
      // d/dx x·Φ(x) = Φ(x) + x·φ(x)
      const cdf = tf.mul(0.5, tf.add(1, tf.erf(tf.mul(input, Math.SQRT1_2))));
      const pdf = tf.mul(INV_SQRT_2PI, tf.exp(tf.mul(tf.square(input), -0.5)));
      return [tf.mul(dy, tf.add(cdf, tf.mul(input, pdf)))];
    },
  };
});

/** gelu(x) = x/2 · (1 + erf(x/√2)), elementwise, any shape. */
export function gelu<T extends tf.Tensor>(x: T): T {
  return geluOp(x) as T;
}
