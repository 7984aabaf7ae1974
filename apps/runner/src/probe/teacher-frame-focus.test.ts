import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ImageQATeacher, TeacherQuery } from '@sparc-vqa/teacher';
import { expectNoTensorLeak } from '@sparc-vqa/testing';
import { teacherFrameFocus } from './teacher-frame-focus.js';

/** A teacher with fixed p_k per question text ([T, C] rows); unknown questions get a uniform row. */
function tableTeacher(table: Record<string, number[][]>): ImageQATeacher {
  const score = (q: TeacherQuery) => tf.tensor2d(table[q.question] ?? Array.from({ length: q.frames.shape[0] }, () => q.candidates.map(() => 1 / q.candidates.length)));
  return { id: 'table', scoreFrames: async (q) => score(q), scoreBatch: async (qs) => qs.map(score) };
}

const frames = tf.zeros([4, 2]) as tf.Tensor2D;
const query = (question: string): TeacherQuery => ({ frames, question, candidates: ['a', 'b'] });
const teacher = tableTeacher({
  q1: [[0.9, 0.1], [0.3, 0.7], [0.6, 0.4], [0.2, 0.8]], // p_k[1] = .1 .7 .4 .8
  q2: [[0.7, 0.3], [0.6, 0.4], [0.55, 0.45], [0.9, 0.1]], // p_k[1] = .3 .4 .45 .1 -> none passes 0.5
});

describe('teacherFrameFocus', () => {
  it('causal frames are p_k[a] > t; argmax is the best p_k[a]', async () => {
    const [f1, f2] = await teacherFrameFocus(teacher, [query('q1'), query('q1')], [1, 0], 0.5);
    expect(f1).toEqual({ causal: [1, 3], argmax: 3 });
    expect(f2).toEqual({ causal: [0, 2], argmax: 0 });
  });

  it('falls back to the argmax frame when no frame passes the threshold', async () => {
    const [f] = await teacherFrameFocus(teacher, [query('q2')], [1], 0.5);
    expect(f).toEqual({ causal: [2], argmax: 2 });
  });

  it('threshold 0 keeps every frame with p_k[a] > 0; ties of the argmax go to the lower frame', async () => {
    const [f] = await teacherFrameFocus(teacher, [query('uniform')], [0], 0);
    expect(f).toEqual({ causal: [0, 1, 2, 3], argmax: 0 });
  });

  it('rejects mismatched answers', async () => {
    await expect(teacherFrameFocus(teacher, [query('q1')], [], 0.5)).rejects.toThrow('teacherFrameFocus: 1 queries but 0 answers');
  });

  it('frees the teacher outputs and every intermediate', async () => {
    await expectNoTensorLeak(() => teacherFrameFocus(teacher, [query('q1'), query('q2')], [1, 1], 0.5).then(() => undefined));
  });
});
