// Options of guidedLoss (SpARC 3.2.1, L_g): reduction and value checks.
import { REDUCTIONS, type Reduction } from './types.js';
import { checkBoolean, checkKnownKeys, checkOneOf, checkOptionsObject } from './validate.js';

/** Options of `guidedLoss`, as a caller writes them. */
export interface GuidedLossOptions {
  /** `'mean'` (default), `'sum'` or `'none'` (per-sample [B]); see {@link Reduction}. */
  readonly reduction?: Reduction;
  /**
   * Check values at the boundary: answers in [0, C), soft targets are distributions, weights >= 0.
   * Costs one synchronous device read per checked input (default true). Shape and dtype checks always run.
   */
  readonly checkValues?: boolean;
}

/** Resolved, frozen options of `guidedLoss` (plain JSON-serializable data). */
export interface GuidedLossConfig {
  readonly reduction: Reduction;
  readonly checkValues: boolean;
}

/**
 * Defaults of `guidedLoss`: mean reduction, values checked.
 *
 * @example
 * ```ts
 * GUIDED_LOSS_DEFAULTS.reduction; // 'mean'
 * ```
 */
export const GUIDED_LOSS_DEFAULTS: GuidedLossConfig = Object.freeze({ reduction: 'mean', checkValues: true });

const KNOWN = Object.freeze(['reduction', 'checkValues']);

/** @internal Resolver that names `fn` in its messages. */
export function resolveGuidedLossConfig(fn: string, partial: unknown): GuidedLossConfig {
  checkOptionsObject(fn, partial);
  checkKnownKeys(fn, partial, KNOWN);
  const p = partial as GuidedLossOptions;
  const reduction = p.reduction ?? GUIDED_LOSS_DEFAULTS.reduction;
  const checkValues = p.checkValues ?? GUIDED_LOSS_DEFAULTS.checkValues;
  checkOneOf(fn, 'reduction', reduction, REDUCTIONS);
  checkBoolean(fn, 'checkValues', checkValues);
  return Object.freeze({ reduction, checkValues });
}

/**
 * Fills in the defaults of `guidedLoss` options and validates them. Returns a new frozen object; the
 * argument is not modified. Throws `ConfigError` for an unknown reduction, a non-boolean checkValues or
 * an unknown option name.
 *
 * @example
 * ```ts
 * resolveGuidedLossOptions({ reduction: 'sum' }); // { reduction: 'sum', checkValues: true }
 * ```
 */
export function resolveGuidedLossOptions(partial: GuidedLossOptions = {}): GuidedLossConfig {
  return resolveGuidedLossConfig('resolveGuidedLossOptions', partial);
}
