// Port of SpARC 3.2.3: L_total = L_g + w_c L_c + w_s L_s (w_c = w_s = 1 in A.5), with the ablation
// switches of Tables 5 and 7: T (temporal: L_g + L_c; off = plain CE on the whole video, the baseline)
// and S (spatial: L_s).
import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor, Tensor1D, Tensor2D } from '@tensorflow/tfjs-core';
import { consistencyRows } from './consistency-loss.js';
import { answerTargets, crossEntropyRows } from './per-sample-losses.js';
import { combineWeights, maskRows, reduceRows } from './reduction.js';
import { resolveSparcLossConfig, type SparcLossOptions } from './sparc-loss-options.js';
import { spatialRows } from './spatial-distillation-loss.js';
import type { LossTensor } from './types.js';
import {
  checkAnswers,
  checkAnswerValues,
  checkDistributionValues,
  checkInputsObject,
  checkLogits,
  checkSameShape,
  checkWeights,
  combineWeightValues,
  readWeights,
} from './validate.js';

/**
 * Inputs of `sparcLoss`. All logits are float32 [B, C] over the same B samples and C candidates.
 *
 * Sample weights (each [B], float32 / int32 / bool, >= 0; 0 removes a sample from a term):
 * - `sampleWeights` applies to every term, including the whole-video CE of the baseline;
 * - `temporalWeights` multiplies into L_g and L_c only (e.g. 0 for `fallback: 'skip'` samples);
 * - `spatialWeights` multiplies into L_s only (e.g. 0 where the teacher has no entry for the frame).
 *
 * | term | weights used |
 * | --- | --- |
 * | L_g, L_c (temporal on) | sampleWeights x temporalWeights |
 * | whole-video CE (temporal off) | sampleWeights |
 * | L_s (spatial on) | sampleWeights x spatialWeights |
 */
export interface SparcLossInputs {
  /** Whole-video prediction M_V(V, Q) [B, C]. Always required (L_c, or the baseline CE). */
  readonly wholeLogits: Tensor2D;
  /** Guided prediction M_V(V_c, Q) [B, C]. Required when `temporal` is on, ignored otherwise. */
  readonly guidedLogits?: Tensor2D;
  /** Single-frame prediction M_V({f_i}, Q) [B, C]. Required when `spatial` is on, ignored otherwise. */
  readonly singleFrameLogits?: Tensor2D;
  /** Correct candidates: int32 [B] in [0, C), or soft targets float32 [B, C] (mixup). */
  readonly answers: Tensor1D | Tensor2D;
  /** The teacher's probabilities for the single frame, p_i [B, C]. Required when `spatial` is on. */
  readonly teacherProbs?: Tensor2D;
  /** Per-sample weights for every term [B]. */
  readonly sampleWeights?: Tensor1D;
  /** Extra per-sample weights for L_g and L_c [B] (multiplied with sampleWeights). */
  readonly temporalWeights?: Tensor1D;
  /** Extra per-sample weights for L_s [B] (multiplied with sampleWeights). */
  readonly spatialWeights?: Tensor1D;
}

/**
 * What `sparcLoss` returns. Every tensor is a scalar (or [B] with `reduction: 'none'`) owned by the caller.
 * A term that is switched off is `null` (no tensor is allocated for it), so
 * `total = (guided ?? whole) + w_c * (consistency ?? 0) + w_s * (spatial ?? 0)` always holds.
 */
export interface SparcLossOutputs<T extends LossTensor = LossTensor> {
  /** L_total = L_g + w_c L_c + w_s L_s (or CE_whole + w_s L_s with temporal off). */
  readonly total: T;
  /** L_g, cross-entropy of the guided prediction; `null` when `temporal` is off. */
  readonly guided: T | null;
  /** L_c, KL between whole-video and guided predictions; `null` when `temporal` is off. */
  readonly consistency: T | null;
  /** L_s, spatial distillation; `null` when `spatial` is off. */
  readonly spatial: T | null;
  /** Cross-entropy of the whole-video prediction, the baseline's first term; `null` when `temporal` is on. */
  readonly whole: T | null;
}

/**
 * The SpARC training objective (paper 3.2.3): L_total = L_g + w_c L_c + w_s L_s, each term computed as in
 * `guidedLoss`, `consistencyLoss` and `spatialDistillationLoss`, each reduced over its own weights (with
 * `'mean'` every term is its own weighted mean, so a sample removed from L_g does not dilute it).
 * `temporal: false` replaces L_g by the plain cross-entropy on `wholeLogits` and drops L_c (the baseline);
 * `spatial: false` drops L_s. A term whose weight (w_c or w_s) is 0 is still computed and returned but not
 * added to the total.
 *
 * Shapes: every logits and `teacherProbs` [B, C]; `answers` [B] or [B, C]; weights [B].
 *
 * @throws {ShapeError} wrong rank, or B / C not matching `wholeLogits`.
 * @throws {ValueError} a required input missing (e.g. `guidedLogits` with temporal on), wrong dtypes; with
 *   `checkValues`: answers outside [0, C), soft targets or teacherProbs that are not distributions,
 *   negative weights (rows removed by a zero weight are not checked).
 * @throws {ConfigError} invalid options.
 *
 * @example
 * ```ts
 * const { total, guided, consistency, spatial } = sparcLoss(
 *   { wholeLogits, guidedLogits, singleFrameLogits, answers, teacherProbs },
 *   { consistencyWeight: 1, spatialWeight: 1 },
 * );
 * ```
 */
