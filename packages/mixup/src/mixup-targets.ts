// Target mixing: lambda * y_i + (1 - lambda) * y_j (Zhang et al. 2017; timm's pure `mixup_target`),
// or EIGV's concatenated form [lambda * y_i, (1 - lambda) * y_j] over 2C candidates (yl3800/EIGV train.py).
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError, ValueError } from './errors.js';
import type { MixupTargetsForm } from './mixup-config.js';
import { assertPartner, notSelfMask, partnerTensor, type PartnerInput } from './partner-input.js';
import { assertLambda, assertTensor, checkDistributions, checkIndices, shapeStr } from './validate.js';

/** Internal: float32 [B, C] targets from soft/one-hot targets or int32 answers; call inside tf.tidy. */
export function targetsAsDistributions(targets: tf.Tensor, numCandidates: number | undefined): tf.Tensor2D {
  if (targets.dtype === 'int32') return tf.cast(tf.oneHot(targets as tf.Tensor1D, numCandidates!), 'float32') as tf.Tensor2D;
  return targets as tf.Tensor2D;
}

/** Internal: the mixing math without checks; call inside tf.tidy. */
export function mixupTargetsTensors(
  targets: tf.Tensor2D,
  partner: tf.Tensor1D,
  lambda: number,
  form: MixupTargetsForm,
): tf.Tensor2D {
  const own = tf.mul(targets, tf.scalar(lambda));
  const other = tf.mul(tf.gather(targets, partner, 0), tf.scalar(1 - lambda));
  if (form === 'concat') return tf.concat([own, other], 1) as tf.Tensor2D;
  const real = tf.reshape(tf.greater(notSelfMask(partner), 0), [targets.shape[0], 1]);
  return tf.where(real, tf.add(own, other), targets) as tf.Tensor2D;
}

/**
 * Internal: checks `targets` (float32 [B, C] distributions, or int32 answers [B] with `numCandidates`)
 * and returns C.
 */
export function assertTargets(
  targets: unknown,
  numCandidates: unknown,
  batchSize: number | undefined,
  batchContext: string,
  fn: string,
  checkValues: boolean,
): number {
  assertTensor(targets, 'targets', fn);
  const b = batchSize ?? targets.shape[0];
  if (targets.dtype === 'int32') {
    if (targets.rank !== 1 || (batchSize !== undefined && targets.shape[0] !== batchSize)) {
      const want = batchSize === undefined ? '[B]' : `[B] = [${batchSize}]${batchContext}`;
      throw new ShapeError(`${fn}: targets given as int32 answers must be ${want}, got ${shapeStr(targets.shape)}`, {
        argument: 'targets',
        expected: want,
        actual: targets.shape,
      });
    }
    if (typeof numCandidates !== 'number' || !Number.isSafeInteger(numCandidates) || numCandidates < 1) {
      throw new ValueError(
        `${fn}: numCandidates must be an integer >= 1 when targets are int32 answers, got ${String(numCandidates)}`,
        { field: 'numCandidates', value: numCandidates, constraint: 'integer >= 1 (required with int32 answers)' },
      );
    }
    if (checkValues) checkIndices(targets, numCandidates, 'targets', fn);
    return numCandidates;
  }
  if (targets.dtype !== 'float32') {
    throw new ValueError(
      `${fn}: targets must be float32 [B, C] distributions or int32 answers [B], got dtype ${targets.dtype}`,
      { field: 'targets.dtype', value: targets.dtype, constraint: 'float32 | int32' },
    );
  }
  if (targets.rank !== 2 || targets.shape[0] !== b || targets.shape[1]! < 1) {
    const want = `[B, C] = [${b}, C]${batchContext} with C >= 1`;
    throw new ShapeError(`${fn}: targets must be ${want}, got ${shapeStr(targets.shape)}`, {
      argument: 'targets',
      expected: want,
      actual: targets.shape,
    });
  }
  const c = targets.shape[1]!;
  if (numCandidates !== undefined && numCandidates !== c) {
    throw new ShapeError(`${fn}: targets must be [B, C] with C = numCandidates = ${String(numCandidates)}, got ${shapeStr(targets.shape)}`, {
      argument: 'targets',
      expected: `[B, C] = [${b}, ${String(numCandidates)}]`,
      actual: targets.shape,
    });
  }
  if (checkValues) checkDistributions(targets, 'targets', fn);
  return c;
}

