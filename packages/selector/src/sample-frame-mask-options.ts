// Options of sampleFrameMask (beyond the paper: stochastic soft guidance, its appendix C.2 future work).
import type { Rng } from './types.js';
import { checkBoolean, checkKnownKeys, checkOptionsObject, checkSeedOrRng } from './validate.js';

interface SampleFrameMaskCommon {
  /** Check the weights (finite, in [0, 1]) and the 0/1 validMask; costs a device sync (default true). */
  readonly checkValues?: boolean;
}

/** Options of `sampleFrameMask`: exactly one of `seed` (an integer) or `rng` (a function). */
export type SampleFrameMaskOptions =
  | (SampleFrameMaskCommon & { readonly seed: number; readonly rng?: undefined })
  | (SampleFrameMaskCommon & { readonly rng: Rng; readonly seed?: undefined });

/** Resolved, frozen options of `sampleFrameMask` (`seed` xor `rng` is non-null). */
export interface SampleFrameMaskConfig {
  readonly seed: number | null;
  readonly rng: Rng | null;
  readonly checkValues: boolean;
}

const KNOWN = Object.freeze(['seed', 'rng', 'checkValues']);

/** @internal Resolver that names `fn` in its messages. */
export function resolveSampleFrameMaskConfig(fn: string, options: unknown): SampleFrameMaskConfig {
  checkOptionsObject(fn, options);
  checkKnownKeys(fn, options, KNOWN);
  const o = options as { seed?: unknown; rng?: unknown; checkValues?: unknown };
  const { seed, rng } = checkSeedOrRng(fn, o);
  const checkValues = o.checkValues ?? true;
  checkBoolean(fn, 'checkValues', checkValues);
  return Object.freeze({ seed, rng, checkValues });
}

/**
 * Fills in the defaults of `sampleFrameMask` options and validates them. Returns a new frozen object;
 * the argument is not modified. Throws `ConfigError` unless exactly one of `seed` and `rng` is given,
 * for a non-boolean `checkValues`, or an unknown option name.
 *
 * @example
 * ```ts
 * resolveSampleFrameMaskOptions({ seed: 7 }); // { seed: 7, rng: null, checkValues: true }
 * ```
 */
export function resolveSampleFrameMaskOptions(options: SampleFrameMaskOptions): SampleFrameMaskConfig {
  return resolveSampleFrameMaskConfig('resolveSampleFrameMaskOptions', options);
}