export function sparcLoss(
  inputs: SparcLossInputs,
  options: SparcLossOptions & { readonly reduction: 'none' },
): SparcLossOutputs<Tensor1D>;
export function sparcLoss(
  inputs: SparcLossInputs,
  options?: SparcLossOptions & { readonly reduction?: 'mean' | 'sum' },
): SparcLossOutputs<Scalar>;
export function sparcLoss(inputs: SparcLossInputs, options?: SparcLossOptions): SparcLossOutputs;
export function sparcLoss(inputs: SparcLossInputs, options: SparcLossOptions = {}): SparcLossOutputs {
  const fn = 'sparcLoss';
  const config = resolveSparcLossConfig(fn, options);
  checkInputsObject(fn, inputs, '{ wholeLogits, guidedLogits?, singleFrameLogits?, answers, teacherProbs?, ... }');
  const raw = inputs as unknown as Record<string, unknown>;
  const wholeLogits = raw['wholeLogits'];
  const shape = checkLogits(fn, 'wholeLogits', wholeLogits);
  const kind = checkAnswers(fn, raw['answers'], 'wholeLogits', shape);
  const answers = raw['answers'] as Tensor;
  const need = (when: string): string => `a float32 [B, C] tf.Tensor (required when ${when} is true)`;
  let guidedLogits: Tensor2D | null = null;
  if (config.temporal) {
    const g = raw['guidedLogits'];
    checkSameShape(fn, 'guidedLogits', g, 'wholeLogits', shape, need('temporal'));
    guidedLogits = g;
  }
  let singleFrameLogits: Tensor2D | null = null;
  let teacherProbs: Tensor2D | null = null;
  if (config.spatial) {
    const s = raw['singleFrameLogits'];
    const p = raw['teacherProbs'];
    checkSameShape(fn, 'singleFrameLogits', s, 'wholeLogits', shape, need('spatial'));
    checkSameShape(fn, 'teacherProbs', p, 'wholeLogits', shape, need('spatial'));
    singleFrameLogits = s;
    teacherProbs = p;
  }
  const weightInput = (name: string): Tensor1D | undefined => {
    const w = raw[name] ?? undefined;
    if (w === undefined) return undefined;
    checkWeights(fn, name, w, 'wholeLogits', shape);
    return w;
  };
  const sampleWeights = weightInput('sampleWeights');
  const temporalWeights = weightInput('temporalWeights');
  const spatialWeights = weightInput('spatialWeights');

  if (config.checkValues) {
    const read = (name: string, w: Tensor1D | undefined): Float64Array | null =>
      w === undefined ? null : readWeights(fn, name, w);
    const sw = read('sampleWeights', sampleWeights);
    const tw = read('temporalWeights', temporalWeights);
    const pw = read('spatialWeights', spatialWeights);
    const answerRows = config.temporal ? combineWeightValues(sw, tw) : sw;
    if (kind === 'hard') checkAnswerValues(fn, answers, shape[1], answerRows);
    else checkDistributionValues(fn, 'answers', answers, answerRows);
    if (teacherProbs !== null) checkDistributionValues(fn, 'teacherProbs', teacherProbs, combineWeightValues(sw, pw));
  }

  const terms = tf.tidy(fn, () => {
    const out: Record<string, Tensor> = {};
    const reduce = (rows: Tensor1D, w: Tensor1D | null): LossTensor => reduceRows(rows, w, config.reduction);
    let total: LossTensor;
    if (guidedLogits !== null) {
      const w = combineWeights(sampleWeights, temporalWeights);
      const targets = maskRows(answerTargets(answers, shape[1]), w);
      const guided = reduce(crossEntropyRows(maskRows(guidedLogits, w), targets), w);
      const consistency = reduce(
        consistencyRows(
          maskRows(wholeLogits as Tensor2D, w),
          maskRows(guidedLogits, w),
          config.direction,
          config.stopGradient,
        ),
        w,
      );
      out['guided'] = guided;
      out['consistency'] = consistency;
      total = guided;
      if (config.consistencyWeight !== 0) total = tf.add(total, tf.mul(consistency, tf.scalar(config.consistencyWeight)));
    } else {
      const w = combineWeights(sampleWeights);
      const targets = maskRows(answerTargets(answers, shape[1]), w);
      const whole = reduce(crossEntropyRows(maskRows(wholeLogits as Tensor2D, w), targets), w);
      out['whole'] = whole;
      total = whole;
    }
    if (singleFrameLogits !== null && teacherProbs !== null) {
      const w = combineWeights(sampleWeights, spatialWeights);
      const spatial = reduce(spatialRows(maskRows(singleFrameLogits, w), maskRows(teacherProbs, w), config.temperature), w);
      out['spatial'] = spatial;
      if (config.spatialWeight !== 0) total = tf.add(total, tf.mul(spatial, tf.scalar(config.spatialWeight)));
    }
    // Return a fresh tensor for total even when it is one of the terms, so disposing one never frees the other.
    out['total'] = total === out['guided'] || total === out['whole'] ? tf.clone(total) : total;
    return out;
  });
  return {
    total: terms['total'] as LossTensor,
    guided: (terms['guided'] as LossTensor | undefined) ?? null,
    consistency: (terms['consistency'] as LossTensor | undefined) ?? null,
    spatial: (terms['spatial'] as LossTensor | undefined) ?? null,
    whole: (terms['whole'] as LossTensor | undefined) ?? null,
  };
}
