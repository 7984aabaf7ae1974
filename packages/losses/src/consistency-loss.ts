// Port of SpARC 3.2.1 "Consistency": L_c = KL(M_V(V, Q) || M_V(V_c, Q)), which is IGV's KL term
// (yl3800/IGV run.py: KLDivLoss(reduction='batchmean') with input = log_softmax of the masked branch and
// target = softmax of the full video, target not detached).
import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { resolveConsistencyLossConfig, type ConsistencyLossOptions } from './consistency-loss-options.js';
import { klRows, stopGradient } from './per-sample-losses.js';
import { combineWeights, maskRows, reduceRows } from './reduction.js';
import type { LossTensor } from './types.js';
import { checkInputsObject, checkLogits, checkSameShape, checkWeights, readWeights } from './validate.js';

/** Inputs of `consistencyLoss`. */
export interface ConsistencyLossInputs {
  /** Logits of the whole-video prediction M_V(V, Q): float32 [B, C]. */
  readonly wholeLogits: Tensor2D;
  /** Logits of the guided prediction M_V(V_c, Q): float32 [B, C]. */
  readonly guidedLogits: Tensor2D;
  /** Optional per-sample weights [B] (float32, int32 or bool), >= 0; 0 removes a sample. */
  readonly sampleWeights?: Tensor1D;
}

/**
 * The consistency loss L_c (SpARC 3.2.1): the KL divergence between the softmax distributions of the
 * whole-video and guided predictions, computed from log-softmax:
 * l_i = sum_c p_ic (log p_ic - log q_ic) with p = softmax(wholeLogits), q = softmax(guidedLogits)
 * (`direction: 'whole||guided'`, default) or the two swapped (`'guided||whole'`). `stopGradient` detaches
 * the first distribution (the target side). Terms with p_ic = 0 are exactly 0.
 *
 * Shapes: `wholeLogits` [B, C], `guidedLogits` [B, C], `sampleWeights` [B]. Returns a scalar, or [B]
 * with `reduction: 'none'`.
 *
 * @throws {ShapeError} wrong rank, or shapes that differ.
 * @throws {ValueError} non-float32 logits, a missing input; with `checkValues`: negative weights.
 * @throws {ConfigError} invalid options.
 *
 * @example
 * ```ts
 * const wholeLogits = tf.tensor2d([[2, 0, 0]]);
 * consistencyLoss({ wholeLogits, guidedLogits: wholeLogits }).print(); // 0
 * ```
 */
export function consistencyLoss(
  inputs: ConsistencyLossInputs,
  options: ConsistencyLossOptions & { readonly reduction: 'none' },
): Tensor1D;
export function consistencyLoss(
  inputs: ConsistencyLossInputs,
  options?: ConsistencyLossOptions & { readonly reduction?: 'mean' | 'sum' },
): Scalar;
export function consistencyLoss(inputs: ConsistencyLossInputs, options?: ConsistencyLossOptions): LossTensor;
export function consistencyLoss(inputs: ConsistencyLossInputs, options: ConsistencyLossOptions = {}): LossTensor {
  const fn = 'consistencyLoss';
  const config = resolveConsistencyLossConfig(fn, options);
  checkInputsObject(fn, inputs, '{ wholeLogits, guidedLogits, sampleWeights? }');
  const { wholeLogits, guidedLogits, sampleWeights } = inputs as unknown as Record<string, unknown>;
  const shape = checkLogits(fn, 'wholeLogits', wholeLogits);
  checkSameShape(fn, 'guidedLogits', guidedLogits, 'wholeLogits', shape);
  const weights = sampleWeights ?? undefined;
  if (weights !== undefined) {
    checkWeights(fn, 'sampleWeights', weights, 'wholeLogits', shape);
    if (config.checkValues) readWeights(fn, 'sampleWeights', weights);
  }
  return tf.tidy(fn, () => {
    const w = combineWeights(weights);
    const rows = consistencyRows(
      maskRows(wholeLogits as Tensor2D, w),
      maskRows(guidedLogits as Tensor2D, w),
      config.direction,
      config.stopGradient,
    );
    return reduceRows(rows, w, config.reduction);
  });
}

/** @internal Per-sample KL for a direction, detaching the first (target) distribution on request. */
export function consistencyRows(
  whole: Tensor2D,
  guided: Tensor2D,
  direction: ConsistencyLossOptions['direction'],
  detachTarget: boolean,
): Tensor1D {
  const [target, input] = direction === 'guided||whole' ? [guided, whole] : [whole, guided];
  return klRows(detachTarget ? stopGradient(target) : target, input);
}
