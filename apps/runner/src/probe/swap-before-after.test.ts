import { describe, expect, it } from 'vitest';
import { swapBeforeAfter, temporalWords } from './swap-before-after.js';

describe('swapBeforeAfter', () => {
  it('swaps the synthetic templates word for word', () => {
    expect(swapBeforeAfter('what did the girl do before crying')).toBe('what did the girl do after crying');
    expect(swapBeforeAfter('what did the girl do after crying')).toBe('what did the girl do before crying');
  });

  it('keeps the letter case of each word', () => {
    expect(swapBeforeAfter('Before the song, what did he do?')).toBe('After the song, what did he do?');
    expect(swapBeforeAfter('WHAT HAPPENED AFTER THE FALL')).toBe('WHAT HAPPENED BEFORE THE FALL');
  });

  it('keeps punctuation next to the word', () => {
    expect(swapBeforeAfter('what did the man do after?')).toBe('what did the man do before?');
    expect(swapBeforeAfter('(before) or after, the boy ran.')).toBe('(after) or before, the boy ran.');
  });

  it('swaps both words at once when both are present (not after->before->after)', () => {
    expect(swapBeforeAfter('what did she do after eating and before sleeping')).toBe('what did she do before eating and after sleeping');
    expect(swapBeforeAfter('before before after')).toBe('after after before');
  });

  it('returns undefined for a question with neither word (excluded from the probe)', () => {
    expect(swapBeforeAfter('why did the girl cry')).toBeUndefined();
    expect(swapBeforeAfter('what did the boy do beforehand')).toBeUndefined();
    expect(swapBeforeAfter('what happened afterwards or thereafter')).toBeUndefined();
    expect(swapBeforeAfter('')).toBeUndefined();
  });

  it('is its own inverse', () => {
    const q = 'What did the Boy do AFTER waving hand, before sitting down?';
    expect(swapBeforeAfter(swapBeforeAfter(q)!)).toBe(q);
  });
});

describe('temporalWords', () => {
  it('lists the words in order, lower-cased', () => {
    expect(temporalWords('After X, and BEFORE y, after z')).toEqual(['after', 'before', 'after']);
    expect(temporalWords('why did the girl cry')).toEqual([]);
  });
});
