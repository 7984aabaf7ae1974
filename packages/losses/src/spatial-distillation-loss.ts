// Port of SpARC 3.2.2: L_s = CrossEntropy(M_V({f_i}, Q), M_I(I_i, Q)), the single-frame prediction
// against the image-QA teacher's soft probabilities, with an optional softmax temperature (no T^2 factor).
import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { crossEntropyRows } from './per-sample-losses.js';
import { combineWeights, maskRows, reduceRows } from './reduction.js';
import {
  resolveSpatialDistillationLossConfig,
  type SpatialDistillationLossOptions,
} from './spatial-distillation-loss-options.js';
import type { LossTensor } from './types.js';
import {
  checkDistributionValues,
  checkInputsObject,
  checkLogits,
  checkSameShape,
  checkWeights,
  readWeights,
} from './validate.js';

/** Inputs of `spatialDistillationLoss`. */
export interface SpatialDistillationLossInputs {
  /** Logits of the single-frame prediction M_V({f_i}, Q): float32 [B, C]. */
  readonly logits: Tensor2D;
  /** The teacher's probabilities p_i = M_I(I_i, Q) for the same frame: float32 [B, C], rows sum to 1. */
  readonly teacherProbs: Tensor2D;
  /** Optional per-sample weights [B] (float32, int32 or bool), >= 0; 0 removes a sample. */
  readonly sampleWeights?: Tensor1D;
}

/**
 * The spatial-distillation loss L_s (SpARC 3.2.2): cross-entropy of the single-frame prediction against
 * the teacher's soft probabilities, l_i = -sum_c p_teacher,ic log_softmax(logits_i / T)_c. The teacher
 * probabilities are used as given (not re-tempered) and there is no T^2 factor.
 *
 * Shapes: `logits` [B, C], `teacherProbs` [B, C], `sampleWeights` [B]. Returns a scalar, or [B] with
 * `reduction: 'none'`. A sample with weight 0 is removed (e.g. no teacher entry): its rows are not read.
 *
 * @throws {ShapeError} wrong rank, or shapes that differ.
 * @throws {ValueError} non-float32 inputs, a missing input; with `checkValues`: teacherProbs rows that are
 *   not distributions (NaN, negative, sum not 1 ± 1e-3), negative weights.
 * @throws {ConfigError} invalid options (e.g. temperature <= 0).
 *
 * @example
 * ```ts
 * const logits = tf.tensor2d([[0, 0]]);
 * spatialDistillationLoss({ logits, teacherProbs: tf.tensor2d([[0.5, 0.5]]) }).print(); // 0.6931471824645996 (= log 2)
 * ```
 */
export function spatialDistillationLoss(
  inputs: SpatialDistillationLossInputs,
  options: SpatialDistillationLossOptions & { readonly reduction: 'none' },
): Tensor1D;
export function spatialDistillationLoss(
  inputs: SpatialDistillationLossInputs,
  options?: SpatialDistillationLossOptions & { readonly reduction?: 'mean' | 'sum' },
): Scalar;
export function spatialDistillationLoss(
  inputs: SpatialDistillationLossInputs,
  options?: SpatialDistillationLossOptions,
): LossTensor;
export function spatialDistillationLoss(
  inputs: SpatialDistillationLossInputs,
  options: SpatialDistillationLossOptions = {},
): LossTensor {
  const fn = 'spatialDistillationLoss';
  const config = resolveSpatialDistillationLossConfig(fn, options);
  checkInputsObject(fn, inputs, '{ logits, teacherProbs, sampleWeights? }');
  const { logits, teacherProbs, sampleWeights } = inputs as unknown as Record<string, unknown>;
  const shape = checkLogits(fn, 'logits', logits);
  checkSameShape(fn, 'teacherProbs', teacherProbs, 'logits', shape);
  const weights = sampleWeights ?? undefined;
  if (weights !== undefined) checkWeights(fn, 'sampleWeights', weights, 'logits', shape);
  if (config.checkValues) {
    const w = weights === undefined ? null : readWeights(fn, 'sampleWeights', weights);
    checkDistributionValues(fn, 'teacherProbs', teacherProbs, w);
  }
  return tf.tidy(fn, () => {
    const w = combineWeights(weights);
    const rows = spatialRows(maskRows(logits as Tensor2D, w), maskRows(teacherProbs, w), config.temperature);
    return reduceRows(rows, w, config.reduction);
  });
}

/** @internal Per-sample tempered cross-entropy against teacher probabilities. */
export function spatialRows(logits: Tensor2D, teacherProbs: Tensor2D, temperature: number): Tensor1D {
  const scaled = temperature === 1 ? logits : tf.div<Tensor2D>(logits, tf.scalar(temperature));
  return crossEntropyRows(scaled, teacherProbs);
}
