import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak } from '@sparc-vqa/testing';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import type { GroundTruthFile } from '../synth/ground-truth.js';
import { TeacherQualityInputError, teacherFrameQuality } from './teacher-frame-quality.js';

const T = 4;
const C = 2;
function row(key: string, type: NextQARow['type'], answer: number): NextQARow {
  return { row: 0, key, video: key.split('_')[0]!, frameCount: 4, width: 1, height: 1, question: 'q', answer, qid: '0', type, candidates: ['a', 'b'] };
}
/** [T, C] probabilities: p_k[answer] = given values, the other candidate the rest. */
function probs(answer: number, pAnswer: number[]): Float32Array {
  const out = new Float32Array(T * C);
  pAnswer.forEach((p, k) => {
    out[k * C + answer] = p;
    out[k * C + 1 - answer] = 1 - p;
  });
  return out;
}
const gt = (causal: Record<string, number[]>, types: Record<string, NextQARow['type']>): GroundTruthFile => ({
  format: 'sparc-synth-ground-truth/1',
  split: 'test',
  frames: T,
  videos: {},
  questions: Object.fromEntries(Object.entries(causal).map(([k, c]) => [k, { type: types[k]!, causal: c, anchor: [], anchorCandidate: -1, target: {} as never }])),
});

describe('teacherFrameQuality', () => {
  const rows = [row('v1_0', 'CW', 0), row('v2_0', 'TN', 1), row('v3_0', 'DC', 0)];
  // v1: selects frames {1, 2} (p > 0.5), truth {1}: TP 1, FP 1.
  // v2: selects {0} (p > 0.5), truth {2, 3}: FP 1, FN 2.
  // v3: nothing passes 0.5 -> argmax fallback picks frame 3 (p .45), truth {3}: TP 1.
  const table = new Map([
    ['v1_0', probs(0, [0.1, 0.9, 0.6, 0.2])],
    ['v2_0', probs(1, [0.7, 0.3, 0.4, 0.1])],
    ['v3_0', probs(0, [0.1, 0.2, 0.3, 0.45])],
  ]);
  const truth = gt({ v1_0: [1], v2_0: [2, 3], v3_0: [3] }, { v1_0: 'CW', v2_0: 'TN', v3_0: 'DC' });
  const options = { frames: T, candidates: C, threshold: 0.5, fallback: 'argmax' as const };

  it('counts selected vs ground-truth frames over all questions (hand-derived)', () => {
    const q = teacherFrameQuality(rows, { get: (k) => table.get(k) }, truth, options);
    // TP 2, FP 2, FN 2 -> precision 0.5, recall 0.5.
    expect(q.precision).toBeCloseTo(0.5, 10);
    expect(q.recall).toBeCloseTo(0.5, 10);
    expect(q.framesSelected).toBeCloseTo(4 / 3, 6);
    expect(q.fallbackRate).toBeCloseTo(1 / 3, 6);
    // Frame-averaged predictions: v1 mean p[0] = .45 -> candidate 1 (wrong); v2 mean p[1] = .375 -> 0 (wrong); v3 mean p[0] = .2625 -> wrong.
    expect(q.accuracy).toBe(0);
    expect(q.groups.C).toMatchObject({ questions: 1, precision: 0.5, recall: 1 });
    expect(q.groups.T).toMatchObject({ questions: 1, precision: 0, recall: 0 });
    expect(q.groups.D).toMatchObject({ questions: 1, precision: 1, recall: 1 });
  });

  it('without a fallback, a question with no frame above t selects nothing', () => {
    const q = teacherFrameQuality(rows, { get: (k) => table.get(k) }, truth, { ...options, fallback: 'skip' });
    // v3 contributes FN 1 instead of TP 1: TP 1, FP 2, FN 3.
    expect(q.precision).toBeCloseTo(1 / 3, 6);
    expect(q.recall).toBeCloseTo(1 / 4, 6);
  });

  it('names the question a store lacks', () => {
    expect(() => teacherFrameQuality(rows, { get: (k) => (k === 'v2_0' ? undefined : table.get(k)) }, truth, { ...options, teacherName: 'x.sptk' })).toThrow(
      new TeacherQualityInputError('x.sptk', 'v2_0'),
    );
  });

  it('frees its tensors', async () => {
    await expectNoTensorLeak(() => void teacherFrameQuality(rows, { get: (k) => table.get(k) }, truth, options));
  });
});
