// `sparc eval --agqa-train ...`: AGQA 2.0 accuracy (Binary / Open / All) of a prediction file whose
// indices point into the global candidate set built from the training answers (paper 3.1).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataError } from '../data/data-error.js';
import { agqaAccuracy, type AGQAAccuracy } from '../data/agqa/agqa-accuracy.js';
import { readAGQAQuestions } from '../data/agqa/agqa-question.js';
import { buildAnswerVocabulary } from '../data/agqa/answer-vocabulary.js';
import { toMultipleChoice } from '../data/agqa/to-multiple-choice.js';
import { readPredictions } from './read-predictions.js';

/** Options of {@link runAGQAEval}. */
export interface RunAGQAEvalOptions {
  /** AGQA 2.0 question file to score (e.g. test_balanced.txt). */
  readonly questions: string;
  /** AGQA 2.0 training question file: its answers occurring more than once form the candidate set. */
  readonly train: string;
  /** `{ "<question id>": { "prediction": k, "answer": k } }` with k indices into the candidate set. */
  readonly predictions: string;
  /** Where to write `{ count, all, binary, open, candidates, covered }` (percent). */
  readonly json?: string;
}

/** What {@link runAGQAEval} returns. */
export interface RunAGQAEvalResult {
  readonly accuracy: AGQAAccuracy;
  /** Size of the global candidate set. */
  readonly candidates: number;
  /** Questions whose answer is in the candidate set. */
  readonly covered: number;
  readonly lines: readonly string[];
}

/**
 * Converts the questions to multiple choice over the training answers occurring more than once and scores
 * the predictions. A prediction's `answer` must equal the converted answer index (questions whose answer is
 * outside the set have none; any `answer` given for them is not checked).
 * @throws DataError for bad files, missing/extra keys or disagreeing answers
 */
export function runAGQAEval(options: RunAGQAEvalOptions): RunAGQAEvalResult {
  const vocabulary = buildAnswerVocabulary(readAGQAQuestions(options.train).map((q) => q.answer));
  const mc = toMultipleChoice(readAGQAQuestions(options.questions), vocabulary);
  const file = readPredictions(options.predictions);
  const disagree = mc.questions.filter((q) => q.answer >= 0 && file.predictions.has(q.key) && file.predictions.get(q.key)!.answer !== q.answer);
  if (disagree.length > 0) {
    const q = disagree[0]!;
    throw new DataError(file.file, { key: q.key }, `answer ${q.answer} ('${q.answerText}' in the candidate set of ${path.basename(options.train)})`, `${file.predictions.get(q.key)!.answer}; ${disagree.length} answers differ`);
  }
  const accuracy = agqaAccuracy(mc.questions, new Map([...file.predictions].map(([k, p]) => [k, p.prediction])), file.file);
  const pct = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(2));
  const lines = [
    `AGQA 2.0 accuracy of ${path.basename(file.file)} on ${path.basename(options.questions)}: ${accuracy.count} questions, ${vocabulary.answers.length} candidates (${mc.covered} answers in the set)`,
    `${''.padEnd(6)}${['Binary', 'Open', 'All'].map((s) => s.padStart(8)).join('')}`,
    `${'acc %'.padEnd(6)}${[accuracy.binary, accuracy.open, accuracy.all].map((v) => pct(v).padStart(8)).join('')}`,
    `${'count'.padEnd(6)}${[accuracy.counts.binary, accuracy.counts.open, accuracy.count].map((v) => String(v).padStart(8)).join('')}`,
  ];
  if (options.json !== undefined) {
    const out = path.resolve(options.json);
    mkdirSync(path.dirname(out), { recursive: true });
    const body = { count: accuracy.count, all: accuracy.all, ...(accuracy.binary === undefined ? {} : { binary: accuracy.binary }), ...(accuracy.open === undefined ? {} : { open: accuracy.open }), candidates: vocabulary.answers.length, covered: mc.covered };
    writeFileSync(out, `${JSON.stringify(body, null, 2)}\n`);
  }
  return { accuracy, candidates: vocabulary.answers.length, covered: mc.covered, lines };
}
