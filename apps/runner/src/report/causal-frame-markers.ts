// The frames a training run selects as causal for one question (paper 3.2.1: p_k[a] > t), computed
// on plain numbers for the report's markers. Same rules as @sparc-vqa/selector's selectCausalFrames
// (select-causal-frames.ts), which the test checks on random inputs; all frames are valid here.

/** The selection options of a training run's config (threshold, fallback, minFrames, maxFrames). */
export interface FrameSelectionOptions {
  readonly threshold: number;
  readonly fallback: 'argmax' | 'all' | 'skip';
  readonly minFrames?: number;
  readonly maxFrames?: number | null;
}

/** The selected frames (ascending) and whether no frame passed the threshold. */
export interface FrameMarkers {
  readonly selected: number[];
  readonly usedFallback: boolean;
}

/**
 * Selects the causal frames of one question from p_k[a] (length T):
 * - frames with p_k[a] > t pass (strictly; compared in float32, as the tensor version does, so a
 *   stored 0.3f does not pass t = 0.3);
 * - at least one passes: keep them, at most `maxFrames` (highest first), topped up to `minFrames`;
 * - none passes (`usedFallback`): `argmax` keeps the max(1, minFrames) highest, `all` every frame,
 *   `skip` none.
 * Ranking is by p_k[a], higher first, ties by lower frame index; NaN ranks last and never passes.
 *
 * @example
 * causalFrameMarkers([0.8, 0.4, 0.7], { threshold: 0.5, fallback: 'argmax' }) // { selected: [0, 2], usedFallback: false }
 * causalFrameMarkers([0.1, 0.4, 0.2], { threshold: 0.5, fallback: 'argmax' }) // { selected: [1], usedFallback: true }
 */
export function causalFrameMarkers(answerProbs: ArrayLike<number>, options: FrameSelectionOptions): FrameMarkers {
  const T = answerProbs.length;
  const minFrames = options.minFrames ?? 0;
  const maxFrames = options.maxFrames ?? null;
  const t = Math.fround(options.threshold);
  const scores = Array.from(answerProbs, (p) => (Number.isNaN(p) ? -1 : Math.fround(p)));
  const passing = scores.filter((s) => s > t).length;
  const usedFallback = passing === 0;
  let keep: number;
  if (!usedFallback) {
    keep = maxFrames === null ? passing : Math.min(passing, maxFrames);
    if (minFrames > 0) keep = Math.max(keep, Math.min(T, minFrames));
  } else {
    keep = options.fallback === 'all' ? T : options.fallback === 'argmax' ? Math.min(T, Math.max(1, minFrames)) : 0;
  }
  const order = scores.map((s, k) => k).sort((a, b) => scores[b]! - scores[a]! || a - b);
  return { selected: order.slice(0, keep).sort((a, b) => a - b), usedFallback };
}
