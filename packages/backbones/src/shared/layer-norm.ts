// Layer normalisation over the last axis (torch.nn.LayerNorm / F.layer_norm), with a hand-written
// gradient that keeps only the normalised output and 1/σ for the backward pass (tfjs's own chain of
// moments/sub/rsqrt/mul keeps five full-size tensors per call).
import * as tf from '@tensorflow/tfjs-core';

function normalize(eps: number) {
  return tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const x = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const centred = tf.sub(x, tf.mean(x, -1, true));
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centred), -1, true), eps));
    const y = tf.mul(centred, rstd);
    save([y, rstd]);
    return {
      value: y,
      // dx = (dy − mean(dy) − ŷ · mean(dy · ŷ)) / σ
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [yhat, r] = saved as [tf.Tensor, tf.Tensor];
        const inner = tf.sub(tf.sub(dy, tf.mean(dy, -1, true)), tf.mul(yhat, tf.mean(tf.mul(dy, yhat), -1, true)));
        return [tf.mul(inner, r)];
      },
    };
  });
}

/**
 * `(x - mean) / sqrt(var + eps)` over the last axis (biased variance, as PyTorch), then `* gamma + beta`
 * when given (`elementwise_affine`). An all-zero row stays exactly zero without affine parameters.
 *
 * @param x [..., D]
 * @param eps PyTorch's default is 1e-5
 * @param gamma [D], optional
 * @param beta [D], optional
 * @returns [..., D]
 */
export function layerNorm(x: tf.Tensor, eps = 1e-5, gamma?: tf.Tensor1D, beta?: tf.Tensor1D): tf.Tensor {
  return tf.tidy(() => {
    let y = normalize(eps)(x);
    if (gamma) y = tf.mul(y, gamma);
    if (beta) y = tf.add(y, beta);
    return y;
  });
}
