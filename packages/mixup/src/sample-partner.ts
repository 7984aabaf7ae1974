// Partner assignment for mixup: a seeded Fisher-Yates permutation (as torch.randperm in Zhang et al.
// 2017's reference code and EIGV's train.py), a derangement, or timm's batch flip.
import { assertRng, drawUniform, type Rng } from './create-rng.js';
import { ConfigError, ValueError } from './errors.js';

/**
 * How each sample's mixing partner is chosen.
 * - `'permutation'` (default): a uniformly random permutation (Fisher-Yates), as torch.randperm in
 *   Zhang et al.'s mixup and EIGV. A sample can be its own partner (on average one per batch); it is then
 *   left unchanged.
 * - `'derangement'`: a uniformly random permutation without fixed points (Fisher-Yates, redrawn until no
 *   sample is its own partner; about e = 2.72 tries on average). For a batch of 1 no derangement exists
 *   and the partner is the sample itself.
 * - `'flip'`: partner[i] = B - 1 - i, timm's `mixup.py` default (no randomness; the middle sample of an
 *   odd batch is its own partner).
 *
 * @example
 * ```ts
 * const strategy: PartnerStrategy = 'derangement';
 * ```
 */
export type PartnerStrategy = 'permutation' | 'derangement' | 'flip';

/**
 * The partner strategies, in documentation order (frozen).
 *
 * @example
 * ```ts
 * PARTNER_STRATEGIES; // ['permutation', 'derangement', 'flip']
 * ```
 */
export const PARTNER_STRATEGIES: readonly PartnerStrategy[] = Object.freeze(['permutation', 'derangement', 'flip']);

/** Internal: Fisher-Yates (Durstenfeld) shuffle of 0..n-1, consuming n - 1 uniforms. */
function shuffle(n: number, rng: Rng, fn: string): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(drawUniform(rng, fn) * (i + 1));
    const tmp = p[i]!;
    p[i] = p[j]!;
    p[j] = tmp;
  }
  return p;
}

/** Internal: partner indices without argument checks. */
export function partnerFrom(batchSize: number, strategy: PartnerStrategy, rng: Rng, fn: string): number[] {
  switch (strategy) {
    case 'flip':
      return Array.from({ length: batchSize }, (_, i) => batchSize - 1 - i);
    case 'permutation':
      return shuffle(batchSize, rng, fn);
    case 'derangement': {
      if (batchSize < 2) return shuffle(batchSize, rng, fn);
      for (;;) {
        const p = shuffle(batchSize, rng, fn);
        if (p.every((j, i) => j !== i)) return p;
      }
    }
  }
}

/** Internal: checks a batch size is an integer >= 1. */
export function assertBatchSize(batchSize: unknown, fn: string): asserts batchSize is number {
  if (typeof batchSize !== 'number' || !Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new ValueError(`${fn}: batchSize must be an integer >= 1, got ${String(batchSize)}`, {
      field: 'batchSize',
      value: batchSize,
      constraint: 'integer >= 1',
    });
  }
}

/** Internal: checks a partner strategy name. */
export function assertPartnerStrategy(strategy: unknown, fn: string): asserts strategy is PartnerStrategy {
  if (!PARTNER_STRATEGIES.includes(strategy as PartnerStrategy)) {
    throw new ConfigError(
      `${fn}: partner must be one of ${PARTNER_STRATEGIES.map((s) => `'${s}'`).join(', ')}, got ${JSON.stringify(strategy)}`,
      { field: 'partner', value: strategy, constraint: PARTNER_STRATEGIES.join(' | ') },
    );
  }
}

/**
 * Draws each sample's mixing partner: `partner[i]` is the batch index whose features sample i is mixed
 * with. The result is always a permutation of 0..B-1.
 *
 * @param batchSize - B, an integer >= 1.
 * @param options.rng - Uniform source in [0, 1); `'permutation'` consumes B - 1 numbers,
 *   `'derangement'` a multiple of B - 1, `'flip'` none.
 * @param options.strategy - {@link PartnerStrategy}; default `'permutation'`.
 * @returns `number[]` of length B.
 * @throws ValueError when `batchSize` is not an integer >= 1 or `rng` misbehaves;
 *   ConfigError for an unknown strategy.
 * @example
 * ```ts
 * samplePartner(4, { rng: createRng(0) });                   // [2, 0, 1, 3]
 * samplePartner(4, { rng: createRng(0), strategy: 'flip' }); // [3, 2, 1, 0]
 * ```
 */
export function samplePartner(
  batchSize: number,
  options: { readonly rng: Rng; readonly strategy?: PartnerStrategy },
): number[] {
  assertBatchSize(batchSize, 'samplePartner');
  const strategy = options.strategy ?? 'permutation';
  assertPartnerStrategy(strategy, 'samplePartner');
  assertRng(options.rng, 'samplePartner');
  return partnerFrom(batchSize, strategy, options.rng, 'samplePartner');
}
