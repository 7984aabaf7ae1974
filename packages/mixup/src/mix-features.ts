// Mixing of per-sample features with one lambda: the question/QA features Q* of mixup (Zhang et al.
// 2017) and TGM (paper A.2).
import * as tf from '@tensorflow/tfjs-core';
import { assertPartner, notSelfMask, partnerTensor, withTrailingOnes, type PartnerInput } from './partner-input.js';
import { assertDtype, assertLambda, assertMinRank, assertTensor } from './validate.js';

/** Internal: the mixing math without checks; call inside tf.tidy. */
export function mixFeaturesTensors(features: tf.Tensor, partner: tf.Tensor1D, lambda: number): tf.Tensor {
  const b = features.shape[0]!;
  const mixed = tf.add(tf.mul(features, tf.scalar(lambda)), tf.mul(tf.gather(features, partner, 0), tf.scalar(1 - lambda)));
  const real = tf.reshape(tf.greater(notSelfMask(partner), 0), withTrailingOnes([b], features.rank - 1));
  return tf.where(real, mixed, features);
}

/**
 * Mixes whole per-sample feature tensors: `out[i] = lambda * features[i] + (1 - lambda) * features[partner[i]]`;
 * a sample that is its own partner is returned bit for bit. This is how the QA features are mixed in
 * `targets: 'mixed'` form (HGA's QA token features [B, C, L, 768]: padding rows are zeros, so past the
 * shorter sequence the mixed rows are the longer one's tokens scaled by its weight; see {@link mixLengths}).
 *
 * @param inputs.features - [B, ...] float32, any rank >= 1.
 * @param inputs.partner - int32 tensor [B] or an array of B indices.
 * @param options.lambda - Mixing ratio in [0, 1] (the sample's own weight).
 * @param options.checkValues - Check tensor partner indices are in [0, B) (a device sync); default true.
 * @returns The mixed features, same shape and dtype.
 * @throws ShapeError when features has rank 0 or partner is not [B].
 * @throws ValueError for a wrong dtype, lambda outside [0, 1], a disposed tensor, or (with `checkValues`)
 *   a partner index outside [0, B).
 * @example
 * ```ts
 * const qa = tf.tensor2d([[1, 0], [0, 1]]); // [B=2, D=2]
 * mixFeatures({ features: qa, partner: [1, 0] }, { lambda: 0.75 }).print();
 * // [[0.75, 0.25], [0.25, 0.75]]
 * ```
 */
export function mixFeatures(
  inputs: { readonly features: tf.Tensor; readonly partner: PartnerInput },
  options: { readonly lambda: number; readonly checkValues?: boolean },
): tf.Tensor {
  const fn = 'mixFeatures';
  const { features, partner } = inputs;
  assertTensor(features, 'features', fn);
  assertDtype(features, ['float32'], 'features', fn);
  assertMinRank(features, 1, '[B, ...]', 'features', fn);
  assertPartner(partner, features.shape[0]!, fn, options.checkValues ?? true);
  assertLambda(options.lambda, fn);
  return tf.tidy(() => mixFeaturesTensors(features, partnerTensor(partner), options.lambda));
}
