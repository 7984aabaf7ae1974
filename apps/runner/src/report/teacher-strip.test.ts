import { describe, expect, it } from 'vitest';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import type { GroundTruthQuestion } from '../synth/ground-truth.js';
import { teacherStrip } from './teacher-strip.js';

const row: NextQARow = { row: 0, key: 'v_0', video: 'v', frameCount: 3, width: 1, height: 1, question: 'why', answer: 1, qid: '0', type: 'CW', candidates: ['a', 'b', 'c'] };
const truth = { type: 'CW', causal: [2], anchor: [0], anchorCandidate: 0, target: {} } as unknown as GroundTruthQuestion;

describe('teacherStrip', () => {
  it('reads p_k[answer], the top candidate per frame and the frame-mean prediction from a [T, C] record', () => {
    // T = 3, C = 3. Frame 0 shows candidate 0 (the anchor), frames 1 and 2 the answer 1.
    const probs = new Float32Array([0.8, 0.1, 0.1, 0.3, 0.6, 0.1, 0.2, 0.7, 0.1]);
    const strip = teacherStrip(row, probs, truth, 3, { threshold: 0.65, fallback: 'argmax' });
    expect(strip.answerProbs).toEqual([0.1, 0.6, 0.7]);
    expect(strip.topCandidate).toEqual([0, 1, 1]);
    expect(strip.averagedPrediction).toBe(1); // means: .433, .467, .1
    expect(strip.selected).toEqual([2]); // only .7 > .65
    expect(strip.usedFallback).toBe(false);
    expect([strip.causal, strip.anchor]).toEqual([[2], [0]]);
  });
});
