// Port of doc-doc/NExT-QA networks/torchnlp_nn.py WeightDropLinear (bias-free): DropConnect on the weight
// matrix, a fresh mask per forward call. The reference calls the co-attention once per candidate, so each
// candidate gets its own mask here too.
import * as tf from '@tensorflow/tfjs-core';
import { dropout, type DropoutContext } from '../../shared/dropout.js';
import { linear } from '../../shared/linear.js';
import { repeatRows } from '../../shared/repeat-rows.js';

/** A bias-free linear [out, in] with, in training, one DropConnect mask per candidate. */
export interface DroppedWeight {
  readonly weight: tf.Tensor2D;
  /** [C, in, out]: the per-candidate dropped and transposed weights; absent when no weight drop applies. */
  readonly perCandidate?: tf.Tensor3D;
}

/**
 * Prepares `weight` for one forward: in training with rate > 0, draws C DropConnect masks (kept weights
 * scaled by 1/(1-rate), as F.dropout on the weight); otherwise the weight is used as is.
 *
 * @param weight [out, in]
 * @param candidates C
 */
export function dropWeight(weight: tf.Tensor2D, candidates: number, rate: number, context: DropoutContext): DroppedWeight {
  if (!context.training || rate === 0) return { weight };
  const perCandidate = tf.tidy(() =>
    tf.transpose(dropout(repeatRows(tf.expandDims(weight, 0), candidates), rate, context), [0, 2, 1]) as tf.Tensor3D,
  );
  return { weight, perCandidate };
}

/**
 * `x · Wᵀ` for candidate-major rows: x [C·B, R, in] -> [C·B, R, out]. With per-candidate weights the
 * product is a batched matMul over C; otherwise one matMul over all rows.
 */
export function applyDroppedWeight(x: tf.Tensor3D, w: DroppedWeight): tf.Tensor3D {
  return tf.tidy(() => {
    if (!w.perCandidate) return linear(x, w.weight) as tf.Tensor3D;
    const [rows, r, inSize] = x.shape;
    const c = w.perCandidate.shape[0];
    const out = w.perCandidate.shape[2];
    return tf.reshape(tf.matMul(tf.reshape(x, [c, (rows / c) * r, inSize]), w.perCandidate), [rows, r, out]) as tf.Tensor3D;
  });
}
