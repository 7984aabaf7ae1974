import { describe, expect, it } from 'vitest';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import type { QuestionType } from '../data/nextqa/question-type.js';
import type { GroundTruthFile } from '../synth/ground-truth.js';
import { topKFrames } from './hga-frame-importance.js';
import { misfocusItems, probeMisfocus, type FocusSource, type ProbeItem } from './misfocus-probe.js';

const row = (i: number, video: string, type: QuestionType, question: string): NextQARow => ({
  row: i, key: `${video}_${i}`, video, frameCount: 64, width: 1, height: 1, question, answer: 0, qid: String(i), type, candidates: ['clap', 'cry', 'jump', 'run away', 'sit down'],
});
const rows = [
  row(0, 'v1', 'TP', 'what did the girl do before crying'),
  row(1, 'v2', 'TN', 'what did the boy do after jumping'),
  row(2, 'v2', 'CW', 'why did the girl cry'),
  row(3, 'v3', 'TN', 'what did the girl do after clapping'),
  row(4, 'v3', 'DL', 'where is this place'),
];
// v1: girl jumps [0,1), cries [1,3), claps [3,4). Only v1_0 has ground truth here.
const gt: GroundTruthFile = {
  format: 'sparc-synth-ground-truth/1',
  split: 'test',
  frames: 4,
  questions: { v1_0: { type: 'TP', causal: [0], anchor: [1, 2], anchorCandidate: 1, target: 'action' } },
  videos: {
    v1: {
      location: 'park',
      holding: { girl: 'cup' },
      events: [
        { actor: 'girl', action: 'jump', start: 0, end: 1 },
        { actor: 'girl', action: 'cry', start: 1, end: 3 },
        { actor: 'girl', action: 'clap', start: 3, end: 4 },
      ],
    },
  },
};

/** A focus source from a per-question importance function over 4 frames (top-1). */
function scorer(importance: (item: ProbeItem, question: string) => number[]): FocusSource & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    views: ['top-1'],
    description: 'fake',
    async focus(items, wording) {
      calls.push(items.length);
      return items.map((it) => ({ 'top-1': topKFrames(importance(it, wording === 'original' ? it.row.question : it.swapped), 1) }));
    },
  };
}
const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);

describe('misfocusItems', () => {
  it('keeps the questions with before/after, swapped, and counts the others as excluded', () => {
    const { items, excluded } = misfocusItems(rows);
    expect(items.map((it) => [it.row.key, it.swapped])).toEqual([
      ['v1_0', 'what did the girl do after crying'],
      ['v2_1', 'what did the boy do before jumping'],
      ['v3_3', 'what did the girl do before clapping'],
    ]);
    expect(excluded).toBe(2);
    expect(items[0]!.groundTruth).toBeUndefined();
  });

  it('attaches the ground truth of both wordings when the split has one', () => {
    const { items } = misfocusItems(rows, gt);
    expect(items[0]!.groundTruth).toEqual({ original: [0], swapped: { causal: [3], action: 'clap' } });
    expect(items[1]!.groundTruth).toBeUndefined();
  });
});

describe('probeMisfocus', () => {
  const { items } = misfocusItems(rows, gt);

  it('a model whose importance ignores the question: identical share 1', async () => {
    const blind = scorer((it) => [0, 1, 2, 3].map((k) => (hash(it.row.key) >> k) & 7));
    const r = (await probeMisfocus(items, blind))['top-1']!;
    expect(r.samples).toBe(3);
    expect(r.identical).toBe(1);
    expect(r.byType).toEqual({ TP: { samples: 1, identical: 1 }, TN: { samples: 2, identical: 1 } });
  });

  it('a model that reads the temporal word: identical share 0, and it follows the moved ground truth', async () => {
    const reader = scorer((_, q) => (q.includes('after') ? [0, 0, 0, 1] : [1, 0, 0, 0]));
    const r = (await probeMisfocus(items, reader))['top-1']!;
    expect(r.identical).toBe(0);
    expect(r.groundTruthHit).toEqual({ original: 1, swapped: 1 });
    expect(r.groundTruthSamples).toEqual({ original: 1, swapped: 1 });
  });

  it('a question-blind focus on the original causal frame misses the swapped ground truth', async () => {
    const r = (await probeMisfocus(items, scorer(() => [1, 0, 0, 0])))['top-1']!;
    expect(r.identical).toBe(1);
    expect(r.groundTruthHit).toEqual({ original: 1, swapped: 0 });
  });

  it('reading the word for some questions only gives the hand-counted share (1 of 3; TP 0, TN 1/2)', async () => {
    const partly = scorer((_, q) => (q.includes('girl') && q.includes('after') ? [0, 0, 1, 0] : [0, 1, 0, 0]));
    const r = (await probeMisfocus(items, partly, 2))['top-1']!;
    expect(r.identical).toBeCloseTo(1 / 3, 12);
    expect(r.byType).toEqual({ TP: { samples: 1, identical: 0 }, TN: { samples: 2, identical: 0.5 } });
  });

  it('runs in batches of batchSize, both wordings per batch', async () => {
    const s = scorer(() => [1, 0, 0, 0]);
    await probeMisfocus(items, s, 2);
    expect(s.calls).toEqual([2, 2, 1, 1]);
  });

  it('reports every view of the source, and a missing view is an error', async () => {
    const two: FocusSource = { views: ['a', 'b'], description: 'two', focus: async (its, w) => its.map(() => ({ a: [0], b: [w === 'original' ? 0 : 1] })) };
    const r = await probeMisfocus(items, two);
    expect(Object.keys(r)).toEqual(['a', 'b']);
    expect([r['a']!.identical, r['b']!.identical]).toEqual([1, 0]);
    const broken: FocusSource = { views: ['a', 'c'], description: 'broken', focus: async (its) => its.map(() => ({ a: [0] })) };
    await expect(probeMisfocus(items, broken)).rejects.toThrow("focus source gave no 'c' frames for v1_0");
  });
});
