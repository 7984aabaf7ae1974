// Open-ended AGQA questions as multiple choice over the global answer set.
import type { AGQAAnswerType, AGQAQuestion } from './agqa-question.js';
import type { AnswerVocabulary } from './answer-vocabulary.js';

/** A question scored against the global candidate set. */
export interface MultipleChoiceQuestion {
  readonly key: string;
  readonly video: string;
  readonly question: string;
  readonly ansType: AGQAAnswerType;
  /** Index of the answer in the candidate set, or -1 when the answer is not in it (always scored wrong). */
  readonly answer: number;
  readonly answerText: string;
}

/** Converted questions and how many answers the candidate set covers. */
export interface MultipleChoiceSet {
  /** The shared candidates of every question. */
  readonly candidates: readonly string[];
  readonly questions: readonly MultipleChoiceQuestion[];
  /** Questions whose answer is in the candidate set. */
  readonly covered: number;
}

/**
 * Converts open-ended questions to multiple choice over `vocabulary`. Questions whose answer is outside
 * the set keep answer -1: they stay in the denominator of every accuracy and can never be right (the
 * usual convention for a closed answer set; no question is dropped).
 */
export function toMultipleChoice(questions: readonly AGQAQuestion[], vocabulary: AnswerVocabulary): MultipleChoiceSet {
  let covered = 0;
  const out = questions.map((q) => {
    const answer = vocabulary.indexOf.get(q.answer) ?? -1;
    if (answer >= 0) covered += 1;
    return { key: q.key, video: q.video, question: q.question, ansType: q.ansType, answer, answerText: q.answer };
  });
  return { candidates: vocabulary.answers, questions: out, covered };
}
