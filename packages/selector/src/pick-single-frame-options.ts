// Options of pickSingleFrame (paper 3.2.2): the random source and which frames are eligible.
import type { Rng } from './types.js';
import { checkKnownKeys, checkOneOf, checkOptionsObject, checkSeedOrRng } from './validate.js';

/** Which frames `pickSingleFrame` may pick: every valid frame (paper), or only the causal ones. */
export type PickAmong = 'valid' | 'causal';

/** The `among` choices, in documentation order.
 *
 * @example
 * ```ts
 * PICK_AMONG_MODES; // ['valid', 'causal']
 * ```
 */
export const PICK_AMONG_MODES: readonly PickAmong[] = Object.freeze(['valid', 'causal'] as const);

interface PickSingleFrameCommon {
  /**
   * `'valid'` (default, paper 3.2.2: uniform over the video's frames) or `'causal'` (uniform over the
   * frames of `causalMask`; a sample whose causal set is empty falls back to its valid frames).
   */
  readonly among?: PickAmong;
}

/** Options of `pickSingleFrame`: exactly one of `seed` (an integer) or `rng` (a function). */
export type PickSingleFrameOptions =
  | (PickSingleFrameCommon & { readonly seed: number; readonly rng?: undefined })
  | (PickSingleFrameCommon & { readonly rng: Rng; readonly seed?: undefined });

/** Resolved, frozen options of `pickSingleFrame` (`seed` xor `rng` is non-null). */
export interface PickSingleFrameConfig {
  readonly among: PickAmong;
  readonly seed: number | null;
  readonly rng: Rng | null;
}

/**
 * Defaults of `pickSingleFrame`: pick among all valid frames, as the paper does. There is no default
 * random source: pass `seed` or `rng`.
 *
 * @example
 * ```ts
 * PICK_SINGLE_FRAME_DEFAULTS.among; // 'valid'
 * ```
 */
export const PICK_SINGLE_FRAME_DEFAULTS: { readonly among: PickAmong } = Object.freeze({ among: 'valid' });

const KNOWN = Object.freeze(['seed', 'rng', 'among']);

/** @internal Resolver that names `fn` in its messages. */
export function resolvePickSingleFrameConfig(fn: string, options: unknown): PickSingleFrameConfig {
  checkOptionsObject(fn, options);
  checkKnownKeys(fn, options, KNOWN);
  const o = options as { seed?: unknown; rng?: unknown; among?: unknown };
  const among = o.among ?? PICK_SINGLE_FRAME_DEFAULTS.among;
  checkOneOf(fn, 'among', among, PICK_AMONG_MODES);
  return Object.freeze({ among, ...checkSeedOrRng(fn, o) });
}

/**
 * Fills in the defaults of `pickSingleFrame` options and validates them. Returns a new frozen object;
 * the argument is not modified. Throws `ConfigError` unless exactly one of `seed` (a safe integer) and
 * `rng` (a function) is given, for an unknown `among`, or an unknown option name.
 *
 * @example
 * ```ts
 * resolvePickSingleFrameOptions({ seed: 7 }); // { among: 'valid', seed: 7, rng: null }
 * ```
 */
export function resolvePickSingleFrameOptions(options: PickSingleFrameOptions): PickSingleFrameConfig {
  return resolvePickSingleFrameConfig('resolvePickSingleFrameOptions', options);
}
