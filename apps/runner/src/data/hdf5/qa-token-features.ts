// QA-pair token features: `qas_bert/bert_ft_{split}.h5` with `feat` [Q, 5, L, D] (reference L = 37,
// D = 768), row i = row i of `{split}.csv`; zero rows pad each candidate after its last token.
import { DataError } from '../data-error.js';
import { checkShape, readRows, requireDataset, requireFloat } from './h5-dataset.js';
import { openH5File, type H5File } from './h5.js';

/** Expected sizes; omitted ones are taken from the file. */
export interface QATokenFeatureOptions {
  /** Number of questions (rows of the CSV); checked when given. */
  readonly questions?: number;
  readonly candidates?: number;
  readonly tokens?: number;
  readonly dim?: number;
}

/** Token features and lengths of a batch of questions. */
export interface QATokenBatch {
  /** `[B, candidates, tokens, dim]`, row-major. */
  readonly features: Float32Array;
  /** `[B, candidates]`: leading non-zero token rows per candidate. */
  readonly lengths: Int32Array;
}

/** An open QA token feature file. */
export interface QATokenFeatures {
  readonly file: string;
  readonly questions: number;
  readonly candidates: number;
  readonly tokens: number;
  readonly dim: number;
  /** Features of the given CSV rows, in request order. */
  read(rows: readonly number[]): QATokenBatch;
  close(): void;
}

/**
 * A candidate's length as the reference loader computes it (`nozero_row`): the number of token rows
 * before the first row whose sum is exactly 0.
 */
export function leadingNonZeroRows(features: Float32Array, offset: number, tokens: number, dim: number): number {
  for (let t = 0; t < tokens; t += 1) {
    let sum = 0;
    const base = offset + t * dim;
    for (let d = 0; d < dim; d += 1) sum += features[base + d]!;
    if (sum === 0) return t;
  }
  return tokens;
}

/**
 * Opens a QA token feature file (`feat` [Q, candidates, tokens, dim] float) and checks its shape.
 * @throws DataError for a missing file/dataset, a wrong shape (e.g. a row count differing from the CSV's)
 */
export async function openQATokenFeatures(file: string, options: QATokenFeatureOptions = {}): Promise<QATokenFeatures> {
  const h5: H5File = await openH5File(file);
  try {
    const feat = requireDataset(h5, 'feat');
    requireFloat(h5, 'feat', feat);
    const [questions, candidates, tokens, dim] = checkShape(h5, 'feat', feat, [options.questions ?? null, options.candidates ?? null, options.tokens ?? null, options.dim ?? null]) as [number, number, number, number];
    return {
      file: h5.filename,
      questions,
      candidates,
      tokens,
      dim,
      read: (rows) => {
        const bad = rows.findIndex((r) => !Number.isInteger(r) || r < 0 || r >= questions);
        if (bad >= 0) throw new DataError(h5.filename, { dataset: 'feat', row: rows[bad]! }, `a row below ${questions}`, `row ${rows[bad]}`);
        const features = readRows(feat, rows, candidates * tokens * dim);
        const lengths = new Int32Array(rows.length * candidates);
        for (let i = 0; i < lengths.length; i += 1) {
          lengths[i] = leadingNonZeroRows(features, i * tokens * dim, tokens, dim);
          if (lengths[i] === 0) {
            const row = rows[Math.floor(i / candidates)]!;
            throw new DataError(h5.filename, { dataset: 'feat', row }, 'a non-zero first token row for every candidate', `candidate ${i % candidates} starts with a zero row`);
          }
        }
        return { features, lengths };
      },
      close: () => void h5.close(),
    };
  } catch (error) {
    h5.close();
    throw error;
  }
}
