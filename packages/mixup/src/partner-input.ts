// Internal: the `partner` argument of the pure mixing helpers, given as an int32 tensor [B] or a plain
// array of batch indices (e.g. `draw.partner` from a mixer).
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from './errors.js';
import { assertDtype, assertTensor, checkIndices, shapeStr } from './validate.js';

/**
 * A partner assignment: `partner[i]` is the batch index sample i is mixed with; an int32 tensor [B]
 * (a mixer's `out.partner`) or a plain array (its `out.draw.partner`).
 *
 * @example
 * ```ts
 * const partner: PartnerInput = [1, 0]; // or out.partner
 * ```
 */
export type PartnerInput = tf.Tensor1D | readonly number[];

/** Checks `partner` is [B] int32 with indices in [0, B) (tensor values only when `checkValues`). */
export function assertPartner(partner: unknown, batchSize: number, fn: string, checkValues: boolean): asserts partner is PartnerInput {
  if (Array.isArray(partner)) {
    if (partner.length !== batchSize) {
      throw new ShapeError(`${fn}: partner must have length B = ${batchSize}, got length ${partner.length}`, {
        argument: 'partner',
        expected: `[B] = [${batchSize}]`,
        actual: [partner.length],
      });
    }
    checkIndices(partner as number[], batchSize, 'partner', fn);
    return;
  }
  assertTensor(partner, 'partner', fn);
  assertDtype(partner, ['int32'], 'partner', fn);
  if (partner.rank !== 1 || partner.shape[0] !== batchSize) {
    throw new ShapeError(`${fn}: partner must be [B] = [${batchSize}], got ${shapeStr(partner.shape)}`, {
      argument: 'partner',
      expected: `[B] = [${batchSize}]`,
      actual: partner.shape,
    });
  }
  if (checkValues) checkIndices(partner, batchSize, 'partner', fn);
}

/** The partner as an int32 tensor (a new tensor for arrays, the caller's tensor otherwise). Call inside tidy. */
export function partnerTensor(partner: PartnerInput): tf.Tensor1D {
  return Array.isArray(partner) ? tf.tensor1d(partner as number[], 'int32') : (partner as tf.Tensor1D);
}

/** float32 [B]: 1 where partner[i] != i (a real mix), 0 where the sample is its own partner. Call inside tidy. */
export function notSelfMask(partner: tf.Tensor1D): tf.Tensor1D {
  const b = partner.shape[0];
  return tf.cast(tf.notEqual(partner, tf.range(0, b, 1, 'int32')), 'float32') as tf.Tensor1D;
}

/** Shape with `n` trailing 1s appended. */
export function withTrailingOnes(shape: readonly number[], n: number): number[] {
  return [...shape, ...new Array<number>(Math.max(0, n)).fill(1)];
}

