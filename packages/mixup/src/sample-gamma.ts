// Gamma(shape, 1) draws: Marsaglia & Tsang (2000), "A simple method for generating gamma variables",
// ACM TOMS 26(3), with their U^(1/a) boost for shape < 1, computed in log space.
import { assertRng, drawUniform, type Rng } from './create-rng.js';
import { ValueError } from './errors.js';
import { normalFrom } from './sample-normal.js';

/** Internal: checks a Gamma/Beta parameter is a finite number > 0. */
export function assertPositiveParameter(value: unknown, field: string, fn: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValueError(`${fn}: ${field} must be a finite number > 0, got ${String(value)}`, {
      field,
      value,
      constraint: 'finite number > 0',
    });
  }
}

/**
 * Internal: log of one Gamma(shape, 1) draw (no argument checks; errors reported under `fn`).
 * shape >= 1: Marsaglia-Tsang squeeze/rejection with d = shape - 1/3, c = 1 / sqrt(9 d).
 * shape < 1: log G(shape + 1) + log(U) / shape, U uniform in (0, 1] (drawn after the G(shape + 1) draw).
 */
export function logGammaFrom(shape: number, rng: Rng, fn: string): number {
  if (shape < 1) {
    const logBase = logGammaFrom(shape + 1, rng, fn);
    const u = 1 - drawUniform(rng, fn); // (0, 1]: log(u) is finite
    return logBase + Math.log(u) / shape;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalFrom(rng, fn);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = drawUniform(rng, fn);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
      return Math.log(d) + Math.log(v);
    }
  }
}

/**
 * The natural log of one Gamma(shape, 1) draw. Use this instead of {@link sampleGamma} for small shapes:
 * for shape 0.01 a Gamma draw is below 1e-300 with probability about 0.001 and underflows to 0 in double
 * precision, while its log (about -700) is exact. Always finite.
 *
 * Algorithm: Marsaglia & Tsang (2000); for shape < 1 their boost G(shape) = G(shape + 1) * U^(1/shape),
 * done as log G(shape + 1) + log(U) / shape. Consumes a variable number of uniforms from `rng`
 * (two per normal, one per acceptance test; rejection is rare: under 5% for shape >= 1).
 *
 * @param shape - Shape parameter k (> 0, finite); the scale is 1.
 * @param rng - Uniform source in [0, 1).
 * @returns log G with G ~ Gamma(shape, 1).
 * @throws ValueError when `shape` is not a finite number > 0, `rng` is not a function or returns a
 *   number outside [0, 1).
 * @example
 * ```ts
 * const logG = sampleLogGamma(0.01, createRng(3)); // -373.465... (G = exp(logG) is about 1.6e-162)
 * ```
 */
export function sampleLogGamma(shape: number, rng: Rng): number {
  assertPositiveParameter(shape, 'shape', 'sampleLogGamma');
  assertRng(rng, 'sampleLogGamma');
  return logGammaFrom(shape, rng, 'sampleLogGamma');
}

/**
 * One draw from Gamma(shape, 1) (mean = variance = shape), by Marsaglia & Tsang (2000) with the
 * U^(1/shape) boost for shape < 1, computed in log space and exponentiated at the end. The result is
 * never NaN and never negative; for very small shapes it can be exactly 0 (true value below 1e-308):
 * use {@link sampleLogGamma} when that matters.
 *
 * @param shape - Shape parameter k (> 0, finite); the scale is 1.
 * @param rng - Uniform source in [0, 1).
 * @returns G ~ Gamma(shape, 1), G >= 0.
 * @throws ValueError when `shape` is not a finite number > 0, `rng` is not a function or returns a
 *   number outside [0, 1).
 * @example
 * ```ts
 * const rng = createRng(3);
 * const g = sampleGamma(2.5, rng); // 6.178466153213904
 * ```
 */
export function sampleGamma(shape: number, rng: Rng): number {
  assertPositiveParameter(shape, 'shape', 'sampleGamma');
  assertRng(rng, 'sampleGamma');
  return Math.exp(logGammaFrom(shape, rng, 'sampleGamma'));
}
