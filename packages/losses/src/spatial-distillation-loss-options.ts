// Options of spatialDistillationLoss (SpARC 3.2.2, L_s): temperature, reduction, value checks.
import { REDUCTIONS, type Reduction } from './types.js';
import { checkBoolean, checkKnownKeys, checkOneOf, checkOptionsObject, checkPositive } from './validate.js';

/** Options of `spatialDistillationLoss`, as a caller writes them. */
export interface SpatialDistillationLossOptions {
  /**
   * Softmax temperature applied to the student logits: L_s = -sum_c p_teacher,c log_softmax(z / T)_c.
   * Finite and > 0 (default 1, the paper's plain cross-entropy). No T^2 factor; the teacher
   * probabilities are used as given.
   */
  readonly temperature?: number;
  /** `'mean'` (default), `'sum'` or `'none'` (per-sample [B]); see {@link Reduction}. */
  readonly reduction?: Reduction;
  /**
   * Check values: teacherProbs rows are distributions (finite, >= 0, sum 1 ± 1e-3), weights >= 0.
   * Costs one synchronous device read per checked input (default true).
   */
  readonly checkValues?: boolean;
}

/** Resolved, frozen options of `spatialDistillationLoss` (plain JSON-serializable data). */
export interface SpatialDistillationLossConfig {
  readonly temperature: number;
  readonly reduction: Reduction;
  readonly checkValues: boolean;
}

/**
 * Defaults of `spatialDistillationLoss`: temperature 1, mean reduction, values checked.
 *
 * @example
 * ```ts
 * SPATIAL_DISTILLATION_LOSS_DEFAULTS.temperature; // 1
 * ```
 */
export const SPATIAL_DISTILLATION_LOSS_DEFAULTS: SpatialDistillationLossConfig = Object.freeze({
  temperature: 1,
  reduction: 'mean',
  checkValues: true,
});

const KNOWN = Object.freeze(['temperature', 'reduction', 'checkValues']);

/** @internal Resolver that names `fn` in its messages. */
export function resolveSpatialDistillationLossConfig(fn: string, partial: unknown): SpatialDistillationLossConfig {
  checkOptionsObject(fn, partial);
  checkKnownKeys(fn, partial, KNOWN);
  const p = partial as SpatialDistillationLossOptions;
  const d = SPATIAL_DISTILLATION_LOSS_DEFAULTS;
  const temperature = p.temperature ?? d.temperature;
  const reduction = p.reduction ?? d.reduction;
  const checkValues = p.checkValues ?? d.checkValues;
  checkPositive(fn, 'temperature', temperature);
  checkOneOf(fn, 'reduction', reduction, REDUCTIONS);
  checkBoolean(fn, 'checkValues', checkValues);
  return Object.freeze({ temperature, reduction, checkValues });
}

/**
 * Fills in the defaults of `spatialDistillationLoss` options and validates them. Returns a new frozen
 * object; the argument is not modified. Throws `ConfigError` for a temperature that is not a finite
 * number > 0, an unknown reduction, a non-boolean checkValues or an unknown option name.
 *
 * @example
 * ```ts
 * resolveSpatialDistillationLossOptions({ temperature: 2 });
 * // { temperature: 2, reduction: 'mean', checkValues: true }
 * ```
 */
export function resolveSpatialDistillationLossOptions(
  partial: SpatialDistillationLossOptions = {},
): SpatialDistillationLossConfig {
  return resolveSpatialDistillationLossConfig('resolveSpatialDistillationLossOptions', partial);
}
