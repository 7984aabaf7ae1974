// AGQA 2.0 question files as released by its authors (e.g. train_balanced.txt / test_balanced.txt): one
// JSON object keyed by question id, each value holding at least question, answer, video_id and ans_type,
// plus the group labels global (reasoning types), local (template), steps, semantic, structural, ...
import path from 'node:path';
import { DataError, describeValue } from '../data-error.js';
import { readTextFile } from '../nextqa/read-nextqa-csv.js';

/** AGQA answer types: yes/no-style two-way questions and open-answer questions. */
export type AGQAAnswerType = 'binary' | 'open';

/** One AGQA 2.0 question (the fields this project uses; others in the file are ignored). */
export interface AGQAQuestion {
  /** The question id (the key of the JSON object). */
  readonly key: string;
  readonly question: string;
  /** The open-ended answer text. */
  readonly answer: string;
  /** Charades video id. */
  readonly video: string;
  readonly ansType: AGQAAnswerType;
  /** Reasoning types (`global`), e.g. obj-rel, sequencing, superlative. */
  readonly global: readonly string[];
  /** The question template (`local`), when present. */
  readonly local?: string;
  /** Number of reasoning steps, when present. */
  readonly steps?: number;
  /** object | relation | action, when present. */
  readonly semantic?: string;
  /** query | compare | choose | logic | verify, when present. */
  readonly structural?: string;
}

function stringField(file: string, key: string, entry: Record<string, unknown>, name: string): string {
  const value = entry[name];
  if (typeof value !== 'string') throw new DataError(file, { key }, `a string field '${name}'`, value === undefined ? 'none' : describeValue(value));
  return value;
}

/**
 * Validates parsed AGQA JSON: an object keyed by question id (a list of objects with `question_id` is
 * accepted too). Required per question: `question`, `answer`, `video_id` (strings), `ans_type`
 * ('binary' or 'open'); `global` must be a list of strings when present.
 * @throws DataError naming the file and question id of the first malformed entry
 */
export function toAGQAQuestions(data: unknown, file: string): AGQAQuestion[] {
  let entries: Array<[string, unknown]>;
  if (Array.isArray(data)) {
    entries = data.map((e, i) => {
      const id = (e as Record<string, unknown> | null)?.['question_id'];
      if (typeof id !== 'string' && typeof id !== 'number') throw new DataError(file, { key: `[${i}]` }, "a 'question_id'", describeValue(e));
      return [String(id), e];
    });
  } else if (typeof data === 'object' && data !== null) {
    entries = Object.entries(data);
  } else {
    throw new DataError(file, { file: true }, 'a JSON object keyed by question id', describeValue(data));
  }
  const seen = new Set<string>();
  return entries.map(([key, value]) => {
    if (seen.has(key)) throw new DataError(file, { key }, 'unique question ids', 'a repeated id');
    seen.add(key);
    if (typeof value !== 'object' || value === null) throw new DataError(file, { key }, 'a question object', describeValue(value));
    const entry = value as Record<string, unknown>;
    const ansType = entry['ans_type'];
    if (ansType !== 'binary' && ansType !== 'open') throw new DataError(file, { key }, "ans_type 'binary' or 'open'", describeValue(ansType ?? 'none'));
    const global = entry['global'] ?? [];
    if (!Array.isArray(global) || !global.every((g) => typeof g === 'string')) throw new DataError(file, { key }, "'global' as a list of strings", describeValue(global));
    const steps = entry['steps'];
    return {
      key,
      question: stringField(file, key, entry, 'question'),
      answer: stringField(file, key, entry, 'answer'),
      video: stringField(file, key, entry, 'video_id'),
      ansType,
      global: global as string[],
      ...(typeof entry['local'] === 'string' ? { local: entry['local'] } : {}),
      ...(typeof steps === 'number' ? { steps } : {}),
      ...(typeof entry['semantic'] === 'string' ? { semantic: entry['semantic'] } : {}),
      ...(typeof entry['structural'] === 'string' ? { structural: entry['structural'] } : {}),
    };
  });
}

/** Reads an AGQA 2.0 question file (JSON, any extension such as the released `.txt`). */
export function readAGQAQuestions(file: string): AGQAQuestion[] {
  const abs = path.resolve(file);
  const text = readTextFile(abs, 'AGQA question file (JSON)');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(abs, { file: true }, 'valid JSON', (error as Error).message, { cause: error });
  }
  return toAGQAQuestions(data, abs);
}