/**
 * Mixes targets with a partner assignment and a lambda.
 * - `form: 'mixed'` (default; Zhang et al. 2017, paper A.2's A*): `out[i] = lambda * y[i] + (1 - lambda) * y[partner[i]]`,
 *   [B, C]; a sample that is its own partner keeps its row bit for bit.
 * - `form: 'concat'` (EIGV): `out[i] = [lambda * y[i], (1 - lambda) * y[partner[i]]]`, [B, 2C]; the
 *   first C columns go with the sample's own candidates, the last C with its partner's.
 *
 * Rows of the result sum to 1 when the input rows do.
 *
 * @param inputs.targets - float32 [B, C] one-hot or soft distributions, or int32 answers [B] (one-hot
 *   encoded with `numCandidates` columns).
 * @param inputs.partner - int32 tensor [B] or an array of B indices.
 * @param inputs.numCandidates - C; required with int32 answers, checked against targets otherwise.
 * @param options.lambda - Mixing ratio in [0, 1].
 * @param options.form - `'mixed'` (default) or `'concat'`.
 * @param options.checkValues - Check targets are distributions (finite, in [0, 1], rows sum to 1 within
 *   1e-3) or answers in [0, C), and tensor partner indices in [0, B) (a device sync); default true.
 * @returns float32 [B, C] (`'mixed'`) or [B, 2C] (`'concat'`).
 * @throws ShapeError when targets is not [B, C] / [B] or partner is not [B].
 * @throws ValueError for a wrong dtype, missing numCandidates with answers, lambda outside [0, 1], a
 *   disposed tensor, or (with `checkValues`) targets that are not distributions / answers out of range.
 * @throws ConfigError for an unknown form.
 * @example
 * ```ts
 * const y = tf.tensor2d([[1, 0, 0], [0, 0, 1]]);
 * mixupTargets({ targets: y, partner: [1, 0] }, { lambda: 0.75 }).print();
 * // [[0.75, 0, 0.25], [0.25, 0, 0.75]]
 * mixupTargets({ targets: y, partner: [1, 0] }, { lambda: 0.75, form: 'concat' }).print();
 * // [[0.75, 0, 0, 0, 0, 0.25], [0, 0, 0.75, 0.25, 0, 0]]
 * ```
 */
export function mixupTargets(
  inputs: { readonly targets: tf.Tensor; readonly partner: PartnerInput; readonly numCandidates?: number },
  options: { readonly lambda: number; readonly form?: MixupTargetsForm; readonly checkValues?: boolean },
): tf.Tensor2D {
  const fn = 'mixupTargets';
  const checkValues = options.checkValues ?? true;
  const form = options.form ?? 'mixed';
  if (form !== 'mixed' && form !== 'concat') {
    throw new ConfigError(`${fn}: form must be one of 'mixed', 'concat', got ${JSON.stringify(form)}`, {
      field: 'form',
      value: form,
      constraint: 'mixed | concat',
    });
  }
  const c = assertTargets(inputs.targets, inputs.numCandidates, undefined, '', fn, checkValues);
  assertPartner(inputs.partner, inputs.targets.shape[0]!, fn, checkValues);
  assertLambda(options.lambda, fn);
  return tf.tidy(() =>
    mixupTargetsTensors(targetsAsDistributions(inputs.targets, c), partnerTensor(inputs.partner), options.lambda, form),
  );
}
