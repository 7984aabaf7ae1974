// Sequence lengths of mixed QA features (HGA masks padding tokens by length; doc-doc/NExT-QA
// networks/EncoderRNN.py packs by length): the mixed sequence is as long as the longer of the two.
import * as tf from '@tensorflow/tfjs-core';
import { assertPartner, partnerTensor, type PartnerInput } from './partner-input.js';
import { assertDtype, assertMinRank, assertTensor, checkLengths } from './validate.js';

/** Internal: elementwise max(len_i, len_partner); call inside tf.tidy. */
export function mixLengthsTensors(lengths: tf.Tensor, partner: tf.Tensor1D): tf.Tensor {
  return tf.maximum(lengths, tf.gather(lengths, partner, 0));
}

/**
 * Lengths of mixed sequences: `out[i, ...] = max(lengths[i, ...], lengths[partner[i], ...])`. When two
 * zero-padded token sequences are mixed, every position up to the longer length holds real (scaled)
 * tokens, so the mixed sequence must be read up to the longer length.
 *
 * @param inputs.lengths - int32 [B] (one sequence per sample) or [B, C] (one per candidate), any rank >= 1.
 * @param inputs.partner - int32 tensor [B] or an array of B indices.
 * @param options.checkValues - Check lengths are >= 0 and tensor partner indices in [0, B) (a device
 *   sync); default true.
 * @returns int32, same shape as `lengths`.
 * @throws ShapeError when lengths has rank 0 or partner is not [B].
 * @throws ValueError for a non-int32 dtype, a disposed tensor, or (with `checkValues`) a negative length
 *   or a partner index outside [0, B).
 * @example
 * ```ts
 * mixLengths({ lengths: tf.tensor2d([[3, 7], [5, 2]], undefined, 'int32'), partner: [1, 0] }).print();
 * // [[5, 7], [5, 7]]
 * ```
 */
export function mixLengths(
  inputs: { readonly lengths: tf.Tensor; readonly partner: PartnerInput },
  options: { readonly checkValues?: boolean } = {},
): tf.Tensor {
  const fn = 'mixLengths';
  const checkValues = options.checkValues ?? true;
  const { lengths, partner } = inputs;
  assertTensor(lengths, 'lengths', fn);
  assertDtype(lengths, ['int32'], 'lengths', fn);
  assertMinRank(lengths, 1, '[B, ...]', 'lengths', fn);
  assertPartner(partner, lengths.shape[0]!, fn, checkValues);
  if (checkValues) checkLengths(lengths, Infinity, 'lengths', fn);
  return tf.tidy(() => mixLengthsTensors(lengths, partnerTensor(partner)));
}
