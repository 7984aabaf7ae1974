// The frames the image-QA teacher points at for a question: its causal frames V_c = { k : p_k[a] > t }
// with the argmax fallback (paper 3.2.1, @sparc-vqa/selector), and its single best frame argmax_k p_k[a].
import * as tf from '@tensorflow/tfjs';
import { selectCausalFrames } from '@sparc-vqa/selector';
import type { ImageQATeacher, TeacherQuery } from '@sparc-vqa/teacher';
import { topKFrames } from './hga-frame-importance.js';

/** The teacher's frames for one query. */
export interface TeacherFrameFocus {
  /** Causal frames (ascending): p_k[a] > threshold, or the argmax frame when none passes. */
  readonly causal: readonly number[];
  /** The frame with the highest p_k[a] (the lower index on ties). */
  readonly argmax: number;
}

/**
 * Scores every query with `teacher` (one batch) and selects each query's frames for the candidate
 * `answers[i]`. The query frames stay the caller's.
 * @throws RangeError when `answers` and `queries` differ in length
 */
export async function teacherFrameFocus(teacher: ImageQATeacher, queries: readonly TeacherQuery[], answers: readonly number[], threshold: number): Promise<TeacherFrameFocus[]> {
  if (answers.length !== queries.length) throw new RangeError(`teacherFrameFocus: ${queries.length} queries but ${answers.length} answers`);
  const probs = await teacher.scoreBatch(queries);
  try {
    return probs.map((p, i) => {
      const [frames, candidates] = p.shape;
      const a = answers[i]!;
      const mask = tf.tidy(() => {
        const selection = selectCausalFrames({ teacherProbs: tf.expandDims(p, 0) as tf.Tensor3D, answers: tf.tensor1d([a], 'int32') }, { threshold, fallback: 'argmax' });
        return selection.mask;
      });
      const row = mask.dataSync();
      mask.dispose();
      const values = p.dataSync();
      const pa = Float32Array.from({ length: frames }, (_, k) => values[k * candidates + a]!);
      return { causal: Array.from({ length: frames }, (_, k) => k).filter((k) => row[k] === 1), argmax: topKFrames(pa, 1)[0]! };
    });
  } finally {
    tf.dispose(probs);
  }
}
