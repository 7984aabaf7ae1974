// Internal seeded PRNG used when pickSingleFrame is given a `seed` (no module state: one generator per call).
import type { Rng } from './types.js';

/**
 * @internal mulberry32: a 32-bit seeded generator of uniform floats in [0, 1). The seed is taken
 * modulo 2^32, so the same integer seed gives the same stream on every platform and version.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
