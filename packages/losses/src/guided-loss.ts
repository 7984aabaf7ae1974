// Port of SpARC 3.2.1 "Guided Prediction": L_g = CrossEntropy(M_V(V_c, Q), A), here from log-softmax,
// with optional soft targets (Temporal Guided Mixup, A.2) and per-sample weights.
import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { resolveGuidedLossConfig, type GuidedLossOptions } from './guided-loss-options.js';
import { answerTargets, crossEntropyRows } from './per-sample-losses.js';
import { combineWeights, maskRows, reduceRows } from './reduction.js';
import type { LossTensor } from './types.js';
import {
  checkAnswers,
  checkAnswerValues,
  checkDistributionValues,
  checkInputsObject,
  checkLogits,
  checkWeights,
  readWeights,
} from './validate.js';

/** Inputs of `guidedLoss`. */
export interface GuidedLossInputs {
  /** Logits of the guided prediction M_V(V_c, Q) (any logits, e.g. the whole video for a baseline): float32 [B, C]. */
  readonly logits: Tensor2D;
  /** Correct candidates: int32 [B] indices in [0, C), or soft targets float32 [B, C] whose rows sum to 1. */
  readonly answers: Tensor1D | Tensor2D;
  /** Optional per-sample weights [B] (float32, int32 or bool), >= 0; 0 removes a sample. */
  readonly sampleWeights?: Tensor1D;
}

/**
 * The guided loss L_g (SpARC 3.2.1): cross-entropy of the guided prediction M_V(V_c, Q) against the
 * correct answer, l_i = -sum_c y_ic log_softmax(logits_i)_c, with y_i one-hot (int32 answers) or soft
 * (mixup targets). Numerically stable for logits of any magnitude; entries with y_ic = 0 contribute
 * exactly 0, so -Infinity logits on non-target candidates are allowed.
 *
 * Shapes: `logits` [B, C], `answers` [B] or [B, C], `sampleWeights` [B]. Returns a scalar, or [B]
 * with `reduction: 'none'`. A sample with weight 0 is removed: its rows are not read (NaN allowed) and get
 * zero gradient.
 *
 * @throws {ShapeError} wrong rank, or B / C not matching `logits`.
 * @throws {ValueError} non-float32 logits or soft targets, non-int32 [B] answers, a missing input; with
 *   `checkValues`: answers outside [0, C), soft targets that are not distributions, negative weights.
 * @throws {ConfigError} invalid options.
 *
 * @example
 * ```ts
 * const logits = tf.tensor2d([[0, 0, 0, 0, 0]]);
 * guidedLoss({ logits, answers: tf.tensor1d([2], 'int32') }).print(); // 1.6094379425048828 (= log 5)
 * ```
 */
export function guidedLoss(inputs: GuidedLossInputs, options: GuidedLossOptions & { readonly reduction: 'none' }): Tensor1D;
export function guidedLoss(
  inputs: GuidedLossInputs,
  options?: GuidedLossOptions & { readonly reduction?: 'mean' | 'sum' },
): Scalar;
export function guidedLoss(inputs: GuidedLossInputs, options?: GuidedLossOptions): LossTensor;
export function guidedLoss(inputs: GuidedLossInputs, options: GuidedLossOptions = {}): LossTensor {
  const fn = 'guidedLoss';
  const config = resolveGuidedLossConfig(fn, options);
  checkInputsObject(fn, inputs, '{ logits, answers, sampleWeights? }');
  const { logits, answers, sampleWeights } = inputs as unknown as Record<string, unknown>;
  const shape = checkLogits(fn, 'logits', logits);
  const kind = checkAnswers(fn, answers, 'logits', shape);
  const weights = sampleWeights ?? undefined;
  if (weights !== undefined) checkWeights(fn, 'sampleWeights', weights, 'logits', shape);
  if (config.checkValues) {
    const w = weights === undefined ? null : readWeights(fn, 'sampleWeights', weights);
    if (kind === 'hard') checkAnswerValues(fn, answers as tf.Tensor, shape[1], w);
    else checkDistributionValues(fn, 'answers', answers as tf.Tensor, w);
  }
  return tf.tidy(fn, () => {
    const w = combineWeights(weights);
    const targets = maskRows(answerTargets(answers as tf.Tensor, shape[1]), w);
    const rows = crossEntropyRows(maskRows(logits as Tensor2D, w), targets);
    return reduceRows(rows, w, config.reduction);
  });
}
