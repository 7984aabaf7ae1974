// Row-index subsets of a NExT-QA annotation file, e.g. ATP-hard (`atp-hard-ct4.txt`: one 0-based
// index into val.csv per line).
import path from 'node:path';
import { DataError, describeValue } from '../data-error.js';
import type { NextQARow } from './nextqa-row.js';
import { readTextFile } from './read-nextqa-csv.js';

/** The file name of the official ATP-hard index list (0-based rows of NExT-QA val.csv). */
export const ATP_HARD_FILE = 'atp-hard-ct4.txt';

/**
 * Reads a row-index file: one 0-based data-row index per line, blank lines ignored. Every index must be
 * an integer below `rowCount` and appear once.
 * @throws DataError naming the line of a bad, out-of-range or repeated index
 */
export function readRowIndices(file: string, rowCount: number): number[] {
  const abs = path.resolve(file);
  const lines = readTextFile(abs, 'row-index file').split(/\r?\n/);
  const seen = new Set<number>();
  const indices: number[] = [];
  lines.forEach((text, i) => {
    const t = text.trim();
    if (t === '') return;
    const value = /^\d+$/.test(t) ? Number(t) : Number.NaN;
    if (!Number.isSafeInteger(value) || value >= rowCount) {
      throw new DataError(abs, { line: i + 1 }, `a 0-based row index below ${rowCount} (the annotation file's row count)`, describeValue(t));
    }
    if (seen.has(value)) throw new DataError(abs, { line: i + 1 }, 'each row index once', `${value} again`);
    seen.add(value);
    indices.push(value);
  });
  return indices;
}

/** The rows at the given indices, in index-file order. */
export function selectRows(rows: readonly NextQARow[], indices: readonly number[]): NextQARow[] {
  return indices.map((i) => rows[i]!);
}
