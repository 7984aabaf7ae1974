// Accuracy per type, per group and overall, computed exactly as NExT-QA's official eval_mc.py does.
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import { EVAL_TYPES, evalType, QUESTION_GROUPS, questionGroup, type EvalType, type QuestionGroup } from '../data/nextqa/question-type.js';

/** Correct and total counts of one bucket. */
export interface Tally {
  readonly correct: number;
  readonly count: number;
}

/** The evaluation of a set of questions; accuracies in percent, buckets with no question left out. */
export interface NextQAAccuracy {
  readonly count: number;
  readonly correct: number;
  /** All correct / all questions, in percent. */
  readonly overall: number;
  /** C, T, D pooled over their type codes (TP counted with TN), in percent. */
  readonly groups: Partial<Record<QuestionGroup, number>>;
  /** Per eval type code (TP merged into TN), in percent. */
  readonly types: Partial<Record<EvalType, number>>;
  readonly tallies: {
    readonly groups: Partial<Record<QuestionGroup, Tally>>;
    readonly types: Partial<Record<EvalType, Tally>>;
  };
}

/** The JSON `sparc eval --json` writes. */
export interface NextQAAccuracyJson {
  readonly count: number;
  readonly overall: number;
  readonly groups: Partial<Record<QuestionGroup, number>>;
  readonly types: Partial<Record<EvalType, number>>;
}

/**
 * Scores questions as eval_mc.py does: a question is correct when its predicted index equals its answer;
 * types are grouped with TP -> TN; C/T/D pool the types starting with that letter; overall pools all.
 *
 * @param questions the rows to score (e.g. all of val.csv, or the ATP-hard subset)
 * @param isCorrect whether the prediction for a row is right (the caller decides which answer to trust)
 */
export function nextqaAccuracy(questions: readonly NextQARow[], isCorrect: (row: NextQARow) => boolean): NextQAAccuracy {
  const types = new Map<EvalType, { correct: number; count: number }>();
  const groups = new Map<QuestionGroup, { correct: number; count: number }>();
  let correct = 0;
  for (const row of questions) {
    const ok = isCorrect(row) ? 1 : 0;
    const t = types.get(evalType(row.type)) ?? { correct: 0, count: 0 };
    t.correct += ok;
    t.count += 1;
    types.set(evalType(row.type), t);
    const g = groups.get(questionGroup(row.type)) ?? { correct: 0, count: 0 };
    g.correct += ok;
    g.count += 1;
    groups.set(questionGroup(row.type), g);
    correct += ok;
  }
  const pct = (tally: Tally) => (tally.correct * 100) / tally.count;
  const pick = <K extends string>(order: readonly K[], map: Map<K, Tally>) => {
    const tallies: Partial<Record<K, Tally>> = {};
    const accs: Partial<Record<K, number>> = {};
    for (const k of order) {
      const tally = map.get(k);
      if (tally === undefined) continue;
      tallies[k] = { ...tally };
      accs[k] = pct(tally);
    }
    return { tallies, accs };
  };
  const t = pick(EVAL_TYPES, types);
  const g = pick(QUESTION_GROUPS, groups);
  return {
    count: questions.length,
    correct,
    overall: questions.length === 0 ? Number.NaN : (correct * 100) / questions.length,
    groups: g.accs,
    types: t.accs,
    tallies: { groups: g.tallies, types: t.tallies },
  };
}

/** The `--json` form: count, overall, groups and types (no tallies). */
export function toAccuracyJson(result: NextQAAccuracy): NextQAAccuracyJson {
  return { count: result.count, overall: result.overall, groups: result.groups, types: result.types };
}
