// A dense layer over PyTorch's [out, in] weight layout (torch.nn.Linear / F.linear: y = x·Wᵀ + b).
import * as tf from '@tensorflow/tfjs-core';

/**
 * `y = x · weightᵀ + bias` over the last axis of `x`, for any rank ≥ 2.
 *
 * The weight is transposed explicitly before a plain matMul: tfjs-backend-wasm's transposed matMul is
 * 10-50x slower than a transpose followed by an untransposed product (shared/research/ecosystem.md 2).
 *
 * @param x [..., in]
 * @param weight [out, in] (PyTorch layout)
 * @param bias [out], optional
 * @returns [..., out]
 */
export function linear(x: tf.Tensor, weight: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor {
  return tf.tidy(() => {
    const [out, inSize] = weight.shape;
    const x2 = x.rank === 2 ? (x as tf.Tensor2D) : tf.reshape(x, [-1, inSize]) as tf.Tensor2D;
    const y = tf.fused.matMul({ a: x2, b: tf.transpose(weight), ...(bias ? { bias } : {}) });
    return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), out]);
  });
}
