// The signed square root of Cadene/block.bootstrap.pytorch fusions.py Block:
// sqrt(relu(z)) - sqrt(relu(-z)), with PyTorch's gradient (0 at z = 0, where tfjs's own sqrt/relu chain
// would give inf · 0 = NaN).
import * as tf from '@tensorflow/tfjs-core';

const signedSqrtOp = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const z = args[0] as tf.Tensor;
  const save = args[1] as tf.GradSaveFunc;
  const root = tf.sqrt(tf.abs(z));
  save([z, root]);
  return {
    // sign(z)·√|z| equals √relu(z) − √relu(−z) exactly in float32.
    value: tf.mul(tf.sign(z), root),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [x, r] = saved as [tf.Tensor, tf.Tensor];
      const nonzero = tf.sign(tf.abs(x)); // 1 where z ≠ 0, 0 where z = 0 (no comparison kernel)
      return [tf.div(tf.mul(tf.mul(dy, nonzero), 0.5), tf.add(r, tf.sub(1, nonzero)))];
    },
  };
});

/**
 * `√relu(z) − √relu(−z)` elementwise. Gradient 1/(2√|z|), and 0 at z = 0 (PyTorch's value).
 *
 * @param z any float32 tensor
 */
export function signedSqrt<T extends tf.Tensor>(z: T): T {
  return signedSqrtOp(z) as T;
}
