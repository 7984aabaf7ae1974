// Reads a NExT-QA multiple-choice CSV file into typed rows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DataError } from '../data-error.js';
import { parseCsv } from '../csv/parse-csv.js';
import { toNextQARows, type NextQARow } from './nextqa-row.js';

/** A loaded NExT-QA annotation file. */
export interface NextQAAnnotations {
  /** Absolute path of the CSV. */
  readonly file: string;
  /** Rows in file order; `rows[i].row === i`. */
  readonly rows: readonly NextQARow[];
  /** Row by `<video>_<qid>` key. */
  readonly byKey: ReadonlyMap<string, NextQARow>;
}

/** Reads a text file, turning a missing or unreadable file into a one-line DataError. */
export function readTextFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataError(file, { file: true }, `a readable ${what}`, code === 'ENOENT' ? 'no such file' : String(code ?? error), { cause: error });
  }
}

/**
 * Reads and validates a NExT-QA multiple-choice CSV
 * (`video,frame_count,width,height,question,answer,qid,type,a0..a4`).
 * @throws DataError for a missing file, malformed CSV, unknown type codes, answers outside 0-4 or duplicate keys
 */
export function readNextQACsv(file: string): NextQAAnnotations {
  const abs = path.resolve(file);
  const rows = toNextQARows(parseCsv(readTextFile(abs, 'NExT-QA CSV file'), abs));
  return { file: abs, rows, byKey: new Map(rows.map((r) => [r.key, r])) };
}
