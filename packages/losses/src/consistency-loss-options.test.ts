import { describe, expect, it } from 'vitest';
import { CONSISTENCY_LOSS_DEFAULTS, resolveConsistencyLossOptions } from './consistency-loss-options.js';
import { ConfigError } from './errors.js';
import { thrown } from './test-utils.js';

describe('resolveConsistencyLossOptions', () => {
  it("defaults are frozen: KL(whole || guided), no stop-gradient (IGV does not detach), mean", () => {
    expect(CONSISTENCY_LOSS_DEFAULTS).toEqual({ direction: 'whole||guided', stopGradient: false, reduction: 'mean', checkValues: true });
    expect(Object.isFrozen(CONSISTENCY_LOSS_DEFAULTS)).toBe(true);
  });

  it('returns a new frozen object and never modifies its argument', () => {
    const partial = { stopGradient: true, direction: 'guided||whole' as const };
    const resolved = resolveConsistencyLossOptions(partial);
    expect(resolved).toEqual({ direction: 'guided||whole', stopGradient: true, reduction: 'mean', checkValues: true });
    expect(partial).toEqual({ stopGradient: true, direction: 'guided||whole' });
    expect(Object.isFrozen(partial)).toBe(false);
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it('throws ConfigError for an unknown direction, a non-boolean stopGradient, an unknown option', () => {
    const e = thrown(() => resolveConsistencyLossOptions({ direction: 'kl' as never }));
    expect(ConfigError.isInstance(e)).toBe(true);
    expect((e as Error).message).toBe("resolveConsistencyLossOptions: direction must be one of 'whole||guided', 'guided||whole', got 'kl'");
    expect(thrown(() => resolveConsistencyLossOptions({ stopGradient: 0 as never }))).toMatchObject({ field: 'stopGradient', value: 0 });
    expect(thrown(() => resolveConsistencyLossOptions({ detach: true } as never))).toMatchObject({
      field: 'detach',
      constraint: 'a known option (one of direction, stopGradient, reduction, checkValues)',
    });
  });
});
