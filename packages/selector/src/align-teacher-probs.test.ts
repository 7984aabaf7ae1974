import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak, expectTensorClose } from '@sparc-vqa/testing';
import { alignTeacherFrames } from './align-teacher-frames.js';
import { alignTeacherProbs } from './align-teacher-probs.js';
import { ConfigError, ShapeError, ValueError } from './errors.js';
import { expectTypedError, take, throwing } from './test-utils.js';

const f = (rows: number[][]) => rows.map((r) => r.map(Math.fround));

describe('alignTeacherProbs: teacher rows onto the clip grid (paper A.3)', () => {
  it('copies each clip’s representative row exactly and zeroes clips without knowledge', () => {
    const alignment = alignTeacherFrames([0, 8, 20], [[0, 8], [8, 16], [16, 24], [24, 32]]);
    const teacherProbs = tf.tensor2d([[0.9, 0.1], [0.2, 0.8], [0.5, 0.5]]);
    const { probs, validMask } = alignTeacherProbs({ teacherProbs, alignment });
    // clip 2 [16, 24) holds frame 20 (row 2); clip 3 [24, 32) holds nothing
    expectTensorClose(probs, f([[0.9, 0.1], [0.2, 0.8], [0.5, 0.5], [0, 0]]), { rtol: 0, atol: 0 });
    expect(take(validMask)).toEqual([1, 1, 1, 0]);
    expect(probs.shape).toEqual([4, 2]);
    tf.dispose([teacherProbs, probs]);
  });

  it("'mean' averages every teacher frame inside the clip (and uses a borrowed row when none is inside)", () => {
    const alignment = alignTeacherFrames([0, 8, 16, 20], [[0, 8], [8, 16], [16, 24], [24, 32]], { missing: 'nearest' });
    const teacherProbs = tf.tensor2d([[0.9, 0.1], [0.2, 0.8], [0.4, 0.6], [0.8, 0.2]]);
    const { probs, validMask } = alignTeacherProbs({ teacherProbs, alignment }, { aggregate: 'mean' });
    // clip 2: mean of rows 2, 3 = [0.6, 0.4]; clip 3 borrows the frame nearest to 24, frame 20 (row 3)
    expectTensorClose(probs, [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.8, 0.2]], { rtol: 1e-6, atol: 1e-7 });
    expect(take(validMask)).toEqual([1, 1, 1, 1]);
    const rep = alignTeacherProbs({ teacherProbs, alignment });
    expectTensorClose(rep.probs, f([[0.9, 0.1], [0.2, 0.8], [0.4, 0.6], [0.8, 0.2]]), { rtol: 0, atol: 0 });
    tf.dispose([teacherProbs, probs, rep.probs, rep.validMask]);
  });

  it('handles an empty teacher list and no clips', () => {
    const none = alignTeacherFrames([], [[0, 4], [4, 8]]);
    const empty = tf.zeros([0, 3]) as tf.Tensor2D;
    const out = alignTeacherProbs({ teacherProbs: empty, alignment: none });
    expect(take(out.probs)).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(take(out.validMask)).toEqual([0, 0]);
    const noClips = alignTeacherFrames([0], []);
    const one = tf.tensor2d([[0.5, 0.5]]);
    const out2 = alignTeacherProbs({ teacherProbs: one, alignment: noClips });
    expect(out2.probs.shape).toEqual([0, 2]);
    expect(out2.validMask.shape).toEqual([0]);
    tf.dispose([empty, one, out2.probs, out2.validMask]);
  });

  it('rejects mismatched shapes, bad values, malformed alignments and bad options', async () => {
    const alignment = alignTeacherFrames([0, 8], [[0, 8], [8, 16]]);
    const three = tf.tensor2d([[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]]);
    expectTypedError(
      () => alignTeacherProbs({ teacherProbs: three, alignment }),
      ShapeError,
      { argument: 'teacherProbs', expected: '[T_teacher, C] with T_teacher = 2 from alignment', actual: [3, 2] },
      'alignTeacherProbs: teacherProbs must be [T_teacher, C] with T_teacher = 2 from alignment, got [3, 2]',
    );
    const bad = tf.tensor2d([[0.5, 0.5], [0.5, 1.5]]);
    expectTypedError(() => alignTeacherProbs({ teacherProbs: bad, alignment }), ValueError, { field: 'teacherProbs', value: 1.5 }, 'alignTeacherProbs: teacherProbs must be probabilities in [0, 1] (no NaN), got 1.5 at index [1, 1]');
    const out = alignTeacherProbs({ teacherProbs: bad, alignment }, { checkValues: false });
    tf.dispose([out.probs, out.validMask]);
    expectTypedError(
      () => alignTeacherProbs({ teacherProbs: bad, alignment: { ...alignment, clipTeacherRow: [0, 5] } }),
      ValueError,
      { field: 'alignment (clip 1)', value: 5 },
      'alignTeacherProbs: alignment (clip 1) must be a teacher row in [0, 2) or -1, consistent with valid, got 5',
    );
    expectTypedError(() => alignTeacherProbs({ teacherProbs: bad, alignment: {} as never }), ValueError, { field: 'alignment' }, "alignTeacherProbs: alignment must be the result of alignTeacherFrames, got 'a malformed object'");
    expectTypedError(() => alignTeacherProbs({ teacherProbs: bad, alignment }, { aggregate: 'max' as never }), ConfigError, { field: 'aggregate' }, "alignTeacherProbs: aggregate must be one of 'representative', 'mean', got 'max'");
    await expectNoTensorLeak(throwing(() => alignTeacherProbs({ teacherProbs: three, alignment })));
    await expectNoTensorLeak(throwing(() => alignTeacherProbs({ teacherProbs: bad, alignment })));
    const good = tf.tensor2d([[0.5, 0.5], [0.1, 0.9]]);
    await expectNoTensorLeak(() => alignTeacherProbs({ teacherProbs: good, alignment }, { aggregate: 'mean' }));
    tf.dispose([three, bad, good]);
  });
});
