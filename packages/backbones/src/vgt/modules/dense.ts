// torch.nn.Linear (and 1x1 Conv2d) with PyTorch's [out, in] weight layout, as used throughout sail-sg/VGT.
import * as tf from '@tensorflow/tfjs-core';

/** Options of `dense`. */
export interface DenseOptions {
  /**
   * Set when `x` is model input data that never needs a gradient. The product then runs as a plain matMul
   * plus bias, whose backward pass skips the input gradient (the fused op computes it regardless).
   */
  readonly inputData?: boolean;
}

/**
 * y = x·Wᵀ + b over the last axis of `x` [..., in]; `weight` is [out, in] (or [out, in, 1, 1] for a 1x1
 * convolution), `bias` [out]. Returns [..., out]. One matMul on the flattened rows.
 */
export function dense(x: tf.Tensor, weight: tf.Tensor, bias?: tf.Tensor, options: DenseOptions = {}): tf.Tensor {
  return tf.tidy(() => {
    const out = weight.shape[0]!;
    const inDim = x.shape[x.shape.length - 1]!;
    const w2 = weight.rank === 2 ? (weight as tf.Tensor2D) : tf.reshape(weight, [out, inDim]) as tf.Tensor2D;
    const rows = tf.reshape(x, [-1, inDim]) as tf.Tensor2D;
    let y: tf.Tensor;
    if (options.inputData) {
      const product = tf.matMul(rows, w2, false, true);
      y = bias ? tf.add(product, bias) : product;
    } else {
      y = tf.fused.matMul({ a: rows, b: w2, transposeB: true, ...(bias ? { bias } : {}) });
    }
    return tf.reshape(y, [...x.shape.slice(0, -1), out]);
  });
}
