// Standard normal draws by the Box-Muller transform (Box & Muller 1958), from an injected uniform rng.
import { assertRng, drawUniform, type Rng } from './create-rng.js';

/** Internal: one N(0, 1) draw, errors reported under `fn`. Consumes exactly two uniforms. */
export function normalFrom(rng: Rng, fn: string): number {
  const u1 = 1 - drawUniform(rng, fn); // (0, 1]: log(u1) is finite
  const u2 = drawUniform(rng, fn);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * One draw from the standard normal N(0, 1), by the Box-Muller transform
 * z = sqrt(-2 ln(1 - u1)) cos(2 pi u2). Consumes exactly two numbers from `rng` (the sine twin is
 * discarded, so the stream position never depends on hidden state). Always finite: |z| <= 6.7 for a
 * 32-bit uniform grid.
 *
 * @param rng - Uniform source in [0, 1) (e.g. {@link createRng}).
 * @returns A standard normal number.
 * @throws ValueError when `rng` is not a function or returns a number outside [0, 1).
 * @example
 * ```ts
 * const rng = createRng(1);
 * const z = sampleNormal(rng); // 0.4488862052926553
 * ```
 */
export function sampleNormal(rng: Rng): number {
  assertRng(rng, 'sampleNormal');
  return normalFrom(rng, 'sampleNormal');
}
