// torch.nn.LayerNorm over the last axis (sail-sg/VGT model/vqa_model.py: every LayerNorm, eps 1e-12).
import * as tf from '@tensorflow/tfjs-core';

function layerNormOp(eps: number): (...args: tf.Tensor[]) => tf.Tensor {
  // One custom op keeping only x̂ and 1/σ for the backward pass (a plain composition keeps ~3 activation-sized
  // tensors per call).
  return tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x, gamma, beta, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const { mean, variance } = tf.moments(x, -1, true);
    const rstd = tf.rsqrt(tf.add(variance, eps));
    const normed = tf.mul(tf.sub(x, mean), rstd);
    save([normed, rstd, gamma]);
    return {
      value: tf.add(tf.mul(normed, gamma), beta),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xHat, r, g] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
        const d = g.shape[0]!;
        const dxHat = tf.mul(dy, g);
        const dx = tf.mul(r, tf.sub(tf.sub(dxHat, tf.mean(dxHat, -1, true)), tf.mul(xHat, tf.mean(tf.mul(dxHat, xHat), -1, true))));
        const rows = (t: tf.Tensor): tf.Tensor => tf.sum(tf.reshape(t, [-1, d]), 0);
        return [dx, rows(tf.mul(dy, xHat)), rows(dy)];
      },
    };
  });
}

/** (x − mean) / √(var + eps) · gamma + beta over the last axis of x [..., D]; gamma, beta [D]. */
export function layerNorm<T extends tf.Tensor>(x: T, gamma: tf.Tensor, beta: tf.Tensor, eps: number): T {
  return layerNormOp(eps)(x, gamma, beta) as T;
}
