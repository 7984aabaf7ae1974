// Checks that a prediction file covers exactly the questions being evaluated, and that its answers agree
// with the annotation file. Nothing is guessed: any mismatch is a one-line DataError with counts and examples.
import { DataError } from '../data/data-error.js';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import type { PredictionFile } from './read-predictions.js';

const EXAMPLES = 3;

function examples(keys: readonly string[]): string {
  const shown = keys.slice(0, EXAMPLES).map((k) => `'${k}'`).join(', ');
  return keys.length > EXAMPLES ? `${shown}, ...` : shown;
}

function keyDiff(expected: readonly NextQARow[], actual: ReadonlyMap<string, unknown>): { missing: string[]; extra: string[] } {
  const wanted = new Set(expected.map((r) => r.key));
  return {
    missing: expected.map((r) => r.key).filter((k) => !actual.has(k)),
    extra: [...actual.keys()].filter((k) => !wanted.has(k)),
  };
}

/**
 * Verifies the keys and answers of a prediction file against the annotations.
 *
 * The file must hold exactly the keys of `annotations`, or, when `subset` is given, exactly the keys of
 * `annotations` or exactly those of `subset` (so full-val predictions can be scored on ATP-hard).
 * Every `answer` must equal the annotation's answer index, and every `prediction` must be a candidate
 * index below `candidates`.
 *
 * @throws DataError naming the prediction file, the counts of missing/extra keys and a few example keys
 */
export function matchPredictions(
  predictions: PredictionFile,
  annotations: { readonly file: string; readonly rows: readonly NextQARow[] },
  options: { readonly subset?: readonly NextQARow[]; readonly candidates?: number } = {},
): void {
  const { file, predictions: map } = predictions;
  const full = keyDiff(annotations.rows, map);
  const fullOk = full.missing.length === 0 && full.extra.length === 0;
  if (!fullOk) {
    const sub = options.subset === undefined ? undefined : keyDiff(options.subset, map);
    if (sub === undefined || sub.missing.length > 0 || sub.extra.length > 0) {
      const d = sub !== undefined && sub.missing.length + sub.extra.length < full.missing.length + full.extra.length ? sub : full;
      const target = d === full ? `the ${annotations.rows.length} keys of the annotation file` : `the ${options.subset!.length} keys of the subset`;
      const parts = [
        d.missing.length > 0 ? `${d.missing.length} missing (${examples(d.missing)})` : '',
        d.extra.length > 0 ? `${d.extra.length} extra (${examples(d.extra)})` : '',
      ].filter((p) => p !== '');
      throw new DataError(file, { file: true }, `exactly ${target}`, `${map.size} keys: ${parts.join(', ')}`);
    }
  }
  const scored = fullOk ? annotations.rows : options.subset!;
  const candidates = options.candidates ?? 5;
  const wrongAnswer = scored.filter((r) => map.get(r.key)!.answer !== r.answer);
  if (wrongAnswer.length > 0) {
    const r = wrongAnswer[0]!;
    throw new DataError(
      file,
      { key: r.key },
      `answers equal to the annotation file's (${r.answer} in ${annotations.file} row ${r.row})`,
      `${map.get(r.key)!.answer}; ${wrongAnswer.length} of ${scored.length} answers differ (${examples(wrongAnswer.map((w) => w.key))})`,
    );
  }
  const badPrediction = scored.find((r) => map.get(r.key)!.prediction >= candidates);
  if (badPrediction !== undefined) {
    throw new DataError(file, { key: badPrediction.key }, `a prediction below ${candidates}`, `${map.get(badPrediction.key)!.prediction}`);
  }
}
