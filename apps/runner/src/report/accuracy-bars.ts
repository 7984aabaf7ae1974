// The per-type accuracy bars: one series per method or run, over All, C, T, D and the type codes.
import { EVAL_TYPES, QUESTION_GROUPS } from '../data/nextqa/question-type.js';
import type { AccuracyBars } from './report-data.js';

/** Accuracies of one method or run (percent), as results.json and metrics.jsonl epoch lines hold them. */
export interface AccuracyInput {
  readonly label: string;
  readonly source: string;
  readonly count: number | null;
  readonly overall: number;
  readonly groups: Readonly<Record<string, number | null | undefined>>;
  readonly types: Readonly<Record<string, number | null | undefined>>;
}

/**
 * Aligns the series on the categories `All`, `C`, `T`, `D`, then the eval type codes (CW CH TN TC DC DL
 * DO, eval_mc.py's order) that at least one series has; a series without a category gets null.
 */
export function accuracyBars(inputs: readonly AccuracyInput[]): AccuracyBars {
  const types = EVAL_TYPES.filter((t) => inputs.some((s) => typeof s.types[t] === 'number'));
  const categories = ['All', ...QUESTION_GROUPS, ...types];
  const value = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  return {
    categories,
    series: inputs.map((s) => ({
      label: s.label,
      source: s.source,
      count: s.count,
      values: [value(s.overall), ...QUESTION_GROUPS.map((g) => value(s.groups[g])), ...types.map((t) => value(s.types[t]))],
    })),
  };
}
