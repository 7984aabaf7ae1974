import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from './errors.js';
import { selectionOverlap } from './selection-overlap.js';
import { expectTypedError } from './test-utils.js';

describe('selectionOverlap (paper 4.1.1 misfocus probe)', () => {
  it('counts identical selections and averages the per-sample IoU (hand-counted)', () => {
    // sample 0 identical (IoU 1); sample 1: {1} vs {2} (IoU 0); sample 2: {0,1} vs {0,1,2} (IoU 2/3);
    // sample 3: both empty (identical, IoU 1)
    const out = selectionOverlap(
      [[1, 1, 0], [0, 1, 0], [1, 1, 0], [0, 0, 0]],
      [[1, 1, 0], [0, 0, 1], [1, 1, 1], [0, 0, 0]],
    );
    expect(out.samples).toBe(4);
    expect(out.identical).toBe(2);
    expect(out.identicalRate).toBe(0.5);
    expect(out.meanIoU).toBeCloseTo((1 + 0 + 2 / 3 + 1) / 4, 12);
  });

  it('compares only valid frames when a validMask is given, and reads tensors', () => {
    const a = tf.tensor2d([[1, 0, 1], [0, 1, 1]]);
    const b = tf.tensor2d([[1, 0, 0], [0, 1, 0]], undefined, 'int32');
    expect(selectionOverlap(a, b)).toMatchObject({ identical: 0, identicalRate: 0 });
    expect(selectionOverlap(a, b, [[1, 1, 0], [1, 1, 0]])).toEqual({ samples: 2, identical: 2, identicalRate: 1, meanIoU: 1 });
    tf.dispose([a, b]);
  });

  it('accepts boolean rows, returns NaN rates for B = 0, and rejects mismatches', () => {
    expect(selectionOverlap([[true, false]], [[1, 0]]).identical).toBe(1);
    expect(selectionOverlap([], []).identicalRate).toBeNaN();
    expectTypedError(() => selectionOverlap([[1, 0]], [[1, 0, 0]]), ShapeError, { argument: 'maskB', actual: [1, 3] }, 'selectionOverlap: maskB must be [B, T] with B = 1, T = 2 from maskA, got [1, 3]');
    expectTypedError(() => selectionOverlap([[1, 2]], [[1, 0]]), ValueError, { field: 'maskA', value: 2 }, 'selectionOverlap: maskA must be 0 or 1, got 2 at index [0, 1]');
    expectTypedError(() => selectionOverlap('x' as never, [[1]]), ValueError, { field: 'maskA' }, "selectionOverlap: maskA must be a [B, T] tensor or an array of rows, got 'x'");
  });
});
