// The question edit of the misfocus probe (paper 4.1.1): "before" and "after" interchanged.

const WORD = /\b(before|after)\b/gi;

/** `other` written in the letter case of `original` (lower, Capitalised or UPPER). */
function matchCase(original: string, other: string): string {
  if (original === original.toUpperCase()) return other.toUpperCase();
  if (original[0] === original[0]!.toUpperCase()) return other[0]!.toUpperCase() + other.slice(1);
  return other;
}

/**
 * Interchanges every whole word "before" and "after" in `question` (all occurrences at once, so a
 * question with both words gets both swapped), keeping each word's letter case and the punctuation
 * around it. Returns undefined when the question holds neither word (the probe leaves it out).
 *
 * @example
 * swapBeforeAfter('What did the girl do before crying?'); // 'What did the girl do after crying?'
 * swapBeforeAfter('why did the boy run beforehand'); // undefined
 */
export function swapBeforeAfter(question: string): string | undefined {
  let found = false;
  const swapped = question.replace(WORD, (word) => {
    found = true;
    return matchCase(word, word.toLowerCase() === 'before' ? 'after' : 'before');
  });
  return found ? swapped : undefined;
}

/** The temporal words of a question, lower-cased, in order ([] when it has neither). */
export function temporalWords(question: string): Array<'before' | 'after'> {
  return [...question.matchAll(WORD)].map((m) => m[0].toLowerCase() as 'before' | 'after');
}
