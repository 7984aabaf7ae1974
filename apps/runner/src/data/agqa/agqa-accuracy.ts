// AGQA 2.0 accuracy as reported in the paper: Binary, Open and All.
import { DataError } from '../data-error.js';
import type { MultipleChoiceQuestion } from './to-multiple-choice.js';

/** Accuracies in percent (a category with no question is left out) and counts. */
export interface AGQAAccuracy {
  readonly count: number;
  readonly all: number;
  readonly binary?: number;
  readonly open?: number;
  readonly counts: { readonly binary: number; readonly open: number };
}

/**
 * Scores predicted candidate indices: a question is right when the prediction equals its answer index
 * (questions with answer -1 are always wrong). `predictions` must hold every question key and no other.
 * @throws DataError (naming `predictionsFile`) for missing or extra keys
 */
export function agqaAccuracy(questions: readonly MultipleChoiceQuestion[], predictions: ReadonlyMap<string, number>, predictionsFile = 'predictions'): AGQAAccuracy {
  const missing = questions.filter((q) => !predictions.has(q.key)).map((q) => q.key);
  const keys = new Set(questions.map((q) => q.key));
  const extra = [...predictions.keys()].filter((k) => !keys.has(k));
  if (missing.length > 0 || extra.length > 0) {
    const show = (ks: string[]) => ks.slice(0, 3).map((k) => `'${k}'`).join(', ') + (ks.length > 3 ? ', ...' : '');
    const parts = [missing.length > 0 ? `${missing.length} missing (${show(missing)})` : '', extra.length > 0 ? `${extra.length} extra (${show(extra)})` : ''].filter((p) => p !== '');
    throw new DataError(predictionsFile, { file: true }, `exactly the ${questions.length} question ids`, `${predictions.size} keys: ${parts.join(', ')}`);
  }
  const tally = { binary: { correct: 0, count: 0 }, open: { correct: 0, count: 0 } };
  for (const q of questions) {
    const t = tally[q.ansType];
    t.count += 1;
    if (q.answer >= 0 && predictions.get(q.key) === q.answer) t.correct += 1;
  }
  const pct = (t: { correct: number; count: number }) => (t.correct * 100) / t.count;
  const count = tally.binary.count + tally.open.count;
  return {
    count,
    all: ((tally.binary.correct + tally.open.correct) * 100) / count,
    ...(tally.binary.count > 0 ? { binary: pct(tally.binary) } : {}),
    ...(tally.open.count > 0 ? { open: pct(tally.open) } : {}),
    counts: { binary: tally.binary.count, open: tally.open.count },
  };
}
