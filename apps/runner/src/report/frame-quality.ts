// Precision and recall of the selected causal frames against the ground truth, over a whole split
// (micro-averaged like @sparc-vqa/selector's selectionPrecisionRecall).
import type { FrameQuality } from './report-data.js';

/** The selected and ground-truth causal frames of one question. */
export interface FrameSelectionOutcome {
  readonly selected: readonly number[];
  readonly causal: readonly number[];
  readonly usedFallback: boolean;
  /** The answer and the teacher's frame-averaged prediction (for its accuracy), when known. */
  readonly answer?: number;
  readonly averagedPrediction?: number;
}

/**
 * Counts true positives (selected and causal), false positives and false negatives over all questions
 * and returns TP / (TP + FP), TP / (TP + FN), their F1 (0 on a zero denominator), the mean number of
 * selected frames, the share of questions that needed the fallback, and the teacher's video-level
 * accuracy (null unless every outcome has `answer` and `averagedPrediction`). Null for no question.
 *
 * @example
 * frameQuality([{ selected: [0, 1], causal: [1, 2], usedFallback: false }]) // precision 0.5, recall 0.5, f1 0.5
 */
export function frameQuality(outcomes: readonly FrameSelectionOutcome[]): FrameQuality | null {
  if (outcomes.length === 0) return null;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let selected = 0;
  let fallbacks = 0;
  let correct = 0;
  let scored = 0;
  for (const o of outcomes) {
    const causal = new Set(o.causal);
    const chosen = new Set(o.selected);
    for (const k of chosen) (causal.has(k) ? tp++ : fp++);
    for (const k of causal) if (!chosen.has(k)) fn++;
    selected += chosen.size;
    if (o.usedFallback) fallbacks++;
    if (o.answer !== undefined && o.averagedPrediction !== undefined) {
      scored++;
      if (o.answer === o.averagedPrediction) correct++;
    }
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return {
    questions: outcomes.length,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    framesSelected: selected / outcomes.length,
    fallbackRate: fallbacks / outcomes.length,
    accuracy: scored === outcomes.length ? correct / scored : null,
  };
}
