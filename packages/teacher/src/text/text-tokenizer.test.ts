import { testBackend } from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { SPECIAL_TOKENS, TextTokenizer, splitWords } from './text-tokenizer.js';

describe.runIf(testBackend() === 'cpu')('TextTokenizer', () => {
  it('splits words and punctuation, lower-cased', () => {
    expect(splitWords('Why did the Boy run? To café!')).toEqual(['why', 'did', 'the', 'boy', 'run', '?', 'to', 'café', '!']);
  });

  it('builds a deterministic vocabulary: frequency, then alphabetical; unknown words are [UNK]', () => {
    const tok = TextTokenizer.fromCorpus(['why did the boy run', 'the girl ran', 'the boy sat']);
    expect(tok.toJSON()).toEqual({ kind: 'vocab', words: ['the', 'boy', 'did', 'girl', 'ran', 'run', 'sat', 'why'] });
    expect(tok.encode('the boy swam')).toEqual([4, 5, SPECIAL_TOKENS.UNK]);
    expect(tok.vocabSize).toBe(12);
    expect(TextTokenizer.fromCorpus(['a b b'], { minCount: 2 }).toJSON()).toEqual({ kind: 'vocab', words: ['b'] });
  });

  it('encodes pairs with [CLS]/[SEP], segments and padding; truncates the question first', () => {
    const tok = TextTokenizer.fromCorpus(['what does he do', 'run']);
    const p = tok.encodePair('what does he do', 'run', 10);
    expect(Array.from(p.ids)).toEqual([2, ...tok.encode('what does he do'), 3, tok.tokenId('run'), 3, 0, 0]);
    expect(Array.from(p.segments)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 0, 0]);
    expect(p.length).toBe(8);
    const t = tok.encodePair('what does he do', 'run', 6);
    expect(Array.from(t.ids)).toEqual([2, ...tok.encode('what does'), 3, tok.tokenId('run'), 3]);
    const long = tok.encodePair('what', 'do do do do do do do do', 7);
    expect(long.length).toBe(7);
    expect(long.ids[1]).toBe(tok.tokenId('what'));
  });

  it('hashing is deterministic and in range; JSON round-trips', () => {
    const tok = TextTokenizer.hashing(16);
    const ids = tok.encode('anything at all, even unseen words');
    expect(ids.every((i) => i >= 4 && i < 20)).toBe(true);
    expect(TextTokenizer.fromJSON(tok.toJSON()).encode('anything')).toEqual(tok.encode('anything'));
    const vocab = TextTokenizer.fromCorpus(['x y z']);
    expect(TextTokenizer.fromJSON(JSON.parse(JSON.stringify(vocab)) as never).encode('z y')).toEqual(vocab.encode('z y'));
    expect(() => TextTokenizer.fromJSON({ kind: 'bpe' } as never)).toThrow(ConfigError);
  });
});
