import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ShapeError } from './errors.js';
import { selectionPrecisionRecall } from './selection-precision-recall.js';
import { expectTypedError } from './test-utils.js';

describe('selectionPrecisionRecall', () => {
  it('micro-averages over all frames of all samples (hand-counted)', () => {
    // sample 0: pred {0,1}, truth {1,2} -> TP 1, FP 1, FN 1; sample 1: pred {3}, truth {3} -> TP 1
    // sample 2: pred {}, truth {0} -> FN 1. TP 2, FP 1, FN 2: P = 2/3, R = 1/2, F1 = 4/7
    const out = selectionPrecisionRecall(
      [[1, 1, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0]],
      [[0, 1, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0]],
    );
    expect(out).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 2 });
    expect(out.precision).toBeCloseTo(2 / 3, 12);
    expect(out.recall).toBeCloseTo(1 / 2, 12);
    expect(out.f1).toBeCloseTo(4 / 7, 12);
  });

  it('ignores padding frames when a validMask is given, and reads tensors', () => {
    const mask = tf.tensor2d([[1, 1, 1]]);
    const truth = tf.tensor2d([[1, 0, 0]]);
    expect(selectionPrecisionRecall(mask, truth)).toMatchObject({ truePositives: 1, falsePositives: 2, falseNegatives: 0 });
    const valid = tf.tensor2d([[1, 0, 0]]);
    expect(selectionPrecisionRecall(mask, truth, valid)).toEqual({
      truePositives: 1,
      falsePositives: 0,
      falseNegatives: 0,
      precision: 1,
      recall: 1,
      f1: 1,
    });
    tf.dispose([mask, truth, valid]);
  });

  it('gives 0 for zero denominators', () => {
    expect(selectionPrecisionRecall([[0, 0]], [[0, 1]])).toEqual({ truePositives: 0, falsePositives: 0, falseNegatives: 1, precision: 0, recall: 0, f1: 0 });
    expect(selectionPrecisionRecall([[0, 0]], [[0, 0]])).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('rejects mismatched shapes', () => {
    expectTypedError(
      () => selectionPrecisionRecall([[1, 0]], [[1, 0], [0, 1]]),
      ShapeError,
      { argument: 'groundTruthMask', expected: '[B, T] with B = 1, T = 2 from mask', actual: [2, 2] },
      'selectionPrecisionRecall: groundTruthMask must be [B, T] with B = 1, T = 2 from mask, got [2, 2]',
    );
  });
});
