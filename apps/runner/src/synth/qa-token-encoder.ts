// Token features of "question + candidate" pairs, standing in for fine-tuned BERT features: each token is
// a fixed random lemma embedding plus smaller inflection, position and segment embeddings; rows after the
// sequence stay zero (the reference files' padding, which sets each candidate's length).
import { buildLexicon, CLS, SEP, type Lexicon } from './lexicon.js';
import { createSynthRng } from './synth-rng.js';

const FORM_WEIGHT = 0.3;
const POSITION_WEIGHT = 0.3;
const SEGMENT_WEIGHT = 0.3;

/** Encodes QA pairs into `[tokens, dim]` blocks. */
export interface QATokenEncoder {
  readonly tokens: number;
  readonly dim: number;
  readonly lexicon: Lexicon;
  /**
   * Writes `[CLS] question [SEP] candidate [SEP]` (question words cut from the end when longer than
   * `tokens`) into `out` at `offset`; returns the sequence length and whether it was cut.
   */
  encode(question: string, candidate: string, out: Float32Array, offset: number): { length: number; truncated: boolean };
}

/** The token sequence of a QA pair, cut to `max` tokens by dropping question words from the end. */
export function qaTokens(question: string, candidate: string, max: number): { tokens: string[]; segments: number[]; truncated: boolean } {
  const q = question.split(/\s+/).filter((w) => w !== '');
  const a = candidate.split(/\s+/).filter((w) => w !== '');
  const room = max - a.length - 3;
  const kept = room >= 0 ? q.slice(0, room) : [];
  const answer = room >= 0 ? a : a.slice(0, Math.max(0, max - 3));
  const tokens = [CLS, ...kept, SEP, ...answer, SEP];
  return { tokens, segments: tokens.map((_, i) => (i <= kept.length + 1 ? 0 : 1)), truncated: kept.length < q.length || answer.length < a.length };
}

/** Creates the encoder; its embedding tables come from (seed, 'text'). */
export function createQATokenEncoder(seed: number, tokens: number, dim: number): QATokenEncoder {
  const lexicon = buildLexicon();
  const rng = createSynthRng(seed, 'text');
  const draw = (rows: number) => Array.from({ length: rows }, () => Float32Array.from({ length: dim }, () => rng.normal()));
  const lemmas = draw(lexicon.lemmas.length);
  const forms = draw(3);
  const positions = draw(tokens);
  const segmentsTable = draw(2);
  return {
    tokens,
    dim,
    lexicon,
    encode: (question, candidate, out, offset) => {
      const seq = qaTokens(question, candidate, tokens);
      seq.tokens.forEach((word, t) => {
        const lemma = lexicon.lemmaOf.get(word);
        if (lemma === undefined) throw new Error(`QATokenEncoder: '${word}' is not in the synthetic lexicon`);
        const form = forms[lexicon.formOf.get(word)!]!;
        const base = offset + t * dim;
        const l = lemmas[lemma]!;
        const p = positions[t]!;
        const s = segmentsTable[seq.segments[t]!]!;
        for (let d = 0; d < dim; d += 1) out[base + d] = l[d]! + FORM_WEIGHT * form[d]! + POSITION_WEIGHT * p[d]! + SEGMENT_WEIGHT * s[d]!;
      });
      return { length: seq.tokens.length, truncated: seq.truncated };
    },
  };
}
