// Reads a prediction file in the official NExT-QA result format
// `{ "<video>_<qid>": { "prediction": k, "answer": k } }`.
import { statSync } from 'node:fs';
import path from 'node:path';
import { DataError, describeValue } from '../data/data-error.js';
import { readTextFile } from '../data/nextqa/read-nextqa-csv.js';

/** One entry of a prediction file. */
export interface Prediction {
  /** The predicted candidate index. */
  readonly prediction: number;
  /** The correct candidate index as the predicting program saw it. */
  readonly answer: number;
}

/** A loaded prediction file. */
export interface PredictionFile {
  readonly file: string;
  readonly predictions: ReadonlyMap<string, Prediction>;
}

/**
 * Resolves a predictions argument: a JSON file, or a run folder holding `predictions.json`.
 */
export function resolvePredictionsPath(file: string): string {
  const abs = path.resolve(file);
  try {
    if (statSync(abs).isDirectory()) return path.join(abs, 'predictions.json');
  } catch {
    // not there: readPredictions reports it
  }
  return abs;
}

/**
 * Reads and validates a prediction file: a JSON object whose values are objects with non-negative integer
 * `prediction` and `answer` fields.
 * @throws DataError for a missing file, invalid JSON or a malformed entry (naming its key)
 */
export function readPredictions(file: string): PredictionFile {
  const abs = resolvePredictionsPath(file);
  const text = readTextFile(abs, 'prediction file (JSON)');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DataError(abs, { file: true }, 'valid JSON', (error as Error).message, { cause: error });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DataError(abs, { file: true }, 'a JSON object keyed by <video>_<qid>', Array.isArray(data) ? 'an array' : describeValue(data));
  }
  const predictions = new Map<string, Prediction>();
  for (const [key, value] of Object.entries(data)) {
    const entry = value as Record<string, unknown> | null;
    const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
    if (typeof entry !== 'object' || entry === null || !ok(entry['prediction']) || !ok(entry['answer'])) {
      throw new DataError(abs, { key }, '{ "prediction": <integer >= 0>, "answer": <integer >= 0> }', describeValue(value));
    }
    predictions.set(key, { prediction: entry['prediction'] as number, answer: entry['answer'] as number });
  }
  return { file: abs, predictions };
}
