// `sparc eval` as a function: NExT-QA accuracy of a prediction file, optionally on a row subset (ATP-hard).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import { ATP_HARD_FILE, readRowIndices, selectRows } from '../data/nextqa/row-subset.js';
import { formatAccuracyTable } from './format-accuracy-table.js';
import { matchPredictions } from './match-predictions.js';
import { nextqaAccuracy, toAccuracyJson, type NextQAAccuracy } from './nextqa-accuracy.js';
import { readPredictions } from './read-predictions.js';

/** Options of {@link runEval} (the flags of `sparc eval`). */
export interface RunEvalOptions {
  /** NExT-QA multiple-choice CSV (e.g. val.csv). */
  readonly annotations: string;
  /** Official-format prediction JSON, or a run folder holding `predictions.json`. */
  readonly predictions: string;
  /**
   * Score only a subset: `'atp-hard'` (row indices from `subsetFile`, default `atp-hard-ct4.txt` beside
   * the annotation file), or the path of any row-index file (one 0-based row per line).
   */
  readonly subset?: string;
  /** The row-index file for `subset: 'atp-hard'`. */
  readonly subsetFile?: string;
  /** Where to write `{ count, overall, groups, types }` (percent). */
  readonly json?: string;
}

/** What {@link runEval} returns. */
export interface RunEvalResult {
  readonly accuracy: NextQAAccuracy;
  /** The printed table. */
  readonly lines: readonly string[];
  /** Absolute paths that were read/written. */
  readonly files: { readonly annotations: string; readonly predictions: string; readonly subset?: string; readonly json?: string };
}

function resolveSubset(options: RunEvalOptions, annotationsFile: string): string | undefined {
  if (options.subset === undefined) return undefined;
  if (options.subset === 'atp-hard') return path.resolve(options.subsetFile ?? path.join(path.dirname(annotationsFile), ATP_HARD_FILE));
  return path.resolve(options.subset);
}

/**
 * Evaluates a prediction file exactly as NExT-QA's eval_mc.py: accuracy per type (TP merged into TN), per
 * group C/T/D and overall, in percent. The prediction file must cover exactly the annotation keys (or the
 * subset's keys); its answers must equal the CSV's.
 * @throws DataError for bad files, missing/extra keys or disagreeing answers
 */
export function runEval(options: RunEvalOptions): RunEvalResult {
  const annotations = readNextQACsv(options.annotations);
  const subsetFile = resolveSubset(options, annotations.file);
  const subset: NextQARow[] | undefined = subsetFile === undefined ? undefined : selectRows(annotations.rows, readRowIndices(subsetFile, annotations.rows.length));
  const predictions = readPredictions(options.predictions);
  matchPredictions(predictions, annotations, subset === undefined ? {} : { subset });
  const scored = subset ?? annotations.rows;
  const accuracy = nextqaAccuracy(scored, (row) => {
    const p = predictions.predictions.get(row.key)!;
    return p.prediction === p.answer;
  });
  const label = subset === undefined ? path.basename(annotations.file) : `${path.basename(annotations.file)} [${options.subset === 'atp-hard' ? 'ATP-hard' : path.basename(subsetFile!)}]`;
  const lines = formatAccuracyTable(accuracy, `NExT-QA accuracy of ${path.basename(predictions.file)} on ${label}: ${accuracy.count} questions`);
  let json: string | undefined;
  if (options.json !== undefined) {
    json = path.resolve(options.json);
    mkdirSync(path.dirname(json), { recursive: true });
    writeFileSync(json, `${JSON.stringify(toAccuracyJson(accuracy), null, 2)}\n`);
  }
  return {
    accuracy,
    lines,
    files: { annotations: annotations.file, predictions: predictions.file, ...(subsetFile === undefined ? {} : { subset: subsetFile }), ...(json === undefined ? {} : { json }) },
  };
}
