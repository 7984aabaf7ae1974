// The random draws of the selector's sampling functions: n uniforms from the caller's rng, or from a
// fresh mulberry32 stream of the seed, each checked to lie in [0, 1).
import { mulberry32 } from './mulberry32.js';
import type { Rng } from './types.js';
import { configError } from './validate.js';

/** @internal n draws in call order. Throws ConfigError (naming `fn`) for an rng value outside [0, 1). */
export function drawUniforms(fn: string, source: { readonly seed: number | null; readonly rng: Rng | null }, n: number): Float32Array {
  const rng = source.rng ?? mulberry32(source.seed as number);
  const draws = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng();
    if (typeof u !== 'number' || !(u >= 0 && u < 1)) throw configError(fn, 'rng', u, 'a function returning numbers in [0, 1)');
    draws[i] = u;
  }
  return draws;
}
