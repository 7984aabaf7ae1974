// Which questions of a split the report shows teacher strips for: a few of every question type.
import { QUESTION_TYPES } from '../data/nextqa/question-type.js';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';

/**
 * Picks up to `count` questions, taking turns over the type codes (CW CH TN TC TP DC DL DO): the first
 * question of each type in file order, then the second of each, and so on. Deterministic (no seed
 * needed). Pass only the usable rows (e.g. those with a teacher record).
 *
 * @example
 * pickSampleQuestions(rows, 3) // the first CW, the first CH and the first TN row (when present)
 */
export function pickSampleQuestions(rows: readonly NextQARow[], count: number): NextQARow[] {
  const queues = QUESTION_TYPES.map((type) => rows.filter((r) => r.type === type));
  const picked: NextQARow[] = [];
  for (let round = 0; picked.length < count; round++) {
    let any = false;
    for (const queue of queues) {
      const row = queue[round];
      if (row === undefined) continue;
      any = true;
      if (picked.length < count) picked.push(row);
    }
    if (!any) break;
  }
  return picked;
}
