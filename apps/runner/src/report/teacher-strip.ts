// One question's teacher strip: p_k[answer] per frame, with the selected and the ground-truth causal
// frames (paper 3.2.1 selection; the synthetic benchmark's ground truth, synth/ground-truth.ts).
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import type { GroundTruthQuestion } from '../synth/ground-truth.js';
import { causalFrameMarkers, type FrameSelectionOptions } from './causal-frame-markers.js';
import type { TeacherStrip } from './report-data.js';

/** Rounds a probability for the page (6 decimals; the markers use the stored float32 values). */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * Builds the strip of one question from its teacher record.
 * @param probs the record's probabilities, row-major [T, C]
 */
export function teacherStrip(row: NextQARow, probs: Float32Array, truth: GroundTruthQuestion, candidates: number, selection: FrameSelectionOptions): TeacherStrip {
  const frames = probs.length / candidates;
  const answerProbs: number[] = [];
  const topCandidate: number[] = [];
  const mean = new Float64Array(candidates);
  for (let k = 0; k < frames; k++) {
    for (let c = 0; c < candidates; c++) mean[c]! += probs[k * candidates + c]! / frames;
    answerProbs.push(probs[k * candidates + row.answer]!);
    let best = 0;
    for (let c = 1; c < candidates; c++) if (probs[k * candidates + c]! > probs[k * candidates + best]!) best = c;
    topCandidate.push(best);
  }
  let averagedPrediction = 0;
  for (let c = 1; c < candidates; c++) if (mean[c]! > mean[averagedPrediction]!) averagedPrediction = c;
  const markers = causalFrameMarkers(answerProbs, selection);
  return {
    key: row.key,
    type: row.type,
    question: row.question,
    candidates: row.candidates,
    answer: row.answer,
    answerProbs: answerProbs.map(round6),
    topCandidate,
    averagedPrediction,
    selected: markers.selected,
    usedFallback: markers.usedFallback,
    causal: [...truth.causal],
    anchor: [...truth.anchor],
  };
}
