// The oracle's eyes in the benchmark analysis: an additive model of step features fitted to the
// training split's labels (feature = mean + place + actor + object + action, each a per-class vector,
// fitted by backfitting), and decoding of a step into the labels that explain it best (coordinate
// descent over the four label kinds). It knows how things look, not where to look.

/** Labels of one step; -1 = none (an idle step shows no actor, object or action). */
export interface StepLabel {
  readonly location: number;
  readonly actor: number;
  readonly object: number;
  readonly action: number;
}

/** Decodes feature vectors into labels. */
export interface Prototypes {
  classify(data: Float32Array, offset: number): StepLabel;
}

const KINDS = ['location', 'actor', 'object', 'action'] as const;
type Kind = (typeof KINDS)[number];
const FIT_ROUNDS = 6;
const DECODE_ROUNDS = 4;

/**
 * Fits the additive model to `features` ([steps, dim], row-major) and their `labels` (one per step).
 */
export function createPrototypes(features: Float32Array, dim: number, labels: readonly StepLabel[]): Prototypes {
  const n = labels.length;
  const classes = Object.fromEntries(KINDS.map((k) => [k, [...new Set(labels.map((l) => l[k]))].filter((c) => c >= 0)])) as Record<Kind, number[]>;
  const comp = Object.fromEntries(KINDS.map((k) => [k, new Map(classes[k].map((c) => [c, new Float64Array(dim)]))])) as Record<Kind, Map<number, Float64Array>>;
  const mean = new Float64Array(dim);
  const residual = new Float64Array(dim);
  const explained = (step: number, skip: Kind | undefined, out: Float64Array) => {
    for (let d = 0; d < dim; d += 1) out[d] = features[step * dim + d]! - mean[d]!;
    for (const k of KINDS) {
      if (k === skip) continue;
      const v = comp[k].get(labels[step]![k]);
      if (v !== undefined) for (let d = 0; d < dim; d += 1) out[d]! -= v[d]!;
    }
  };
  for (let round = 0; round < FIT_ROUNDS; round += 1) {
    const m = new Float64Array(dim);
    for (let s = 0; s < n; s += 1) {
      explained(s, undefined, residual);
      for (let d = 0; d < dim; d += 1) m[d]! += residual[d]! / n;
    }
    for (let d = 0; d < dim; d += 1) mean[d]! += m[d]!;
    for (const k of KINDS) {
      const sums = new Map(classes[k].map((c) => [c, { sum: new Float64Array(dim), count: 0 }]));
      for (let s = 0; s < n; s += 1) {
        const entry = sums.get(labels[s]![k]);
        if (entry === undefined) continue;
        explained(s, k, residual);
        for (let d = 0; d < dim; d += 1) entry.sum[d]! += residual[d]!;
        entry.count += 1;
      }
      for (const [c, { sum, count }] of sums) comp[k].set(c, sum.map((v) => v / count));
    }
  }
  const zero = new Float64Array(dim);
  const options = Object.fromEntries(KINDS.map((k) => [k, k === 'location' ? classes[k] : [-1, ...classes[k]]])) as Record<Kind, number[]>;
  const vector = (k: Kind, c: number) => comp[k].get(c) ?? zero;
  return {
    classify: (data, offset) => {
      const x = Float64Array.from({ length: dim }, (_, d) => data[offset + d]! - mean[d]!);
      const label: Record<Kind, number> = { location: -1, actor: -1, object: -1, action: -1 };
      const best = (k: Kind, target: Float64Array) => {
        let arg = options[k][0]!;
        let min = Number.POSITIVE_INFINITY;
        for (const c of options[k]) {
          const v = vector(k, c);
          let dist = 0;
          for (let d = 0; d < dim; d += 1) dist += (target[d]! - v[d]!) ** 2;
          if (dist < min) {
            min = dist;
            arg = c;
          }
        }
        return arg;
      };
      const r = new Float64Array(dim);
      for (let round = 0; round < DECODE_ROUNDS; round += 1) {
        for (const k of KINDS) {
          r.set(x);
          for (const j of KINDS) {
            if (j === k) continue;
            const v = vector(j, label[j]);
            for (let d = 0; d < dim; d += 1) r[d]! -= v[d]!;
          }
          label[k] = best(k, r);
        }
      }
      return label;
    },
  };
}
