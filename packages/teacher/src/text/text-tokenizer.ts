// The teacher's tokenizer: word-level, deterministic and serialisable. Either a vocabulary built from
// training text (with [UNK] for unseen words) or feature hashing into a fixed number of buckets (no
// vocabulary to store, every word has an id; collisions possible).
import { ConfigError } from '../errors.js';
import { fnv1a32 } from '../hash.js';

/** Ids of the special tokens (the same in both kinds). */
export const SPECIAL_TOKENS = Object.freeze({ PAD: 0, UNK: 1, CLS: 2, SEP: 3 });
const SPECIAL_COUNT = 4;

/** A tokenizer as JSON (what checkpoints store). */
export type TextTokenizerJSON =
  | { readonly kind: 'vocab'; readonly words: readonly string[] }
  | { readonly kind: 'hash'; readonly buckets: number };

/** Token ids of one (question, candidate) pair, padded to the tokenizer's `maxLength`. */
export interface EncodedPair {
  /** `[maxLength]` int ids: [CLS] question [SEP] candidate [SEP] [PAD]... */
  readonly ids: Int32Array;
  /** `[maxLength]` segment ids: 0 for [CLS] + question + first [SEP], 1 for the candidate part, 0 for padding. */
  readonly segments: Int32Array;
  /** Number of non-padding tokens. */
  readonly length: number;
}

/** Lower-cased words and single punctuation marks. */
export function splitWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/**
 * Word-level tokenizer.
 *
 * @example
 * const tok = TextTokenizer.fromCorpus(['why did the boy run?', 'to catch the ball']);
 * tok.encode('the boy'); // [4, 6]: 'the' is the most frequent word
 */
export class TextTokenizer {
  private readonly ids: ReadonlyMap<string, number> | null;

  private constructor(private readonly json: TextTokenizerJSON) {
    this.ids = json.kind === 'vocab' ? new Map(json.words.map((w, i) => [w, i + SPECIAL_COUNT])) : null;
  }

  /**
   * A vocabulary from `texts`: words ordered by frequency (descending), ties alphabetically; words seen
   * fewer than `minCount` times, and beyond `maxWords`, map to [UNK].
   */
  static fromCorpus(texts: Iterable<string>, { minCount = 1, maxWords = 20_000 }: { minCount?: number; maxWords?: number } = {}): TextTokenizer {
    const counts = new Map<string, number>();
    for (const text of texts) for (const w of splitWords(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const words = [...counts]
      .filter(([, n]) => n >= minCount)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, maxWords)
      .map(([w]) => w);
    return new TextTokenizer({ kind: 'vocab', words: Object.freeze(words) });
  }

  /** Feature hashing: id = 4 + FNV-1a(word) mod `buckets`. */
  static hashing(buckets = 4096): TextTokenizer {
    if (!Number.isInteger(buckets) || buckets < 1) throw new ConfigError('TextTokenizer.hashing', 'buckets', buckets, 'must be an integer >= 1');
    return new TextTokenizer({ kind: 'hash', buckets });
  }

  /** Restores a tokenizer saved with `toJSON`. */
  static fromJSON(json: TextTokenizerJSON): TextTokenizer {
    if (json?.kind === 'vocab' && Array.isArray(json.words)) return new TextTokenizer({ kind: 'vocab', words: Object.freeze([...json.words]) });
    if (json?.kind === 'hash') return TextTokenizer.hashing(json.buckets);
    throw new ConfigError('TextTokenizer.fromJSON', 'kind', (json as { kind?: unknown } | undefined)?.kind, "must be 'vocab' or 'hash'");
  }

  /** Number of ids (embedding rows), special tokens included. */
  get vocabSize(): number {
    return SPECIAL_COUNT + (this.json.kind === 'vocab' ? this.json.words.length : this.json.buckets);
  }

  /** The id of one (already lower-cased) word. */
  tokenId(word: string): number {
    if (this.ids) return this.ids.get(word) ?? SPECIAL_TOKENS.UNK;
    return SPECIAL_COUNT + (fnv1a32(word) % (this.json as { buckets: number }).buckets);
  }

  /** Ids of the words of `text` (no special tokens). */
  encode(text: string): number[] {
    return splitWords(text).map((w) => this.tokenId(w));
  }

  /**
   * `[CLS] question [SEP] candidate [SEP]`, padded/truncated to `maxLength` (>= 5). The question is
   * truncated first (from its end), then the candidate.
   */
  encodePair(question: string, candidate: string, maxLength: number): EncodedPair {
    let q = this.encode(question);
    let c = this.encode(candidate);
    const room = maxLength - 3;
    if (q.length + c.length > room) {
      const keepC = Math.min(c.length, Math.max(Math.ceil(room / 2), room - q.length));
      c = c.slice(0, keepC);
      q = q.slice(0, room - c.length);
    }
    const ids = new Int32Array(maxLength);
    const segments = new Int32Array(maxLength);
    const seq = [SPECIAL_TOKENS.CLS, ...q, SPECIAL_TOKENS.SEP, ...c, SPECIAL_TOKENS.SEP];
    ids.set(seq);
    for (let i = q.length + 2; i < seq.length; i++) segments[i] = 1;
    return { ids, segments, length: seq.length };
  }

  toJSON(): TextTokenizerJSON {
    return this.json;
  }
}
