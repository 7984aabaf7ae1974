// The printed form of an evaluation: one column per eval_mc.py bucket, accuracy and count rows.
import { EVAL_TYPE_NAMES, EVAL_TYPES, QUESTION_GROUPS } from '../data/nextqa/question-type.js';
import type { NextQAAccuracy } from './nextqa-accuracy.js';

/**
 * Formats an evaluation as text lines: a header with eval_mc.py's names (Why, How, Bef&Aft, When, Cnt,
 * Loc, Other, Acc_C, Acc_T, Acc_D, Acc), accuracies with 2 decimals, then question counts. Buckets with
 * no question print `-`.
 */
export function formatAccuracyTable(result: NextQAAccuracy, title?: string): string[] {
  const columns: Array<{ name: string; acc: number | undefined; count: number | undefined }> = [
    ...EVAL_TYPES.map((t) => ({ name: EVAL_TYPE_NAMES[t], acc: result.types[t], count: result.tallies.types[t]?.count })),
    ...QUESTION_GROUPS.map((g) => ({ name: EVAL_TYPE_NAMES[g], acc: result.groups[g], count: result.tallies.groups[g]?.count })),
    { name: 'Acc', acc: result.overall, count: result.count },
  ];
  const width = 8;
  const cell = (s: string) => s.padStart(width);
  const lines = [
    `${''.padEnd(6)}${columns.map((c) => cell(c.name)).join('')}`,
    `${'acc %'.padEnd(6)}${columns.map((c) => cell(c.acc === undefined || Number.isNaN(c.acc) ? '-' : c.acc.toFixed(2))).join('')}`,
    `${'count'.padEnd(6)}${columns.map((c) => cell(c.count === undefined ? '-' : String(c.count))).join('')}`,
  ];
  return title === undefined ? lines : [title, ...lines];
}
