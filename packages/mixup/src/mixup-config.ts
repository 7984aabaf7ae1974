// Configuration of a mixer: defaults from the paper's Table 6 (alpha = beta = 0.1 for NExT-QA) and a
// resolver that validates and freezes without touching its argument (STYLE 3.7).
import { ConfigError } from './errors.js';
import { assertPartnerStrategy, type PartnerStrategy } from './sample-partner.js';
import type { TGMFrames } from './mix-video.js';

/**
 * Which frames are mixed.
 * - `'tgm'`: Temporal Guided Mixup (paper A.2): only the sample's causal frames (`causalMask = 1`).
 * - `'mixup'`: plain mixup (Zhang et al. 2017): every frame.
 *
 * @example
 * ```ts
 * const mode: MixupMode = 'tgm';
 * ```
 */
export type MixupMode = 'tgm' | 'mixup';

/**
 * How question/answer features and targets are combined.
 * - `'mixed'` (the paper's form): QA features are mixed with lambda like the video; targets are
 *   `lambda * y_i + (1 - lambda) * y_j`, shape [B, C].
 * - `'concat'` (EIGV's form): QA features are not mixed; the caller scores the mixed video against the
 *   sample's own candidates and against its partner's, and the targets are `[lambda * y_i, (1 - lambda) * y_j]`,
 *   shape [B, 2C].
 *
 * @example
 * ```ts
 * const form: MixupTargetsForm = 'concat';
 * ```
 */
export type MixupTargetsForm = 'mixed' | 'concat';

/**
 * A mixer's resolved configuration. Plain JSON-serializable data: write it to the run's `config.json`
 * and pass it back to `createMixup` to rebuild the same mixer.
 *
 * @example
 * ```ts
 * const config: MixupConfig = resolveMixupConfig({ mode: 'mixup', alpha: 0.4, seed: 1 });
 * ```
 */
export interface MixupConfig {
  /** Which frames are mixed; default `'tgm'`. */
  readonly mode: MixupMode;
  /**
   * TGM: the positions mixed; `'union'` (default) the sample's causal frames and its partner's (the
   * partner's evidence enters at its own positions, EIGV's foreground mixing), `'own'` the sample's only.
   */
  readonly tgmFrames: TGMFrames;
  /** Beta parameter alpha of lambda ~ Beta(alpha, beta); finite > 0; default 0.1 (Table 6). */
  readonly alpha: number;
  /** Beta parameter beta; finite > 0; default: equal to `alpha` (0.1 when neither is given). */
  readonly beta: number;
  /** Target and QA form; default `'mixed'`. */
  readonly targets: MixupTargetsForm;
  /** How partners are drawn; default `'permutation'`. */
  readonly partner: PartnerStrategy;
  /** Check tensor values (targets are distributions, masks are 0/1, ...); costs a device sync; default true. */
  readonly checkValues: boolean;
  /** Seed of the mixer's generator (a safe integer); absent when an `rng` is injected instead. */
  readonly seed?: number;
}

/**
 * The defaults: TGM with the paper's Table 6 NExT-QA setting alpha = beta = 0.1, mixed targets,
 * random-permutation partners, value checks on. Frozen.
 *
 * @example
 * ```ts
 * MIXUP_DEFAULTS.alpha; // 0.1
 * ```
 */
export const MIXUP_DEFAULTS: Readonly<Required<Omit<MixupConfig, 'seed'>>> = Object.freeze({
  mode: 'tgm',
  tgmFrames: 'union',
  alpha: 0.1,
  beta: 0.1,
  targets: 'mixed',
  partner: 'permutation',
  checkValues: true,
});

const MODES: readonly MixupMode[] = ['tgm', 'mixup'];
const TGM_FRAMES: readonly TGMFrames[] = ['union', 'own'];
const TARGET_FORMS: readonly MixupTargetsForm[] = ['mixed', 'concat'];
const KEYS: readonly string[] = ['mode', 'tgmFrames', 'alpha', 'beta', 'targets', 'partner', 'checkValues', 'seed'];

function assertOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, fn: string): asserts value is T {
  if (!allowed.includes(value as T)) {
    throw new ConfigError(
      `${fn}: ${field} must be one of ${allowed.map((s) => `'${s}'`).join(', ')}, got ${JSON.stringify(value)}`,
      { field, value, constraint: allowed.join(' | ') },
    );
  }
}

function assertBetaParameter(value: unknown, field: string, fn: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`${fn}: ${field} must be a finite number > 0, got ${String(value)}`, {
      field,
      value,
      constraint: 'finite number > 0',
    });
  }
}

/** Internal: `resolveMixupConfig` with the calling function's name in messages. */
export function resolveConfigFor(partial: Partial<MixupConfig>, fn: string): MixupConfig {
  if (typeof partial !== 'object' || partial === null) {
    throw new ConfigError(`${fn}: the configuration must be an object, got ${String(partial)}`, {
      field: '(config)',
      value: partial,
      constraint: 'object',
    });
  }
  for (const key of Object.keys(partial)) {
    if (!KEYS.includes(key)) {
      throw new ConfigError(`${fn}: unknown option '${key}' (known: ${KEYS.join(', ')})`, {
        field: key,
        value: (partial as Record<string, unknown>)[key],
        constraint: `one of ${KEYS.join(', ')}`,
      });
    }
  }
  const mode = partial.mode ?? MIXUP_DEFAULTS.mode;
  assertOneOf(mode, MODES, 'mode', fn);
  const tgmFrames = partial.tgmFrames ?? MIXUP_DEFAULTS.tgmFrames;
  assertOneOf(tgmFrames, TGM_FRAMES, 'tgmFrames', fn);
  const alpha = partial.alpha ?? MIXUP_DEFAULTS.alpha;
  assertBetaParameter(alpha, 'alpha', fn);
  // Zhang et al. (2017) and timm draw lambda ~ Beta(alpha, alpha): an omitted beta follows alpha.
  const beta = partial.beta ?? (partial.alpha === undefined ? MIXUP_DEFAULTS.beta : alpha);
  assertBetaParameter(beta, 'beta', fn);
  const targets = partial.targets ?? MIXUP_DEFAULTS.targets;
  assertOneOf(targets, TARGET_FORMS, 'targets', fn);
  const partner = partial.partner ?? MIXUP_DEFAULTS.partner;
  assertPartnerStrategy(partner, fn);
  const checkValues = partial.checkValues ?? MIXUP_DEFAULTS.checkValues;
  if (typeof checkValues !== 'boolean') {
    throw new ConfigError(`${fn}: checkValues must be a boolean, got ${String(checkValues)}`, {
      field: 'checkValues',
      value: checkValues,
      constraint: 'boolean',
    });
  }
  const seed = partial.seed;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isSafeInteger(seed))) {
    throw new ConfigError(`${fn}: seed must be a safe integer, got ${String(seed)}`, {
      field: 'seed',
      value: seed,
      constraint: 'safe integer',
    });
  }
  const config: MixupConfig = { mode, tgmFrames, alpha, beta, targets, partner, checkValues, ...(seed === undefined ? {} : { seed }) };
  return Object.freeze(config);
}

/**
 * Fills every default into a partial configuration and validates it. Returns a NEW frozen object; the
 * argument is never modified. An omitted `beta` equals `alpha` (symmetric Beta(alpha, alpha), as in
 * Zhang et al. 2017 and timm); with neither given both are 0.1 (Table 6).
 *
 * @param partial - Any subset of {@link MixupConfig}; `undefined` fields count as absent.
 * @returns The resolved, frozen {@link MixupConfig}.
 * @throws ConfigError for an unknown option name, an unknown `mode`/`targets`/`partner`, `alpha` or
 *   `beta` not a finite number > 0 (NaN, 0, negative, Infinity), a non-boolean `checkValues` or a seed
 *   that is not a safe integer.
 * @example
 * ```ts
 * resolveMixupConfig({ alpha: 0.4 });
 * // { mode: 'tgm', alpha: 0.4, beta: 0.4, targets: 'mixed', partner: 'permutation', checkValues: true }
 * ```
 */
export function resolveMixupConfig(partial: Partial<MixupConfig> = {}): MixupConfig {
  return resolveConfigFor(partial, 'resolveMixupConfig');
}
