// Internal: the per-sample loss terms [B], all computed from log-softmax (never log(softmax)), with the
// xlogy convention 0 * log 0 = 0 so that -Infinity logits (masked candidates) give finite values and
// gradients. Inputs are assumed validated.
import * as tf from '@tensorflow/tfjs-core';

/**
 * Cross-entropy per row: -sum_c t_c log_softmax(z)_c. Entries with t_c = 0 contribute exactly 0, even
 * where log_softmax(z)_c = -Infinity.
 */
export function crossEntropyRows(logits: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  const logProbs = tf.logSoftmax(logits);
  const safe = tf.where(isPositive(targets), logProbs, tf.zerosLike(logProbs));
  return tf.neg(tf.sum<tf.Tensor1D>(tf.mul(targets, safe), 1));
}

/**
 * KL(p || q) per row, p = softmax(pLogits), q = softmax(qLogits):
 * sum_c p_c (log p_c - log q_c), with terms where p_c = 0 exactly 0.
 */
export function klRows(pLogits: tf.Tensor2D, qLogits: tf.Tensor2D): tf.Tensor1D {
  const logP = tf.logSoftmax(pLogits);
  const logQ = tf.logSoftmax(qLogits);
  const p = tf.exp(logP);
  const diff = tf.where(isPositive(p), tf.sub(logP, logQ), tf.zerosLike(logP));
  return tf.sum<tf.Tensor1D>(tf.mul(p, diff), 1);
}

/** Hard int32 answers [B] become float32 one-hot rows [B, C]; soft targets [B, C] pass through. */
export function answerTargets(answers: tf.Tensor, numCandidates: number): tf.Tensor2D {
  if (answers.rank === 2) return answers as tf.Tensor2D;
  // equal(range, answers) instead of tf.oneHot: works for C = 1 and yields a zero row for an
  // out-of-range answer on a removed (weight 0) sample.
  const candidates = tf.range(0, numCandidates, 1, 'int32');
  return tf.cast(tf.equal(tf.expandDims(answers, 1), tf.expandDims(candidates, 0)), 'float32') as tf.Tensor2D;
}

/**
 * Elementwise x > 0 as a bool tensor that is a constant for autodiff. tfjs registers no gradient for
 * Greater, so a plain tf.greater on a tensor that depends on the differentiated input would make tf.grad
 * throw; wrapped in a custom gradient it passes exactly zero gradient instead.
 */
export function isPositive(x: tf.Tensor): tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const input = args[0] as tf.Tensor;
    return { value: tf.greater(input, 0), gradFunc: () => tf.zerosLike(input) };
  });
  return op(x);
}

/** Identity in the forward pass; passes exactly zero gradient (PyTorch's `.detach()`). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => ({
    value: tf.clone(args[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
  }));
  return op(x) as T;
}
