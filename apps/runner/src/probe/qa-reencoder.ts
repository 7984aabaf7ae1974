// QA token features of an edited question, exactly as `sparc synth` would have written them for that
// text: the dataset's synth.json names the text encoder (synth/qa-token-encoder.ts) by seed and sizes.
import fs from 'node:fs';
import path from 'node:path';
import { DataError, describeValue } from '../data/data-error.js';
import { createQATokenEncoder, type QATokenEncoder } from '../synth/qa-token-encoder.js';
import { SYNTH_MANIFEST } from '../synth/synth-layout.js';

/** Re-encodes "question + candidate" blocks of a synthetic dataset. */
export interface QAReencoder {
  readonly tokens: number;
  readonly wordDim: number;
  /**
   * Writes the C candidates of `question` as `[C, tokens, wordDim]` features into `features` at block
   * `index` (rows after each sequence zeroed) and their lengths into `lengths`.
   */
  encode(question: string, candidates: readonly string[], features: Float32Array, lengths: Int32Array, index: number): void;
}

const NOT_REENCODABLE = 'the synthetic dataset manifest: the misfocus probe of a video model re-encodes the swapped question, so it needs re-encodable question features (a `sparc synth` folder; real NExT-QA BERT features cannot be recomputed here)';

/**
 * Reads `<dataset>/synth.json` and builds its text encoder.
 * @throws DataError when synth.json is missing (not a synthetic dataset) or lacks config.seed/tokens/wordDim
 */
export function openQAReencoder(dataset: string): QAReencoder {
  const file = path.join(path.resolve(dataset), SYNTH_MANIFEST);
  if (!fs.existsSync(file)) throw new DataError(file, { file: true }, NOT_REENCODABLE, 'no such file');
  let manifest: { config?: Record<string, unknown> };
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof manifest;
  } catch (error) {
    throw new DataError(file, { file: true }, 'valid JSON', (error as Error).message, { cause: error });
  }
  const config = manifest.config ?? {};
  for (const field of ['seed', 'tokens', 'wordDim'] as const) {
    const v = config[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new DataError(file, { key: `config.${field}` }, 'a non-negative integer', describeValue(v));
  }
  const encoder: QATokenEncoder = createQATokenEncoder(config['seed'] as number, config['tokens'] as number, config['wordDim'] as number);
  const block = encoder.tokens * encoder.dim;
  return {
    tokens: encoder.tokens,
    wordDim: encoder.dim,
    encode(question, candidates, features, lengths, index) {
      const base = index * candidates.length;
      candidates.forEach((candidate, c) => {
        const offset = (base + c) * block;
        features.fill(0, offset, offset + block);
        lengths[base + c] = encoder.encode(question, candidate, features, offset).length;
      });
    },
  };
}
