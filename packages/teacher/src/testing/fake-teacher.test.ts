import * as tf from '@tensorflow/tfjs-core';
import { expectArrayClose, expectNoTensorLeak } from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import { evaluateTeacher } from '../evaluate-teacher.js';
import { createFakeTeacher, fakeTeacherProbs } from './fake-teacher.js';

const candidates = ['to run', 'to jump', 'to sit', 'to eat', 'to read'];

describe('fake teacher', () => {
  it('is a pure function of (key, frame position, question, candidates, seed)', () => {
    const q = { key: 'v1_q0', question: 'why?', candidates, frames: 6 };
    const a = fakeTeacherProbs(q, { seed: 3 });
    expect(fakeTeacherProbs(q, { seed: 3 })).toEqual(a);
    expect(fakeTeacherProbs(q, { seed: 4 })).not.toEqual(a);
    expect(fakeTeacherProbs({ ...q, key: 'v2_q0' }, { seed: 3 })).not.toEqual(a);
    // frame position, not row number, is what matters
    const shifted = fakeTeacherProbs({ ...q, frames: 2, frameIndices: [4, 5] }, { seed: 3 });
    expect(shifted).toEqual(a.slice(4 * 5, 6 * 5));
    for (let t = 0; t < 6; t++) expectArrayClose([a.slice(t * 5, t * 5 + 5).reduce((x, y) => x + y, 0)], [1], { atol: 1e-6 });
  });

  it('causal frames: p[a] = causalProbability there, <= nonCausalMax elsewhere', () => {
    const causal = { v1_q0: { answer: 2, frames: [1, 3] } };
    const p = fakeTeacherProbs({ key: 'v1_q0', question: 'why?', candidates, frames: 5 }, { causal });
    for (let t = 0; t < 5; t++) {
      const pa = p[t * 5 + 2]!;
      if (t === 1 || t === 3) expect(pa).toBeCloseTo(0.9, 6);
      else expect(pa).toBeLessThanOrEqual(0.2 + 1e-6);
    }
    const viaFn = fakeTeacherProbs({ key: 'v1_q0', question: 'why?', candidates, frames: 5 }, { causal: (q) => (q.key === 'v1_q0' ? causal.v1_q0 : undefined) });
    expect(viaFn).toEqual(p);
  });

  it('implements ImageQATeacher: tensors [T, C], batched = single, counts calls, no leaks', async () => {
    const teacher = createFakeTeacher({ seed: 1 });
    const frames = tf.zeros([4, 8]) as tf.Tensor2D;
    const query = { key: 'v9_q1', frames, question: 'what?', candidates };
    const [batched] = await teacher.scoreBatch([query]);
    const single = await teacher.scoreFrames(query);
    expect(single.shape).toEqual([4, 5]);
    expect(await batched!.data()).toEqual(await single.data());
    expect(teacher.calls).toEqual({ batches: 2, queries: 2, frames: 8 });
    expect(teacher.id).toBe('fake-teacher:1');
    tf.dispose([batched!, single]);
    await expectNoTensorLeak(() => teacher.scoreBatch([query, query]));
    const evaluation = await evaluateTeacher(createFakeTeacher({ causal: { v9_q1: { answer: 0, frames: [0, 1, 2, 3] } } }), [{ ...query, answer: 0 }]);
    expect(evaluation).toMatchObject({ accuracy: 1, frameAccuracy: 1, examples: 1, frames: 4 });
    expect(evaluation.meanAnswerProbability).toBeCloseTo(0.9, 5);
    frames.dispose();
  });
});
