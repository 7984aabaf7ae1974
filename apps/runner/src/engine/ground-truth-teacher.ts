// A teacher whose probabilities come from the synthetic benchmark's ground truth: an "oracle" image-QA
// model used by engine tests and as an upper bound in the effectiveness study. On a causal frame it gives
// the answer `confidence`; on the anchor frames it gives the anchor candidate `confidence` (the misfocus
// trap a real teacher can fall into on its own); elsewhere it is uniform.
import type { GroundTruthFile } from '../synth/ground-truth.js';
import type { TeacherLookup } from './teacher-lookup.js';

export function groundTruthTeacher(
  truth: GroundTruthFile,
  answers: ReadonlyMap<string, number>,
  frames: number,
  candidates: number,
  confidence = 0.9,
): TeacherLookup {
  const rest = (1 - confidence) / (candidates - 1);
  return {
    get(key) {
      const q = truth.questions[key];
      const answer = answers.get(key);
      if (q === undefined || answer === undefined) return undefined;
      const probs = new Float32Array(frames * candidates).fill(1 / candidates);
      const peak = (frame: number, c: number) => {
        if (frame < 0 || frame >= frames) return;
        probs.fill(rest, frame * candidates, (frame + 1) * candidates);
        probs[frame * candidates + c] = confidence;
      };
      if (q.anchorCandidate >= 0) for (const f of q.anchor) peak(f, q.anchorCandidate);
      for (const f of q.causal) peak(f, answer);
      return probs;
    },
  };
}
