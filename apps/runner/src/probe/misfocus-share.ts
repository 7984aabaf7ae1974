// The number the misfocus probe reports (paper 4.1.1): the share of before/after questions whose focused
// frames stay identical when the two words are interchanged, overall and per question type, plus how
// often the focused frames lie inside the ground-truth causal frames.

/** The focused frames of one question, for the original and the swapped wording. */
export interface FocusPair {
  /** Question type code (TP, TN, ...). */
  readonly type: string;
  readonly original: readonly number[];
  readonly swapped: readonly number[];
  /** Ground-truth causal frames of each wording, when known (the swapped one moves with the word). */
  readonly groundTruth?: { readonly original?: readonly number[]; readonly swapped?: readonly number[] };
}

/** Identical share of one group of questions. */
export interface IdenticalShare {
  readonly samples: number;
  /** In [0, 1]; null for no samples. */
  readonly identical: number | null;
}

/** The probe's numbers for one kind of focus (e.g. top-k frames, or the teacher's causal frames). */
export interface MisfocusShare extends IdenticalShare {
  /** Per question type code, in first-seen order. */
  readonly byType: Readonly<Record<string, IdenticalShare>>;
  /** Share of questions whose focused frames all lie inside the ground-truth causal frames (null: none known). */
  readonly groundTruthHit: { readonly original: number | null; readonly swapped: number | null };
  /** Questions with a known ground truth for each wording (the denominators of groundTruthHit). */
  readonly groundTruthSamples: { readonly original: number; readonly swapped: number };
}

/** True when `a` and `b` hold the same frames (as sets: order and repeats do not matter). */
export function sameFrames(a: readonly number[], b: readonly number[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((f) => sb.has(f));
}

/** True when `focus` is not empty and every frame of it is one of `causal`. */
export function insideFrames(focus: readonly number[], causal: readonly number[]): boolean {
  const c = new Set(causal);
  return focus.length > 0 && focus.every((f) => c.has(f));
}

const share = (hits: number, n: number): number | null => (n === 0 ? null : hits / n);

/** Identical share overall and per type, and ground-truth hit rates, of `pairs`. */
export function misfocusShare(pairs: readonly FocusPair[]): MisfocusShare {
  const types = new Map<string, { n: number; same: number }>();
  let same = 0;
  const gt = { original: { n: 0, hit: 0 }, swapped: { n: 0, hit: 0 } };
  for (const p of pairs) {
    const t = types.get(p.type) ?? { n: 0, same: 0 };
    const identical = sameFrames(p.original, p.swapped);
    t.n += 1;
    if (identical) {
      t.same += 1;
      same += 1;
    }
    types.set(p.type, t);
    for (const variant of ['original', 'swapped'] as const) {
      const causal = p.groundTruth?.[variant];
      if (causal === undefined) continue;
      gt[variant].n += 1;
      if (insideFrames(p[variant], causal)) gt[variant].hit += 1;
    }
  }
  return {
    samples: pairs.length,
    identical: share(same, pairs.length),
    byType: Object.fromEntries([...types].map(([type, t]) => [type, { samples: t.n, identical: share(t.same, t.n) }])),
    groundTruthHit: { original: share(gt.original.hit, gt.original.n), swapped: share(gt.swapped.hit, gt.swapped.n) },
    groundTruthSamples: { original: gt.original.n, swapped: gt.swapped.n },
  };
}
