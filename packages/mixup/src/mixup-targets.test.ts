import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectArrayClose, expectNoTensorLeak, expectTensorClose } from '@sparc-vqa/testing';
import { ConfigError, ShapeError, ValueError } from './errors.js';
import { mixupTargets } from './mixup-targets.js';
import { catchError, float32Bits } from './test-utils.js';

function softTargets(b: number, c: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => tf.softmax(tf.randomNormal([b, c], 0, 2, 'float32', seed)) as tf.Tensor2D);
}

describe('mixupTargets', () => {
  it('hand-computed examples from the TSDoc (mixed and concat)', () => {
    const y = tf.tensor2d([[1, 0, 0], [0, 0, 1]]);
    const mixed = mixupTargets({ targets: y, partner: [1, 0] }, { lambda: 0.75 });
    expectTensorClose(mixed, [[0.75, 0, 0.25], [0.25, 0, 0.75]], { atol: 0 });
    const concat = mixupTargets({ targets: y, partner: [1, 0] }, { lambda: 0.75, form: 'concat' });
    expectTensorClose(concat, [[0.75, 0, 0, 0, 0, 0.25], [0, 0, 0.75, 0.25, 0, 0]], { atol: 0 });
    tf.dispose([y, mixed, concat]);
  });

  it('one-hot encodes int32 answers with numCandidates', () => {
    const answers = tf.tensor1d([2, 0, 4], 'int32');
    const out = mixupTargets({ targets: answers, partner: [1, 2, 0], numCandidates: 5 }, { lambda: 0.6 });
    expect(out.dtype).toBe('float32');
    expectTensorClose(
      out,
      [
        [0.4, 0, 0.6, 0, 0],
        [0.6, 0, 0, 0, 0.4],
        [0, 0, 0.4, 0, 0.6],
      ],
      { rtol: 1e-6, atol: 1e-7 },
    );
    tf.dispose([answers, out]);
  });

  it('soft targets: rows stay distributions and equal the hand mix; a self-partnered row is bit-identical', () => {
    const y = softTargets(4, 5, 1);
    const partner = [3, 1, 0, 2];
    for (const lambda of [0, 0.013, 0.5, 0.98, 1]) {
      const out = mixupTargets({ targets: y, partner }, { lambda });
      const rows = out.arraySync();
      const ys = y.arraySync();
      rows.forEach((row, i) => {
        expectArrayClose(
          row.reduce((a, b) => a + b, 0),
          1,
          { atol: 1e-6 },
        );
        expect(row.every((v) => v >= 0 && v <= 1)).toBe(true);
        const want = ys[i]!.map((v, k) => Math.fround(lambda) * v + Math.fround(1 - lambda) * ys[partner[i]!]![k]!);
        expectArrayClose(row, i === 1 ? ys[1]! : want, { rtol: 1e-6, atol: 1e-7 });
      });
      expect(float32Bits(out).slice(5, 10)).toEqual(float32Bits(y).slice(5, 10));
      out.dispose();
    }
    y.dispose();
  });

  it("'concat' rows sum to 1 over 2C: lambda on the own block, 1 - lambda on the partner block", () => {
    const y = softTargets(3, 4, 2);
    const out = mixupTargets({ targets: y, partner: [1, 2, 0] }, { lambda: 0.3, form: 'concat' });
    expect(out.shape).toEqual([3, 8]);
    for (const row of out.arraySync()) {
      expectArrayClose(row.slice(0, 4).reduce((a, b) => a + b, 0), 0.3, { rtol: 1e-6 });
      expectArrayClose(row.slice(4).reduce((a, b) => a + b, 0), 0.7, { rtol: 1e-6 });
    }
    tf.dispose([y, out]);
  });

  describe('errors', () => {
    it.each([
      ['NaN', [[NaN, 1]], 'mixupTargets: targets must be probabilities in [0, 1] (one-hot or soft), got NaN at [0, 0]'],
      ['outside [0, 1]', [[1.5, -0.5]], 'mixupTargets: targets must be probabilities in [0, 1] (one-hot or soft), got 1.5 at [0, 0]'],
      ['not normalised', [[0.5, 0.4]], 'mixupTargets: targets rows must sum to 1, row 0 sums to 0.9000000059604645'],
      ['all zero', [[0, 0]], 'mixupTargets: targets rows must sum to 1, row 0 sums to 0'],
    ])('targets that are not distributions (%s): ValueError', (_, rows, message) => {
      const y = tf.tensor2d(rows);
      const e = catchError(() => mixupTargets({ targets: y, partner: [0] }, { lambda: 0.5 }), ValueError.isInstance);
      expect(e.message).toBe(message);
      expect(e.field).toBe('targets');
      // checkValues: false skips the device sync and the check.
      tf.dispose(mixupTargets({ targets: y, partner: [0] }, { lambda: 0.5, checkValues: false }));
      y.dispose();
    });

    it('wrong rank / dtype / numCandidates', () => {
      const e = catchError(() => mixupTargets({ targets: tf.zeros([2, 2, 2]), partner: [1, 0] }, { lambda: 0.5 }), ShapeError.isInstance);
      expect(e.message).toBe('mixupTargets: targets must be [B, C] = [2, C] with C >= 1, got [2, 2, 2]');
      expect(catchError(() => mixupTargets({ targets: tf.zeros([2, 2], 'bool'), partner: [1, 0] }, { lambda: 0.5 }), ValueError.isInstance).field).toBe(
        'targets.dtype',
      );
      const answers = tf.tensor1d([0, 1], 'int32');
      const missing = catchError(() => mixupTargets({ targets: answers, partner: [1, 0] }, { lambda: 0.5 }), ValueError.isInstance);
      expect(missing.field).toBe('numCandidates');
      expect(missing.message).toBe('mixupTargets: numCandidates must be an integer >= 1 when targets are int32 answers, got undefined');
      const range = catchError(() => mixupTargets({ targets: answers, partner: [1, 0], numCandidates: 1 }, { lambda: 0.5 }), ValueError.isInstance);
      expect(range.message).toBe('mixupTargets: targets must be integers in [0, 1), got 1 at index 1');
      const y = tf.tensor2d([[1, 0]]);
      const mismatch = catchError(() => mixupTargets({ targets: y, partner: [0], numCandidates: 3 }, { lambda: 0.5 }), ShapeError.isInstance);
      expect(mismatch.message).toBe('mixupTargets: targets must be [B, C] with C = numCandidates = 3, got [1, 2]');
      const answers2d = tf.zeros([2, 1], 'int32');
      expect(catchError(() => mixupTargets({ targets: answers2d, partner: [1, 0], numCandidates: 2 }, { lambda: 0.5 }), ShapeError.isInstance).message).toBe(
        'mixupTargets: targets given as int32 answers must be [B], got [2, 1]',
      );
      const form = catchError(() => mixupTargets({ targets: y, partner: [0] }, { lambda: 0.5, form: 'sum' as never }), ConfigError.isInstance);
      expect(form.field).toBe('form');
      tf.dispose([answers, y, answers2d]);
    });
  });

  it('leaks no tensors (both forms, answers, error path)', async () => {
    const y = softTargets(3, 4, 3);
    const answers = tf.tensor1d([0, 3, 1], 'int32');
    await expectNoTensorLeak(() => mixupTargets({ targets: y, partner: [1, 2, 0] }, { lambda: 0.4 }));
    await expectNoTensorLeak(() => mixupTargets({ targets: y, partner: [1, 2, 0] }, { lambda: 0.4, form: 'concat' }));
    await expectNoTensorLeak(() => mixupTargets({ targets: answers, partner: [1, 2, 0], numCandidates: 4 }, { lambda: 0.4 }));
    await expectNoTensorLeak(() => {
      expect(() => mixupTargets({ targets: answers, partner: [1, 2, 0], numCandidates: 2 }, { lambda: 0.4 })).toThrow(ValueError);
      return undefined;
    });
    tf.dispose([y, answers]);
  });
});
