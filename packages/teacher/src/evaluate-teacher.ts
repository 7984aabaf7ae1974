// Validation metrics for any ImageQATeacher on labelled examples.
import * as tf from '@tensorflow/tfjs-core';
import { InvalidValueError } from './errors.js';
import type { ImageQATeacher, TeacherExample } from './image-qa-teacher.js';

/** Metrics of a teacher on labelled examples. */
export interface TeacherEvaluation {
  /** Video-level accuracy: argmax of the frame-averaged probabilities equals the answer. */
  readonly accuracy: number;
  /** Share of frames whose own argmax is the answer. */
  readonly frameAccuracy: number;
  /** Mean of p_k[a] over all frames (what the causal-frame threshold t is compared with, SPEC 1.2). */
  readonly meanAnswerProbability: number;
  /** Mean per-frame cross-entropy -log p_k[a]. */
  readonly loss: number;
  readonly examples: number;
  readonly frames: number;
}

/** Throws InvalidValueError unless `answer` indexes the candidates. */
export function assertAnswer(fn: string, example: TeacherExample, index: number): void {
  if (!Number.isInteger(example.answer) || example.answer < 0 || example.answer >= example.candidates.length) {
    throw new InvalidValueError(fn, `examples[${index}].answer`, `must be an integer in [0, ${example.candidates.length - 1}], got ${example.answer}`);
  }
}

/**
 * Scores `examples` with `teacher` (in batches of `batchSize` examples) and computes the metrics.
 *
 * @example
 * const { accuracy, meanAnswerProbability } = await evaluateTeacher(teacher, validation);
 */
export async function evaluateTeacher(
  teacher: ImageQATeacher,
  examples: readonly TeacherExample[],
  { batchSize = 32 }: { batchSize?: number } = {},
): Promise<TeacherEvaluation> {
  examples.forEach((e, i) => assertAnswer('evaluateTeacher', e, i));
  let correct = 0;
  let frameCorrect = 0;
  let answerProb = 0;
  let nll = 0;
  let frames = 0;
  for (let start = 0; start < examples.length; start += batchSize) {
    const batch = examples.slice(start, start + batchSize);
    const probs = await teacher.scoreBatch(batch);
    try {
      for (let i = 0; i < batch.length; i++) {
        const { answer, candidates } = batch[i]!;
        const C = candidates.length;
        const p = await probs[i]!.data();
        const T = p.length / C;
        const mean = new Float64Array(C);
        for (let t = 0; t < T; t++) {
          let best = 0;
          for (let c = 0; c < C; c++) {
            mean[c]! += p[t * C + c]! / T;
            if (p[t * C + c]! > p[t * C + best]!) best = c;
          }
          if (best === answer) frameCorrect++;
          answerProb += p[t * C + answer]!;
          nll -= Math.log(Math.max(p[t * C + answer]!, 1e-12));
        }
        frames += T;
        if (mean.indexOf(Math.max(...mean)) === answer) correct++;
      }
    } finally {
      tf.dispose(probs);
    }
  }
  const n = Math.max(examples.length, 1);
  const f = Math.max(frames, 1);
  return { accuracy: correct / n, frameAccuracy: frameCorrect / f, meanAnswerProbability: answerProb / f, loss: nll / f, examples: examples.length, frames };
}
