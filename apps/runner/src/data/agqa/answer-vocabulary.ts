// The global answer set that turns open-ended QA into multiple choice (SpARC paper 3.1, after Yang et
// al. 2021): every training answer that occurs more than once.

/** Options of {@link buildAnswerVocabulary}. */
export interface AnswerVocabularyOptions {
  /** Minimum number of training occurrences (default 2: "appear more than once"). */
  readonly minCount?: number;
}

/** The candidate answers, most frequent first (ties in code-point order), and each answer's index. */
export interface AnswerVocabulary {
  readonly answers: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Training occurrences of each kept answer, aligned with `answers`. */
  readonly counts: readonly number[];
}

/**
 * Builds the global candidate set from training answers: answers occurring at least `minCount` times,
 * compared exactly (AGQA answers are already lower-case words), ordered by count then text so the
 * set is deterministic.
 */
export function buildAnswerVocabulary(trainAnswers: Iterable<string>, options: AnswerVocabularyOptions = {}): AnswerVocabulary {
  const minCount = options.minCount ?? 2;
  const counts = new Map<string, number>();
  for (const a of trainAnswers) counts.set(a, (counts.get(a) ?? 0) + 1);
  const kept = [...counts.entries()].filter(([, c]) => c >= minCount).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    answers: kept.map(([a]) => a),
    indexOf: new Map(kept.map(([a], i) => [a, i])),
    counts: kept.map(([, c]) => c),
  };
}
