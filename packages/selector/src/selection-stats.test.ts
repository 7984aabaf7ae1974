import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from './errors.js';
import { selectCausalFrames } from './select-causal-frames.js';
import { selectionStats } from './selection-stats.js';
import { answersOf, expectTypedError, probsFromScores } from './test-utils.js';

describe('selectionStats', () => {
  it('summarises a hand-counted selection', () => {
    const stats = selectionStats({
      mask: [
        [1, 1, 0, 0],
        [0, 0, 0, 0],
        [1, 0, 0, 0],
        [1, 1, 1, 0],
      ],
      usedFallback: [false, true, true, false],
      validMask: [
        [1, 1, 1, 1],
        [1, 1, 0, 0],
        [1, 1, 0, 0],
        [1, 1, 1, 0],
      ],
    });
    // counts 2, 0, 1, 3; valid 4, 2, 2, 3; fractions 0.5, 0, 0.5, 1
    expect(stats).toEqual({
      samples: 4,
      frames: 4,
      meanFramesKept: 1.5,
      minFramesKept: 0,
      maxFramesKept: 3,
      meanValidFrames: 2.75,
      meanFractionKept: 0.5,
      fallbackRate: 0.5,
      skipRate: 0.25,
      countHistogram: [1, 1, 1, 1, 0],
    });
  });

  it('reads a selectCausalFrames result directly (tensors)', () => {
    const teacherProbs = probsFromScores([[0.9, 0.2, 0.6], [0.1, 0.2, 0.3]]);
    const answers = answersOf([1, 1]);
    const selection = selectCausalFrames({ teacherProbs, answers }, { threshold: 0.5, fallback: 'skip' });
    const stats = selectionStats(selection);
    expect(stats).toMatchObject({ samples: 2, frames: 3, meanFramesKept: 1, fallbackRate: 0.5, skipRate: 0.5, countHistogram: [1, 0, 1, 0] });
    expect(stats.meanFractionKept).toBeCloseTo(1 / 3, 12);
    tf.dispose([teacherProbs, answers, selection.mask, selection.counts, selection.usedFallback]);
  });

  it('derives counts from the mask, gives NaN fallbackRate without usedFallback, and NaN means for B = 0', () => {
    const stats = selectionStats({ mask: [[1, 0], [1, 1]] });
    expect(stats.meanFramesKept).toBe(1.5);
    expect(stats.fallbackRate).toBeNaN();
    const noValid = selectionStats({ mask: [[0, 0]], validMask: [[0, 0]] });
    expect(noValid.meanFractionKept).toBeNaN();
    expect(noValid.skipRate).toBe(1);
    const empty = selectionStats({ mask: [] });
    expect(empty).toMatchObject({ samples: 0, frames: 0, countHistogram: [0] });
    expect(empty.meanFramesKept).toBeNaN();
  });

  it('rejects inconsistent inputs', () => {
    expectTypedError(() => selectionStats({ mask: [[1, 0]], validMask: [[0, 1]] }), ValueError, { field: 'mask' }, 'selectionStats: mask must be 0 on padding frames (validMask 0), got 1 at index [0, 0]');
    expectTypedError(() => selectionStats({ mask: [[1, 0.5]] }), ValueError, { field: 'mask', value: 0.5 }, 'selectionStats: mask must be 0 or 1, got 0.5 at index [0, 1]');
    expectTypedError(() => selectionStats({ mask: [[1, 0], [1]] }), ValueError, { field: 'mask' }, "selectionStats: mask must be rows of equal length, got 'rows of lengths 2, 1'");
    expectTypedError(() => selectionStats({ mask: [[1, 0]], counts: [1, 1] }), ShapeError, { argument: 'counts', actual: [2] }, 'selectionStats: counts must be [B] with B = 1 from mask, got [2]');
    expectTypedError(() => selectionStats({ mask: [[1, 0]], counts: [3] }), ValueError, { field: 'counts', value: 3 }, 'selectionStats: counts must be an integer in [0, 2], got 3 at index 0');
    expectTypedError(() => selectionStats({ mask: [[1, 0]], validMask: [[1, 1, 1]] }), ShapeError, { argument: 'validMask' }, 'selectionStats: validMask must be [B, T] with B = 1, T = 2 from mask, got [1, 3]');
    const rank3 = tf.zeros([1, 1, 1]);
    expectTypedError(() => selectionStats({ mask: rank3 as never }), ShapeError, { argument: 'mask' }, 'selectionStats: mask must be [B, T] (rank 2), got [1, 1, 1]');
    rank3.dispose();
    expectTypedError(() => selectionStats(undefined as never), ValueError, { field: 'inputs' }, /^selectionStats: inputs must be an object/);
  });
});
