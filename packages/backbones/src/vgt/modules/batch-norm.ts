// torch.nn.BatchNorm2d of sail-sg/VGT model/EncoderVid.py (`bbox_conv.1`, `bbox_conv.4`), on [N, C] rows.
import * as tf from '@tensorflow/tfjs-core';

/** The parameters and buffers of one BatchNorm layer (PyTorch names). */
export interface BatchNormParams {
  /** [C] scale (gamma). */
  readonly weight: tf.Tensor;
  /** [C] shift (beta). */
  readonly bias: tf.Tensor;
  /** [C] running mean (buffer). */
  readonly runningMean: tf.Variable;
  /** [C] running (unbiased) variance (buffer). */
  readonly runningVar: tf.Variable;
  /** [] int32 count of training batches (buffer). */
  readonly numBatchesTracked: tf.Variable;
}

/** Options of `batchNorm`. */
export interface BatchNormOptions {
  readonly training: boolean;
  readonly eps: number;
  readonly momentum: number;
  /**
   * Training only: [N, 1] 0/1 weights of the rows that count in the batch statistics (rows of masked clips
   * are 0), or undefined for all rows.
   */
  readonly rowWeights?: tf.Tensor2D;
  /** Training only: the number of counted rows (the sum of rowWeights, or N). Must be > 1. */
  readonly count: number;
}

/**
 * Normalises x [N, C] per channel. Inference: with the running statistics. Training: with the (weighted)
 * batch mean and biased variance, and updates the running statistics as PyTorch does
 * (`r ← (1 − momentum)·r + momentum·batch`, unbiased variance for `running_var`, `num_batches_tracked += 1`).
 */
export function batchNorm(x: tf.Tensor2D, p: BatchNormParams, options: BatchNormOptions): tf.Tensor2D {
  return tf.tidy(() => {
    if (!options.training) {
      const scale = tf.mul(tf.rsqrt(tf.add(p.runningVar, options.eps)), p.weight);
      return tf.add(tf.mul(tf.sub(x, p.runningMean), scale), p.bias) as tf.Tensor2D;
    }
    const { count, rowWeights } = options;
    let mean: tf.Tensor;
    let variance: tf.Tensor;
    if (rowWeights === undefined) {
      ({ mean, variance } = tf.moments(x, 0));
    } else {
      mean = tf.div(tf.sum(tf.mul(x, rowWeights), 0), count);
      variance = tf.div(tf.sum(tf.mul(tf.square(tf.sub(x, mean)), rowWeights), 0), count);
    }
    const m = options.momentum;
    const unbiased = tf.mul(variance, count / (count - 1));
    p.runningMean.assign(tf.add(tf.mul(p.runningMean, 1 - m), tf.mul(mean, m)));
    p.runningVar.assign(tf.add(tf.mul(p.runningVar, 1 - m), tf.mul(unbiased, m)));
    p.numBatchesTracked.assign(tf.add(p.numBatchesTracked, tf.scalar(1, 'int32')));
    const scale = tf.mul(tf.rsqrt(tf.add(variance, options.eps)), p.weight);
    return tf.add(tf.mul(tf.sub(x, mean), scale), p.bias) as tf.Tensor2D;
  });
}
