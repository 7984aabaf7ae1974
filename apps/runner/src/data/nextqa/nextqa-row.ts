// Typed rows of a NExT-QA multiple-choice CSV and their validation.
import { DataError, describeValue } from '../data-error.js';
import type { CsvTable } from '../csv/parse-csv.js';
import { nextqaKey } from './nextqa-key.js';
import { isQuestionType, QUESTION_TYPES, type QuestionType } from './question-type.js';

/** The header of a NExT-QA multiple-choice CSV, in order. */
export const NEXTQA_COLUMNS = ['video', 'frame_count', 'width', 'height', 'question', 'answer', 'qid', 'type', 'a0', 'a1', 'a2', 'a3', 'a4'] as const;

/** Number of answer candidates per NExT-QA question. */
export const NEXTQA_CANDIDATES = 5;

/** One question of a NExT-QA multiple-choice CSV. */
export interface NextQARow {
  /** 0-based data row (row i of the QA feature file, the index ATP-hard uses). */
  readonly row: number;
  /** `<video>_<qid>`. */
  readonly key: string;
  /** Video id as written in the CSV (an integer in NExT-QA; compared as a string). */
  readonly video: string;
  readonly frameCount: number;
  readonly width: number;
  readonly height: number;
  readonly question: string;
  /** Index 0-4 of the correct candidate. */
  readonly answer: number;
  readonly qid: string;
  readonly type: QuestionType;
  /** The five candidates a0..a4. */
  readonly candidates: readonly string[];
}

function intField(table: CsvTable, row: number, line: number, column: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in ${min}..${max}`;
    throw new DataError(table.file, { row, line, column }, range, describeValue(text));
  }
  return value;
}

/**
 * Validates a parsed NExT-QA multiple-choice CSV and returns typed rows. Checks the header, integer
 * columns, the type code, the answer index (0-4), non-empty video/qid and unique `<video>_<qid>` keys.
 * @throws DataError naming the file, line/row and column on the first bad field
 */
export function toNextQARows(table: CsvTable): NextQARow[] {
  const missing = NEXTQA_COLUMNS.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    throw new DataError(table.file, { line: 1 }, `a header with ${NEXTQA_COLUMNS.join(',')}`, `'${table.header.join(',')}' (missing ${missing.join(', ')})`);
  }
  const col = Object.fromEntries(NEXTQA_COLUMNS.map((c) => [c, table.header.indexOf(c)])) as Record<(typeof NEXTQA_COLUMNS)[number], number>;
  const firstRowOfKey = new Map<string, number>();
  return table.records.map((record, row) => {
    const f = (c: (typeof NEXTQA_COLUMNS)[number]) => record.fields[col[c]] ?? '';
    const line = record.line;
    const video = f('video').trim();
    const qid = f('qid').trim();
    if (video === '') throw new DataError(table.file, { row, line, column: 'video' }, 'a video id', 'an empty field');
    if (qid === '') throw new DataError(table.file, { row, line, column: 'qid' }, 'a question id', 'an empty field');
    const type = f('type').trim();
    if (!isQuestionType(type)) throw new DataError(table.file, { row, line, column: 'type' }, `one of ${QUESTION_TYPES.join(' ')}`, describeValue(type));
    const key = nextqaKey(video, qid);
    const previous = firstRowOfKey.get(key);
    if (previous !== undefined) throw new DataError(table.file, { row, line, column: 'qid' }, `a unique key <video>_<qid>`, `'${key}' again (first at row ${previous})`);
    firstRowOfKey.set(key, row);
    return {
      row,
      key,
      video,
      frameCount: intField(table, row, line, 'frame_count', f('frame_count'), 0),
      width: intField(table, row, line, 'width', f('width'), 1),
      height: intField(table, row, line, 'height', f('height'), 1),
      question: f('question'),
      answer: intField(table, row, line, 'answer', f('answer'), 0, NEXTQA_CANDIDATES - 1),
      qid,
      type,
      candidates: [f('a0'), f('a1'), f('a2'), f('a3'), f('a4')],
    };
  });
}
