// Options of selectCausalFrames (paper 3.2.1): threshold t, fallback, minFrames, maxFrames.
import {
  checkBoolean,
  checkInteger,
  checkKnownKeys,
  checkOneOf,
  checkOptionsObject,
  checkUnitInterval,
  configError,
} from './validate.js';

/** What to select for a sample in which no valid frame has p_k[a] > t. */
export type FallbackMode = 'argmax' | 'all' | 'skip';

/** The fallback modes, in documentation order.
 *
 * @example
 * ```ts
 * FALLBACK_MODES.includes(mode); // validate a CLI flag
 * ```
 */
export const FALLBACK_MODES: readonly FallbackMode[] = Object.freeze(['argmax', 'all', 'skip'] as const);

/** Options of `selectCausalFrames`, as a caller writes them. */
export interface SelectCausalFramesOptions {
  /** t in [0, 1]: a valid frame is causal when p_k[a] > t (strict). The paper gives no value. */
  readonly threshold: number;
  /** When no valid frame passes: `'argmax'` (default), `'all'` or `'skip'`. */
  readonly fallback?: FallbackMode;
  /** Top up samples with 1..minFrames-1 passing frames to minFrames frames (default 0: off). */
  readonly minFrames?: number;
  /** Keep at most this many of the passing frames, highest p_k[a] first (default null: no cap). */
  readonly maxFrames?: number | null;
  /** Check values (NaN, range, answers, 0/1 masks); costs one device sync per input (default true). */
  readonly checkValues?: boolean;
}

/** Resolved, frozen options of `selectCausalFrames` (plain JSON-serializable data). */
export interface SelectCausalFramesConfig {
  readonly threshold: number;
  readonly fallback: FallbackMode;
  readonly minFrames: number;
  readonly maxFrames: number | null;
  readonly checkValues: boolean;
}

/**
 * Defaults of `selectCausalFrames`: t = 0.5 (the paper gives no value; the runner sweeps it),
 * fallback `'argmax'`, no minFrames top-up, no maxFrames cap, values checked.
 *
 * @example
 * ```ts
 * SELECT_CAUSAL_FRAMES_DEFAULTS.threshold; // 0.5
 * ```
 */
export const SELECT_CAUSAL_FRAMES_DEFAULTS: SelectCausalFramesConfig = Object.freeze({
  threshold: 0.5,
  fallback: 'argmax',
  minFrames: 0,
  maxFrames: null,
  checkValues: true,
});

const KNOWN = Object.freeze(['threshold', 'fallback', 'minFrames', 'maxFrames', 'checkValues']);

/** @internal Resolver that names `fn` in its messages. */
export function resolveSelectCausalFramesConfig(fn: string, partial: unknown): SelectCausalFramesConfig {
  checkOptionsObject(fn, partial);
  checkKnownKeys(fn, partial, KNOWN);
  const p = partial as Partial<SelectCausalFramesOptions>;
  const d = SELECT_CAUSAL_FRAMES_DEFAULTS;
  const threshold = p.threshold ?? d.threshold;
  const fallback = p.fallback ?? d.fallback;
  const minFrames = p.minFrames ?? d.minFrames;
  const maxFrames = p.maxFrames === undefined ? d.maxFrames : p.maxFrames;
  const checkValues = p.checkValues ?? d.checkValues;
  checkUnitInterval(fn, 'threshold', threshold);
  checkOneOf(fn, 'fallback', fallback, FALLBACK_MODES);
  checkInteger(fn, 'minFrames', minFrames, 0);
  if (maxFrames !== null) checkInteger(fn, 'maxFrames', maxFrames, 1);
  if (maxFrames !== null && minFrames > maxFrames) {
    throw configError(fn, 'minFrames', minFrames, `<= maxFrames (${maxFrames})`);
  }
  checkBoolean(fn, 'checkValues', checkValues);
  return Object.freeze({ threshold, fallback, minFrames, maxFrames, checkValues });
}

/**
 * Fills in the defaults of `selectCausalFrames` options and validates them. Returns a new frozen object;
 * the argument is not modified. Throws `ConfigError` for a threshold outside [0, 1] or NaN, an unknown
 * fallback, a negative or non-integer minFrames, a maxFrames below 1, minFrames > maxFrames, or an
 * unknown option name.
 *
 * @example
 * ```ts
 * resolveSelectCausalFramesOptions({ threshold: 0.3 });
 * // { threshold: 0.3, fallback: 'argmax', minFrames: 0, maxFrames: null, checkValues: true }
 * ```
 */
export function resolveSelectCausalFramesOptions(partial: Partial<SelectCausalFramesOptions> = {}): SelectCausalFramesConfig {
  return resolveSelectCausalFramesConfig('resolveSelectCausalFramesOptions', partial);
}
