// How often two selections are identical: the misfocus probe of paper 4.1.1.
import { readMask } from './read-mask.js';
import type { MaskLike } from './types.js';

/** Plain-number comparison of two selections over the same samples. */
export interface SelectionOverlap {
  /** B, the number of samples compared. */
  readonly samples: number;
  /** Number of samples whose two selections are identical (same set of frames). */
  readonly identical: number;
  /** identical / samples (paper 4.1.1 reports 74.87% for IGV); NaN when B = 0. */
  readonly identicalRate: number;
  /** Mean over samples of the Jaccard index |A ∩ B| / |A ∪ B| (1 when both are empty); NaN when B = 0. */
  readonly meanIoU: number;
}

/**
 * Compares two frame selections sample by sample, for the paper's misfocus probe (4.1.1): select
 * frames for each question and for the same question with "before" and "after" swapped, then report
 * the share of samples whose selection did not change. Also returns the mean per-sample IoU (Jaccard
 * index; two empty selections count as identical with IoU 1).
 *
 * Inputs: `maskA`, `maskB` [B, T] 0/1 (tensors or nested arrays); optional `validMask` [B, T]: when
 * given, only valid frames are compared. Reads tensor values synchronously; returns plain numbers.
 * Throws `ShapeError` when the shapes differ and `ValueError` for masks that are not 0/1.
 *
 * @example
 * ```ts
 * selectionOverlap([[1, 1, 0], [0, 1, 0]], [[1, 1, 0], [0, 0, 1]]);
 * // { samples: 2, identical: 1, identicalRate: 0.5, meanIoU: 0.5 }
 * ```
 */
export function selectionOverlap(maskA: MaskLike, maskB: MaskLike, validMask?: MaskLike): SelectionOverlap {
  const fn = 'selectionOverlap';
  const a = readMask(fn, 'maskA', maskA);
  const expect = { batch: a.length, frames: a.length > 0 ? a[0]!.length : 0, source: 'maskA' };
  const b = readMask(fn, 'maskB', maskB, expect);
  const valid = validMask === undefined ? undefined : readMask(fn, 'validMask', validMask, expect);
  let identical = 0;
  let iouSum = 0;
  for (let s = 0; s < a.length; s++) {
    let inter = 0;
    let union = 0;
    for (let k = 0; k < expect.frames; k++) {
      if (valid !== undefined && valid[s]![k] === 0) continue;
      const x = a[s]![k]!;
      const y = b[s]![k]!;
      inter += x & y;
      union += x | y;
    }
    if (inter === union) identical += 1;
    iouSum += union === 0 ? 1 : inter / union;
  }
  const samples = a.length;
  return {
    samples,
    identical,
    identicalRate: samples === 0 ? Number.NaN : identical / samples,
    meanIoU: samples === 0 ? Number.NaN : iouSum / samples,
  };
}
