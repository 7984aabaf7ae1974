import { describe, expect, it } from 'vitest';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import { pickSampleQuestions } from './pick-sample-questions.js';

const row = (key: string, type: NextQARow['type']): NextQARow => ({ row: 0, key, video: key, frameCount: 1, width: 1, height: 1, question: 'q', answer: 0, qid: '0', type, candidates: ['a', 'b', 'c', 'd', 'e'] });

describe('pickSampleQuestions', () => {
  const rows = [row('d1', 'DL'), row('w1', 'CW'), row('w2', 'CW'), row('n1', 'TN'), row('w3', 'CW'), row('d2', 'DL')];

  it('takes turns over the types in CW CH TN TC TP DC DL DO order, file order within a type', () => {
    expect(pickSampleQuestions(rows, 4).map((r) => r.key)).toEqual(['w1', 'n1', 'd1', 'w2']);
    expect(pickSampleQuestions(rows, 6).map((r) => r.key)).toEqual(['w1', 'n1', 'd1', 'w2', 'd2', 'w3']);
  });

  it('returns every row when asked for more, and none for 0', () => {
    expect(pickSampleQuestions(rows, 50)).toHaveLength(6);
    expect(pickSampleQuestions(rows, 0)).toEqual([]);
  });
});
