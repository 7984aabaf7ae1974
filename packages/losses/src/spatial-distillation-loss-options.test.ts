import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { resolveSpatialDistillationLossOptions, SPATIAL_DISTILLATION_LOSS_DEFAULTS } from './spatial-distillation-loss-options.js';
import { thrown } from './test-utils.js';

describe('resolveSpatialDistillationLossOptions', () => {
  it('defaults are frozen: temperature 1, mean', () => {
    expect(SPATIAL_DISTILLATION_LOSS_DEFAULTS).toEqual({ temperature: 1, reduction: 'mean', checkValues: true });
    expect(Object.isFrozen(SPATIAL_DISTILLATION_LOSS_DEFAULTS)).toBe(true);
  });

  it('returns a new frozen object and never modifies its argument', () => {
    const partial = { temperature: 2 };
    const resolved = resolveSpatialDistillationLossOptions(partial);
    expect(resolved).toEqual({ temperature: 2, reduction: 'mean', checkValues: true });
    expect(partial).toEqual({ temperature: 2 });
    expect(Object.isFrozen(partial)).toBe(false);
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it('throws ConfigError for a temperature that is not a finite number > 0', () => {
    for (const temperature of [0, -2, NaN, Infinity, '1' as never]) {
      const e = thrown(() => resolveSpatialDistillationLossOptions({ temperature }));
      expect(ConfigError.isInstance(e)).toBe(true);
      expect(e).toMatchObject({ field: 'temperature', constraint: 'a finite number > 0' });
    }
    expect((thrown(() => resolveSpatialDistillationLossOptions({ temperature: -2 })) as Error).message).toBe(
      'resolveSpatialDistillationLossOptions: temperature must be a finite number > 0, got -2',
    );
  });
});
