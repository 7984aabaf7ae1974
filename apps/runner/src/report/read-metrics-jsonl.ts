// Reads a run's metrics.jsonl (written by trainRun, engine/train-run.ts): step lines and epoch
// evaluation lines, each validated; a truncated or malformed line is a DataError naming file and line.
import path from 'node:path';
import { DataError, describeValue } from '../data/data-error.js';
import { readTextFile } from '../data/nextqa/read-nextqa-csv.js';
import { STEP_FIELDS, type EpochRecord, type StepRecord } from './report-data.js';

/** The records of one metrics.jsonl, in file order. */
export interface RunMetrics {
  readonly steps: readonly StepRecord[];
  readonly evaluations: readonly EpochRecord[];
}

type Json = Record<string, unknown>;

function numberOrNull(file: string, line: number, record: Json, field: string): number | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new DataError(file, { line }, `field '${field}' to be a finite number or null`, describeValue(value));
  return value;
}

function positiveInt(file: string, line: number, record: Json, field: string): number {
  const value = record[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new DataError(file, { line }, `field '${field}' to be an integer >= 1`, describeValue(value));
  return value;
}

function percentages(file: string, line: number, record: Json, field: string): Record<string, number> {
  const value = record[field] ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DataError(file, { line }, `field '${field}' to be an object of percentages`, describeValue(value));
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new DataError(file, { line }, `field '${field}.${k}' to be a finite number`, describeValue(v));
    out[k] = v;
  }
  return out;
}

/**
 * Parses the text of a metrics.jsonl. Lines of other kinds are skipped (newer writers may add some);
 * blank lines are ignored.
 * @throws DataError when a line is not a complete JSON object, has no `kind`, or a field has the wrong type
 */
export function parseMetricsJsonl(text: string, file: string): RunMetrics {
  const steps: StepRecord[] = [];
  const evaluations: EpochRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const line = i + 1;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch (error) {
      throw new DataError(file, { line }, 'a complete JSON object (one metrics record per line; truncated?)', describeValue(raw, 50), { cause: error });
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new DataError(file, { line }, 'a JSON object', describeValue(raw, 50));
    const r = record as Json;
    if (typeof r['kind'] !== 'string') throw new DataError(file, { line }, "a field 'kind' ('step' or 'epoch')", describeValue(r['kind'] ?? null));
    if (r['kind'] === 'step') {
      const values = Object.fromEntries(STEP_FIELDS.map((f) => [f, numberOrNull(file, line, r, f)]));
      steps.push({ epoch: positiveInt(file, line, r, 'epoch'), step: positiveInt(file, line, r, 'step'), ...values } as StepRecord);
    } else if (r['kind'] === 'epoch') {
      const overall = numberOrNull(file, line, r, 'overall');
      if (overall === null) throw new DataError(file, { line }, "field 'overall' to be a finite number", 'null');
      const count = r['count'];
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new DataError(file, { line }, "field 'count' to be an integer >= 0", describeValue(count));
      evaluations.push({
        epoch: positiveInt(file, line, r, 'epoch'),
        step: positiveInt(file, line, r, 'step'),
        split: typeof r['split'] === 'string' ? r['split'] : 'val',
        count,
        overall,
        groups: percentages(file, line, r, 'groups'),
        types: percentages(file, line, r, 'types'),
      });
    }
  }
  return { steps, evaluations };
}

/**
 * Reads and validates a metrics.jsonl file.
 * @throws DataError for a missing file or a malformed line (see parseMetricsJsonl)
 */
export function readMetricsJsonl(file: string): RunMetrics {
  const abs = path.resolve(file);
  return parseMetricsJsonl(readTextFile(abs, 'metrics.jsonl file'), abs);
}
