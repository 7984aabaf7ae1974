import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { resolveSparcLossOptions, SPARC_LOSS_DEFAULTS } from './sparc-loss-options.js';
import { thrown } from './test-utils.js';

describe('resolveSparcLossOptions', () => {
  it('defaults are frozen and are the paper objective (A.5: w_c = w_s = 1, T and S on)', () => {
    expect(SPARC_LOSS_DEFAULTS).toEqual({
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
    expect(Object.isFrozen(SPARC_LOSS_DEFAULTS)).toBe(true);
  });

  it('returns a new frozen object, never modifies its argument, and round-trips through JSON', () => {
    const partial = { spatial: false, consistencyWeight: 0.5 };
    const resolved = resolveSparcLossOptions(partial);
    expect(resolved).toEqual({ ...SPARC_LOSS_DEFAULTS, spatial: false, consistencyWeight: 0.5 });
    expect(partial).toEqual({ spatial: false, consistencyWeight: 0.5 });
    expect(Object.isFrozen(partial)).toBe(false);
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(resolveSparcLossOptions(SPARC_LOSS_DEFAULTS)).not.toBe(SPARC_LOSS_DEFAULTS);
    expect(resolveSparcLossOptions(JSON.parse(JSON.stringify(resolved)))).toEqual(resolved);
  });

  it('throws ConfigError for negative or non-finite weights, bad switches and unknown names', () => {
    const e = thrown(() => resolveSparcLossOptions({ spatialWeight: -1 }));
    expect(ConfigError.isInstance(e)).toBe(true);
    expect((e as Error).message).toBe('resolveSparcLossOptions: spatialWeight must be a finite number >= 0, got -1');
    expect(thrown(() => resolveSparcLossOptions({ consistencyWeight: Infinity }))).toMatchObject({ field: 'consistencyWeight' });
    expect(thrown(() => resolveSparcLossOptions({ spatial: 1 as never }))).toMatchObject({ field: 'spatial', constraint: 'a boolean' });
    expect(thrown(() => resolveSparcLossOptions({ temperature: 0 }))).toMatchObject({ field: 'temperature' });
    expect(thrown(() => resolveSparcLossOptions(null as never))).toMatchObject({ field: 'options', value: null });
    expect((thrown(() => resolveSparcLossOptions({ consistency_weight: 1 } as never)) as Error).message).toBe(
      'resolveSparcLossOptions: consistency_weight must be a known option (one of consistencyWeight, spatialWeight, temporal, spatial, direction, stopGradient, temperature, reduction, checkValues), got 1',
    );
  });
});
