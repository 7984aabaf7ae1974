// Diagnostics of a causal-frame selection (paper 3.2.1): how many frames are kept, how often the fallback fires.
import type * as tf from '@tensorflow/tfjs-core';
import { readMask, readVector } from './read-mask.js';
import type { MaskLike } from './types.js';
import { valueError } from './validate.js';

/** Inputs of `selectionStats`: a `selectCausalFrames` result, optionally with the validity mask. */
export interface SelectionStatsInputs {
  /** [B, T] 0/1: the selected frames. */
  readonly mask: MaskLike;
  /** [B] frames kept per sample; derived from `mask` when absent. */
  readonly counts?: tf.Tensor1D | readonly number[];
  /** [B] bool: whether the fallback decided; `fallbackRate` is NaN when absent. */
  readonly usedFallback?: tf.Tensor1D | ReadonlyArray<number | boolean>;
  /** [B, T] 0/1: valid frames (default: all). */
  readonly validMask?: MaskLike;
}

/** Plain-number summary of a selection (JSON-ready; NaN, written as null in JSON, where undefined). */
export interface SelectionStats {
  /** B, the number of samples. */
  readonly samples: number;
  /** T, the number of frames per sample. */
  readonly frames: number;
  /** Mean number of selected frames per sample. */
  readonly meanFramesKept: number;
  /** Fewest selected frames in a sample. */
  readonly minFramesKept: number;
  /** Most selected frames in a sample. */
  readonly maxFramesKept: number;
  /** Mean number of valid frames per sample. */
  readonly meanValidFrames: number;
  /** Mean over samples with at least one valid frame of (selected / valid). */
  readonly meanFractionKept: number;
  /** Share of samples whose selection came from the fallback (no frame passed t). */
  readonly fallbackRate: number;
  /** Share of samples with no selected frame ('skip', or no valid frame): weight 0 in the guided terms. */
  readonly skipRate: number;
  /** countHistogram[n] = number of samples with exactly n selected frames, n = 0..T. */
  readonly countHistogram: readonly number[];
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length;
}

/**
 * Summarises a causal-frame selection as plain numbers for logging: frames kept (mean, min, max,
 * histogram), the fraction of valid frames kept, the fallback rate and the skip rate (samples with no
 * selected frame). Reads tensor values synchronously (a device sync); returns no tensors. Means over
 * an empty set are NaN.
 *
 * Inputs: `mask` [B, T] 0/1 (tensor or nested arrays); `counts` [B] (default: row sums of `mask`);
 * `usedFallback` [B] bool (optional); `validMask` [B, T] 0/1 (default all ones).
 * Throws `ShapeError` for mismatched shapes and `ValueError` for masks that are not 0/1, or a
 * selected frame that is not valid, or counts that are not whole numbers >= 0.
 *
 * @example
 * ```ts
 * const teacherProbs = tf.tensor3d([[[0.1, 0.9], [0.6, 0.4], [0.3, 0.7]], [[0.8, 0.2], [0.9, 0.1], [0.6, 0.4]]]);
 * const selection = selectCausalFrames({ teacherProbs, answers: tf.tensor1d([1, 1], 'int32') }, { threshold: 0.5 });
 * selectionStats(selection); // mask [[1, 0, 1], [0, 0, 1]]: sample 1 fell back to its argmax
 * // { samples: 2, frames: 3, meanFramesKept: 1.5, minFramesKept: 1, maxFramesKept: 2, meanValidFrames: 3,
 * //   meanFractionKept: 0.5, fallbackRate: 0.5, skipRate: 0, countHistogram: [0, 1, 1, 0] }
 * ```
 */
export function selectionStats(inputs: SelectionStatsInputs): SelectionStats {
  const fn = 'selectionStats';
  if (typeof inputs !== 'object' || inputs === null) throw valueError(fn, 'inputs', inputs, 'an object { mask, counts?, usedFallback?, validMask? }');
  const mask = readMask(fn, 'mask', inputs.mask);
  const samples = mask.length;
  const frames = samples > 0 ? mask[0]!.length : 0;
  const expect = { batch: samples, frames, source: 'mask' };
  const valid = inputs.validMask === undefined ? mask.map((row) => row.map(() => 1)) : readMask(fn, 'validMask', inputs.validMask, expect);
  for (let b = 0; b < samples; b++) {
    for (let k = 0; k < frames; k++) {
      if (mask[b]![k] === 1 && valid[b]![k] === 0) throw valueError(fn, 'mask', 1, '0 on padding frames (validMask 0)', ` at index [${b}, ${k}]`);
    }
  }
  const rowSums = mask.map((row) => row.reduce((s, v) => s + v, 0));
  const counts = inputs.counts === undefined ? rowSums : readVector(fn, 'counts', inputs.counts, samples, 'mask');
  for (const [b, c] of counts.entries()) {
    if (!Number.isInteger(c) || c < 0 || c > frames) throw valueError(fn, 'counts', c, `an integer in [0, ${frames}]`, ` at index ${b}`);
  }
  const fallback = inputs.usedFallback === undefined ? undefined : readVector(fn, 'usedFallback', inputs.usedFallback, samples, 'mask');
  const validCounts = valid.map((row) => row.reduce((s, v) => s + v, 0));
  const fractions = counts.flatMap((c, b) => (validCounts[b]! > 0 ? [c / validCounts[b]!] : []));
  const countHistogram = new Array<number>(frames + 1).fill(0);
  for (const c of counts) countHistogram[c]! += 1;
  return {
    samples,
    frames,
    meanFramesKept: mean(counts),
    minFramesKept: samples > 0 ? Math.min(...counts) : Number.NaN,
    maxFramesKept: samples > 0 ? Math.max(...counts) : Number.NaN,
    meanValidFrames: mean(validCounts),
    meanFractionKept: mean(fractions),
    fallbackRate: fallback === undefined ? Number.NaN : mean(fallback.map((f) => (f !== 0 ? 1 : 0))),
    skipRate: mean(counts.map((c) => (c === 0 ? 1 : 0))),
    countHistogram,
  };
}
