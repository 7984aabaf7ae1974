// Precision/recall of a selection against ground-truth causal frames (paper 4.1.2 checks this only by eye).
import { readMask } from './read-mask.js';
import type { MaskLike } from './types.js';

/** Micro-averaged agreement of a selection with ground-truth causal frames. */
export interface SelectionPrecisionRecall {
  /** Selected frames that are ground-truth causal, summed over samples. */
  readonly truePositives: number;
  /** Selected frames that are not causal. */
  readonly falsePositives: number;
  /** Causal frames that were not selected. */
  readonly falseNegatives: number;
  /** TP / (TP + FP); 0 when nothing was selected. */
  readonly precision: number;
  /** TP / (TP + FN); 0 when there is no causal frame. */
  readonly recall: number;
  /** 2PR / (P + R); 0 when P + R = 0. */
  readonly f1: number;
}

/**
 * Micro-averaged precision, recall and F1 of a frame selection (e.g. the teacher's `selectCausalFrames`
 * mask) against ground-truth causal frames (the synthetic benchmark's JSON), counting frames over all
 * samples. The paper can only inspect this qualitatively (4.1.2, Figure 3); the synthetic benchmark
 * has the ground truth. Zero denominators give 0 (as scikit-learn's `zero_division=0`).
 *
 * Inputs: `mask`, `groundTruthMask` [B, T] 0/1 (tensors or nested arrays); optional `validMask`
 * [B, T]: when given, padding frames are ignored. Reads tensor values synchronously; returns plain
 * numbers. Throws `ShapeError` when the shapes differ and `ValueError` for masks that are not 0/1.
 *
 * @example
 * ```ts
 * selectionPrecisionRecall([[1, 1, 0, 0]], [[0, 1, 1, 0]]);
 * // { truePositives: 1, falsePositives: 1, falseNegatives: 1, precision: 0.5, recall: 0.5, f1: 0.5 }
 * ```
 */
export function selectionPrecisionRecall(mask: MaskLike, groundTruthMask: MaskLike, validMask?: MaskLike): SelectionPrecisionRecall {
  const fn = 'selectionPrecisionRecall';
  const pred = readMask(fn, 'mask', mask);
  const expect = { batch: pred.length, frames: pred.length > 0 ? pred[0]!.length : 0, source: 'mask' };
  const truth = readMask(fn, 'groundTruthMask', groundTruthMask, expect);
  const valid = validMask === undefined ? undefined : readMask(fn, 'validMask', validMask, expect);
  let tp = 0;
  let fp = 0;
  let fn_ = 0;
  for (let s = 0; s < pred.length; s++) {
    for (let k = 0; k < expect.frames; k++) {
      if (valid !== undefined && valid[s]![k] === 0) continue;
      const p = pred[s]![k]!;
      const t = truth[s]![k]!;
      tp += p & t;
      fp += p & (1 - t);
      fn_ += (1 - p) & t;
    }
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn_ === 0 ? 0 : tp / (tp + fn_);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn_, precision, recall, f1 };
}
