import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak, expectTensorClose } from '@sparc-vqa/testing';
import { ConfigError, ShapeError } from './errors.js';
import { gatherAnswerProbs } from './gather-answer-probs.js';
import { answersOf, expectTypedError, throwing } from './test-utils.js';

describe('gatherAnswerProbs: p_k[a] (paper 3.2.1)', () => {
  const teacherProbs = () =>
    tf.tensor3d([
      [[0.9, 0.1, 0.0], [0.3, 0.2, 0.5]],
      [[0.25, 0.5, 0.25], [0.6, 0.3, 0.1]],
    ]);

  it('picks each sample’s answer column exactly', () => {
    const probs = teacherProbs();
    const answers = answersOf([2, 1]);
    const out = gatherAnswerProbs({ teacherProbs: probs, answers });
    expect(out.shape).toEqual([2, 2]);
    expectTensorClose(out, [[0.0, 0.5], [0.5, 0.3]].map((r) => r.map(Math.fround)), { rtol: 0, atol: 0 });
    tf.dispose([probs, answers, out]);
  });

  it('zeroes padding frames', () => {
    const probs = teacherProbs();
    const answers = answersOf([0, 0]);
    const validMask = tf.tensor2d([[1, 0], [1, 1]]);
    const out = gatherAnswerProbs({ teacherProbs: probs, answers, validMask });
    expectTensorClose(out, [[0.9, 0], [0.25, 0.6]].map((r) => r.map(Math.fround)), { rtol: 0, atol: 0 });
    tf.dispose([probs, answers, validMask, out]);
  });

  it('validates like selectCausalFrames and leaks nothing', async () => {
    const probs = teacherProbs();
    const answers = answersOf([0, 0, 0]);
    expectTypedError(() => gatherAnswerProbs({ teacherProbs: probs, answers }), ShapeError, { argument: 'teacherProbs' }, 'gatherAnswerProbs: teacherProbs must be [B, T, C] with B = 3 from answers, got [2, 2, 3]');
    expectTypedError(() => gatherAnswerProbs({ teacherProbs: probs, answers }, { checkValues: 1 as never }), ConfigError, { field: 'checkValues' }, 'gatherAnswerProbs: checkValues must be a boolean, got 1');
    await expectNoTensorLeak(throwing(() => gatherAnswerProbs({ teacherProbs: probs, answers })));
    const good = answersOf([1, 2]);
    await expectNoTensorLeak(() => gatherAnswerProbs({ teacherProbs: probs, answers: good }, { checkValues: false }));
    tf.dispose([probs, answers, good]);
  });
});
