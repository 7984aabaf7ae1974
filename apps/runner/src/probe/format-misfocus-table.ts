// The printed report of `sparc probe misfocus`: identical share per question type and view, counts, and
// how often the focus lies inside the ground-truth causal frames.
import { QUESTION_TYPES } from '../data/nextqa/question-type.js';
import type { MisfocusShare } from './misfocus-share.js';

const pct = (x: number | null) => (x === null ? '-' : `${(100 * x).toFixed(1)}%`);

/** Lines of the report; `views` in the source's order (the first is the primary focus). */
export function formatMisfocusTable(views: Readonly<Record<string, MisfocusShare>>): string[] {
  const names = Object.keys(views);
  const first = views[names[0]!]!;
  const seen = Object.keys(first.byType);
  const types = [...QUESTION_TYPES.filter((t) => seen.includes(t)), ...seen.filter((t) => !(QUESTION_TYPES as readonly string[]).includes(t))];
  const label = (v: string) => `identical [${v}]`;
  const width = Math.max(...names.map((v) => label(v).length), 'count'.length);
  const cell = (s: string) => s.padStart(8);
  const lines = [`${''.padEnd(width)}${[...types, 'all'].map(cell).join('')}`];
  for (const v of names) {
    const s = views[v]!;
    lines.push(`${label(v).padEnd(width)}${[...types.map((t) => pct(s.byType[t]?.identical ?? null)), pct(s.identical)].map(cell).join('')}`);
  }
  lines.push(`${'count'.padEnd(width)}${[...types.map((t) => String(first.byType[t]?.samples ?? 0)), String(first.samples)].map(cell).join('')}`);
  for (const v of names) {
    const s = views[v]!;
    if (s.groundTruthSamples.original === 0 && s.groundTruthSamples.swapped === 0) continue;
    lines.push(
      `inside the ground-truth causal frames [${v}]: original ${pct(s.groundTruthHit.original)} of ${s.groundTruthSamples.original}, ` +
        `swapped ${pct(s.groundTruthHit.swapped)} of ${s.groundTruthSamples.swapped}`,
    );
  }
  return lines;
}
