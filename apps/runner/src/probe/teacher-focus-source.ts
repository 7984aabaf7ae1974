// Where the image-QA teacher looks: its causal frames (p_k[a] > t, argmax fallback) and argmax frame for
// the original and the swapped question text, on the dataset's teacher frames (teacher/teacher_frames_{split}.h5).
import * as tf from '@tensorflow/tfjs';
import type { ImageQATeacher } from '@sparc-vqa/teacher';
import { readTeacherInputs } from '../teacher/teacher-inputs.js';
import type { ClosableFocusSource } from './checkpoint-focus-source.js';
import type { ProbeItem } from './misfocus-probe.js';
import { teacherFrameFocus } from './teacher-frame-focus.js';

/**
 * Which candidate a is for the swapped wording: `original` keeps the labelled answer (only the question
 * text changes, as for the video model); `swapped` takes the answer of the swapped question from the
 * synthetic ground truth (items without one must be left out by the caller).
 */
export type TeacherAnswerMode = 'original' | 'swapped';

/** Options of {@link teacherFocusSource}. */
export interface TeacherFocusOptions {
  readonly teacher: ImageQATeacher;
  readonly dataset: string;
  readonly split: string;
  /** t of p_k[a] > t. */
  readonly threshold: number;
  readonly answer: TeacherAnswerMode;
}

/** The candidate index the swapped wording of `item` is scored for, or -1 when it has none. */
export function swappedAnswerIndex(item: ProbeItem): number {
  const action = item.groundTruth?.swapped?.action;
  return action === undefined ? -1 : item.row.candidates.indexOf(action);
}

/**
 * A focus source with two views: `causal` (the selected causal frames) and `argmax` (the best frame).
 * `close()` disposes the teacher.
 * @throws DataError for missing or malformed teacher frames
 */
export async function teacherFocusSource(options: TeacherFocusOptions): Promise<ClosableFocusSource> {
  const inputs = await readTeacherInputs(options.dataset, options.split);
  const { teacher } = options;
  return {
    views: ['causal', 'argmax'],
    description: `teacher causal frames p_k[a] > ${options.threshold} (argmax fallback), a = ${options.answer === 'original' ? 'the labelled answer' : "each wording's own answer"} (${teacher.id})`,
    async focus(items, wording) {
      const frames = items.map((it) => tf.tensor2d(inputs.framesOf(it.row), [inputs.frames, inputs.dim]));
      try {
        const queries = items.map((it, i) => ({
          frames: frames[i]!,
          question: wording === 'original' ? it.row.question : it.swapped,
          candidates: it.row.candidates,
          key: it.row.key,
          frameIndices: inputs.frameIndicesOf(it.row),
        }));
        const answers = items.map((it) => {
          if (wording === 'original' || options.answer === 'original') return it.row.answer;
          const a = swappedAnswerIndex(it);
          if (a < 0) throw new Error(`${it.row.key}: the swapped question has no answer among the candidates`);
          return a;
        });
        const focus = await teacherFrameFocus(teacher, queries, answers, options.threshold);
        return focus.map((f) => ({ causal: f.causal, argmax: [f.argmax] }));
      } finally {
        tf.dispose(frames);
      }
    },
    close() {
      void teacher.dispose?.();
    },
  };
}
