// Options of softFrameWeights (beyond the paper: the "soft guidance" of its appendix C.2).
import {
  checkBoolean,
  checkKnownKeys,
  checkOneOf,
  checkOptionsObject,
  checkPositive,
  checkUnitInterval,
} from './validate.js';

/**
 * How `softFrameWeights` turns s_k = p_k[a] into weights (valid frames only; padding gets 0):
 * - `'normalized'`: w_k = s_k / sum_j s_j (rows sum to 1; uniform over valid frames if every s_j = 0);
 * - `'softmax'`: w_k = exp(s_k / tau) / sum_j exp(s_j / tau) (rows sum to 1);
 * - `'sigmoid'`: w_k = sigmoid((s_k - t) / tau), a soft version of the hard threshold (not normalized).
 */
export type SoftWeightMode = 'normalized' | 'softmax' | 'sigmoid';

/** The soft-weight modes, in documentation order.
 *
 * @example
 * ```ts
 * for (const mode of SOFT_WEIGHT_MODES) softFrameWeights(inputs, { mode });
 * ```
 */
export const SOFT_WEIGHT_MODES: readonly SoftWeightMode[] = Object.freeze(['normalized', 'softmax', 'sigmoid'] as const);

/** Options of `softFrameWeights`, as a caller writes them. */
export interface SoftFrameWeightsOptions {
  /** `'normalized'` (default), `'softmax'` or `'sigmoid'`. */
  readonly mode?: SoftWeightMode;
  /** tau > 0 for `'softmax'` and `'sigmoid'` (default 0.1); `'normalized'` ignores it. */
  readonly temperature?: number;
  /** t in [0, 1], the centre of `'sigmoid'` (default 0.5); the other modes ignore it. */
  readonly threshold?: number;
  /** Check values (NaN, range, answers, 0/1 mask); costs a device sync (default true). */
  readonly checkValues?: boolean;
}

/** Resolved, frozen options of `softFrameWeights`. */
export interface SoftFrameWeightsConfig {
  readonly mode: SoftWeightMode;
  readonly temperature: number;
  readonly threshold: number;
  readonly checkValues: boolean;
}

/**
 * Defaults of `softFrameWeights`: mode `'normalized'`, temperature 0.1, threshold 0.5, values checked.
 *
 * @example
 * ```ts
 * SOFT_FRAME_WEIGHTS_DEFAULTS.mode; // 'normalized'
 * ```
 */
export const SOFT_FRAME_WEIGHTS_DEFAULTS: SoftFrameWeightsConfig = Object.freeze({
  mode: 'normalized',
  temperature: 0.1,
  threshold: 0.5,
  checkValues: true,
});

const KNOWN = Object.freeze(['mode', 'temperature', 'threshold', 'checkValues']);

/** @internal Resolver that names `fn` in its messages. */
export function resolveSoftFrameWeightsConfig(fn: string, partial: unknown): SoftFrameWeightsConfig {
  checkOptionsObject(fn, partial);
  checkKnownKeys(fn, partial, KNOWN);
  const p = partial as SoftFrameWeightsOptions;
  const d = SOFT_FRAME_WEIGHTS_DEFAULTS;
  const mode = p.mode ?? d.mode;
  const temperature = p.temperature ?? d.temperature;
  const threshold = p.threshold ?? d.threshold;
  const checkValues = p.checkValues ?? d.checkValues;
  checkOneOf(fn, 'mode', mode, SOFT_WEIGHT_MODES);
  checkPositive(fn, 'temperature', temperature);
  checkUnitInterval(fn, 'threshold', threshold);
  checkBoolean(fn, 'checkValues', checkValues);
  return Object.freeze({ mode, temperature, threshold, checkValues });
}

/**
 * Fills in the defaults of `softFrameWeights` options and validates them. Returns a new frozen object;
 * the argument is not modified. Throws `ConfigError` for an unknown mode, a temperature that is not a
 * finite number > 0, a threshold outside [0, 1], or an unknown option name.
 *
 * @example
 * ```ts
 * resolveSoftFrameWeightsOptions({ mode: 'softmax' });
 * // { mode: 'softmax', temperature: 0.1, threshold: 0.5, checkValues: true }
 * ```
 */
export function resolveSoftFrameWeightsOptions(partial: SoftFrameWeightsOptions = {}): SoftFrameWeightsConfig {
  return resolveSoftFrameWeightsConfig('resolveSoftFrameWeightsOptions', partial);
}
