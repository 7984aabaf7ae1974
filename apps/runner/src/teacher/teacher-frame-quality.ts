// How good the teacher's causal frames are where the truth is known (the synthetic benchmark): precision
// and recall of the frames selected from its per-frame probabilities (paper 3.2.1: p_k[a] > t, with the
// training run's fallback) against the ground-truth causal frames, overall and per question group.
import * as tf from '@tensorflow/tfjs';
import { selectCausalFrames, selectionPrecisionRecall } from '@sparc-vqa/selector';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import { questionGroup, type QuestionGroup } from '../data/nextqa/question-type.js';
import type { GroundTruthFile } from '../synth/ground-truth.js';
import type { TeacherLookup } from '../engine/teacher-lookup.js';

/** Precision/recall of one group of questions (null when the group has no question). */
export interface FrameQualityCell {
  readonly questions: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Share of questions where the frame-averaged teacher prediction is the answer. */
  readonly accuracy: number;
  /** Mean number of selected frames per question, and share that needed the fallback. */
  readonly framesSelected: number;
  readonly fallbackRate: number;
}

/** Overall and per-group quality. */
export interface TeacherFrameQuality extends FrameQualityCell {
  readonly threshold: number;
  readonly fallback: 'argmax' | 'all' | 'skip';
  readonly groups: Partial<Record<QuestionGroup, FrameQualityCell>>;
}

/** A question of the split has no teacher row, or no ground truth. */
export class TeacherQualityInputError extends Error {
  override readonly name = 'TeacherQualityInputError';
  constructor(readonly what: string, readonly key: string) {
    super(`${what} has no entry for question '${key}'`);
  }
}

function cell(rows: readonly NextQARow[], probs: Float32Array, gt: GroundTruthFile, T: number, C: number, threshold: number, fallback: 'argmax' | 'all' | 'skip'): FrameQualityCell {
  const N = rows.length;
  return tf.tidy(() => {
    const teacherProbs = tf.tensor3d(probs, [N, T, C]);
    const answers = tf.tensor1d(rows.map((r) => r.answer), 'int32');
    const selection = selectCausalFrames({ teacherProbs, answers }, { threshold, fallback });
    const truth = rows.map((r) => {
      const m = new Array<number>(T).fill(0);
      for (const k of gt.questions[r.key]!.causal) m[k] = 1;
      return m;
    });
    const pr = selectionPrecisionRecall(selection.mask, truth);
    const averaged = tf.argMax(tf.mean(teacherProbs, 1), 1);
    const accuracy = tf.mean(tf.cast(tf.equal(averaged, answers), 'float32')).dataSync()[0]!;
    return {
      questions: N,
      precision: pr.precision,
      recall: pr.recall,
      f1: pr.f1,
      accuracy,
      framesSelected: tf.mean(tf.cast(selection.counts, 'float32')).dataSync()[0]!,
      fallbackRate: tf.mean(tf.cast(selection.usedFallback, 'float32')).dataSync()[0]!,
    };
  });
}

/**
 * Scores the teacher rows of `rows` against the ground truth.
 * @throws TeacherQualityInputError when a question lacks a teacher row or a ground-truth entry
 */
export function teacherFrameQuality(
  rows: readonly NextQARow[],
  teacher: TeacherLookup,
  groundTruth: GroundTruthFile,
  options: { readonly frames: number; readonly candidates: number; readonly threshold: number; readonly fallback: 'argmax' | 'all' | 'skip'; readonly teacherName?: string },
): TeacherFrameQuality {
  const { frames: T, candidates: C } = options;
  const gather = (subset: readonly NextQARow[]) => {
    const probs = new Float32Array(subset.length * T * C);
    subset.forEach((r, i) => {
      const row = teacher.get(r.key);
      if (row === undefined) throw new TeacherQualityInputError(options.teacherName ?? 'the teacher store', r.key);
      if (groundTruth.questions[r.key] === undefined) throw new TeacherQualityInputError(`ground truth of split '${groundTruth.split}'`, r.key);
      probs.set(row, i * T * C);
    });
    return probs;
  };
  const all = cell(rows, gather(rows), groundTruth, T, C, options.threshold, options.fallback);
  const groups: Partial<Record<QuestionGroup, FrameQualityCell>> = {};
  for (const g of ['C', 'T', 'D'] as const) {
    const subset = rows.filter((r) => questionGroup(r.type) === g);
    if (subset.length > 0) groups[g] = cell(subset, gather(subset), groundTruth, T, C, options.threshold, options.fallback);
  }
  return { ...all, threshold: options.threshold, fallback: options.fallback, groups };
}
