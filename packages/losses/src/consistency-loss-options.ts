// Options of consistencyLoss (SpARC 3.2.1, L_c): KL direction, stop-gradient, reduction, value checks.
import { KL_DIRECTIONS, REDUCTIONS, type KLDirection, type Reduction } from './types.js';
import { checkBoolean, checkKnownKeys, checkOneOf, checkOptionsObject } from './validate.js';

/** Options of `consistencyLoss`, as a caller writes them. */
export interface ConsistencyLossOptions {
  /** `'whole||guided'` (default: KL(p_whole || p_guided), the paper's L_c) or `'guided||whole'`. */
  readonly direction?: KLDirection;
  /**
   * Detach the target side, the first distribution of the KL (the whole-video side by default), so no
   * gradient reaches its logits (default false: IGV does not detach).
   */
  readonly stopGradient?: boolean;
  /** `'mean'` (default), `'sum'` or `'none'` (per-sample [B]); see {@link Reduction}. */
  readonly reduction?: Reduction;
  /** Check weight values (finite, >= 0); one synchronous device read (default true). */
  readonly checkValues?: boolean;
}

/** Resolved, frozen options of `consistencyLoss` (plain JSON-serializable data). */
export interface ConsistencyLossConfig {
  readonly direction: KLDirection;
  readonly stopGradient: boolean;
  readonly reduction: Reduction;
  readonly checkValues: boolean;
}

/**
 * Defaults of `consistencyLoss`: KL(whole || guided), no stop-gradient, mean reduction, values checked.
 *
 * @example
 * ```ts
 * CONSISTENCY_LOSS_DEFAULTS.direction; // 'whole||guided'
 * ```
 */
export const CONSISTENCY_LOSS_DEFAULTS: ConsistencyLossConfig = Object.freeze({
  direction: 'whole||guided',
  stopGradient: false,
  reduction: 'mean',
  checkValues: true,
});

const KNOWN = Object.freeze(['direction', 'stopGradient', 'reduction', 'checkValues']);

/** @internal Resolver that names `fn` in its messages. */
export function resolveConsistencyLossConfig(fn: string, partial: unknown): ConsistencyLossConfig {
  checkOptionsObject(fn, partial);
  checkKnownKeys(fn, partial, KNOWN);
  const p = partial as ConsistencyLossOptions;
  const d = CONSISTENCY_LOSS_DEFAULTS;
  const direction = p.direction ?? d.direction;
  const stopGradient = p.stopGradient ?? d.stopGradient;
  const reduction = p.reduction ?? d.reduction;
  const checkValues = p.checkValues ?? d.checkValues;
  checkOneOf(fn, 'direction', direction, KL_DIRECTIONS);
  checkBoolean(fn, 'stopGradient', stopGradient);
  checkOneOf(fn, 'reduction', reduction, REDUCTIONS);
  checkBoolean(fn, 'checkValues', checkValues);
  return Object.freeze({ direction, stopGradient, reduction, checkValues });
}

/**
 * Fills in the defaults of `consistencyLoss` options and validates them. Returns a new frozen object;
 * the argument is not modified. Throws `ConfigError` for an unknown direction or reduction, a
 * non-boolean switch or an unknown option name.
 *
 * @example
 * ```ts
 * resolveConsistencyLossOptions({ stopGradient: true });
 * // { direction: 'whole||guided', stopGradient: true, reduction: 'mean', checkValues: true }
 * ```
 */
export function resolveConsistencyLossOptions(partial: ConsistencyLossOptions = {}): ConsistencyLossConfig {
  return resolveConsistencyLossConfig('resolveConsistencyLossOptions', partial);
}
