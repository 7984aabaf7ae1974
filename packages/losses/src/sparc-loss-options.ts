// Options of sparcLoss (SpARC 3.2.3, L_total = L_g + w_c L_c + w_s L_s; w_c = w_s = 1 in A.5), with the
// ablation switches of Tables 5 and 7 (T = L_g + L_c, S = L_s) and the per-term options.
import { KL_DIRECTIONS, REDUCTIONS, type KLDirection, type Reduction } from './types.js';
import {
  checkBoolean,
  checkKnownKeys,
  checkNonNegative,
  checkOneOf,
  checkOptionsObject,
  checkPositive,
} from './validate.js';

/** Options of `sparcLoss`, as a caller writes them. */
export interface SparcLossOptions {
  /** w_c, the weight of the consistency loss L_c (paper 3.2.3; 1 in A.5). Finite, >= 0. Default 1. */
  readonly consistencyWeight?: number;
  /** w_s, the weight of the spatial-distillation loss L_s (paper 3.2.3; 1 in A.5). Finite, >= 0. Default 1. */
  readonly spatialWeight?: number;
  /**
   * Temporal guidance (T = L_g + L_c). When false, the first term is plain cross-entropy on the
   * whole-video logits (the baseline) and there is no consistency term. Default true.
   */
  readonly temporal?: boolean;
  /** Spatial guidance (S = L_s). When false there is no L_s term. Default true. */
  readonly spatial?: boolean;
  /** KL direction of L_c (see `consistencyLoss`). Default `'whole||guided'`. */
  readonly direction?: KLDirection;
  /** Detach the target side of L_c (see `consistencyLoss`). Default false. */
  readonly stopGradient?: boolean;
  /** Softmax temperature of L_s (see `spatialDistillationLoss`). Finite, > 0. Default 1. */
  readonly temperature?: number;
  /** Reduction of every term and of the total (see {@link Reduction}). Default `'mean'`. */
  readonly reduction?: Reduction;
  /** Check input values (answers, teacherProbs, weights); one device read per checked input. Default true. */
  readonly checkValues?: boolean;
}

/** Resolved, frozen options of `sparcLoss` (plain JSON-serializable data, e.g. for a run's config.json). */
export interface SparcLossConfig {
  readonly consistencyWeight: number;
  readonly spatialWeight: number;
  readonly temporal: boolean;
  readonly spatial: boolean;
  readonly direction: KLDirection;
  readonly stopGradient: boolean;
  readonly temperature: number;
  readonly reduction: Reduction;
  readonly checkValues: boolean;
}

/**
 * Defaults of `sparcLoss`: the full SpARC objective of the paper (A.5): w_c = w_s = 1, both guidances on,
 * KL(whole || guided) without stop-gradient, temperature 1, mean reduction, values checked.
 *
 * @example
 * ```ts
 * SPARC_LOSS_DEFAULTS.consistencyWeight; // 1
 * ```
 */
export const SPARC_LOSS_DEFAULTS: SparcLossConfig = Object.freeze({
  consistencyWeight: 1,
  spatialWeight: 1,
  temporal: true,
  spatial: true,
  direction: 'whole||guided',
  stopGradient: false,
  temperature: 1,
  reduction: 'mean',
  checkValues: true,
});

const KNOWN = Object.freeze(Object.keys(SPARC_LOSS_DEFAULTS));

/** @internal Resolver that names `fn` in its messages. */
export function resolveSparcLossConfig(fn: string, partial: unknown): SparcLossConfig {
  checkOptionsObject(fn, partial);
  checkKnownKeys(fn, partial, KNOWN);
  const p = partial as SparcLossOptions;
  const d = SPARC_LOSS_DEFAULTS;
  const consistencyWeight = p.consistencyWeight ?? d.consistencyWeight;
  const spatialWeight = p.spatialWeight ?? d.spatialWeight;
  const temporal = p.temporal ?? d.temporal;
  const spatial = p.spatial ?? d.spatial;
  const direction = p.direction ?? d.direction;
  const stopGradient = p.stopGradient ?? d.stopGradient;
  const temperature = p.temperature ?? d.temperature;
  const reduction = p.reduction ?? d.reduction;
  const checkValues = p.checkValues ?? d.checkValues;
  checkNonNegative(fn, 'consistencyWeight', consistencyWeight);
  checkNonNegative(fn, 'spatialWeight', spatialWeight);
  checkBoolean(fn, 'temporal', temporal);
  checkBoolean(fn, 'spatial', spatial);
  checkOneOf(fn, 'direction', direction, KL_DIRECTIONS);
  checkBoolean(fn, 'stopGradient', stopGradient);
  checkPositive(fn, 'temperature', temperature);
  checkOneOf(fn, 'reduction', reduction, REDUCTIONS);
  checkBoolean(fn, 'checkValues', checkValues);
  return Object.freeze({
    consistencyWeight,
    spatialWeight,
    temporal,
    spatial,
    direction,
    stopGradient,
    temperature,
    reduction,
    checkValues,
  });
}

/**
 * Fills in the defaults of `sparcLoss` options and validates them. Returns a new frozen object; the
 * argument is not modified. Throws `ConfigError` for a negative or non-finite loss weight, a temperature
 * that is not a finite number > 0, an unknown direction or reduction, a non-boolean switch or an
 * unknown option name.
 *
 * @example
 * ```ts
 * resolveSparcLossOptions({ spatial: false }).spatial; // false
 * ```
 */
export function resolveSparcLossOptions(partial: SparcLossOptions = {}): SparcLossConfig {
  return resolveSparcLossConfig('resolveSparcLossOptions', partial);
}
