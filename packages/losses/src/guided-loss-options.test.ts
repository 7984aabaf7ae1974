import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { GUIDED_LOSS_DEFAULTS, resolveGuidedLossOptions } from './guided-loss-options.js';
import { thrown } from './test-utils.js';

describe('resolveGuidedLossOptions', () => {
  it('defaults are frozen: mean reduction, values checked', () => {
    expect(GUIDED_LOSS_DEFAULTS).toEqual({ reduction: 'mean', checkValues: true });
    expect(Object.isFrozen(GUIDED_LOSS_DEFAULTS)).toBe(true);
    expect(resolveGuidedLossOptions()).toEqual(GUIDED_LOSS_DEFAULTS);
  });

  it('returns a new frozen object and never modifies its argument', () => {
    const partial = { reduction: 'sum' as const };
    const resolved = resolveGuidedLossOptions(partial);
    expect(resolved).toEqual({ reduction: 'sum', checkValues: true });
    expect(partial).toEqual({ reduction: 'sum' });
    expect(Object.isFrozen(partial)).toBe(false);
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(resolveGuidedLossOptions(GUIDED_LOSS_DEFAULTS)).not.toBe(GUIDED_LOSS_DEFAULTS);
  });

  it('throws ConfigError naming itself, the field, the value and the rule', () => {
    const e = thrown(() => resolveGuidedLossOptions({ reduction: 'max' as never }));
    expect(ConfigError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ field: 'reduction', value: 'max', constraint: "one of 'mean', 'sum', 'none'" });
    expect((e as Error).message).toBe("resolveGuidedLossOptions: reduction must be one of 'mean', 'sum', 'none', got 'max'");
    expect(thrown(() => resolveGuidedLossOptions([] as never))).toMatchObject({ field: 'options', constraint: 'an object' });
    expect(thrown(() => resolveGuidedLossOptions({ checkValues: 'no' } as never))).toMatchObject({ field: 'checkValues' });
  });
});
