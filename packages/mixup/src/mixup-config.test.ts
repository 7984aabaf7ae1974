import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { MIXUP_DEFAULTS, resolveMixupConfig, type MixupConfig } from './mixup-config.js';
import { catchError } from './test-utils.js';

describe('MIXUP_DEFAULTS', () => {
  it("is frozen and holds Table 6's NExT-QA setting (alpha = beta = 0.1) with TGM", () => {
    expect(Object.isFrozen(MIXUP_DEFAULTS)).toBe(true);
    expect(MIXUP_DEFAULTS).toEqual({
      mode: 'tgm',
      tgmFrames: 'union',
      alpha: 0.1,
      beta: 0.1,
      targets: 'mixed',
      partner: 'permutation',
      checkValues: true,
    });
  });
});

describe('resolveMixupConfig', () => {
  it('fills every default and returns a new frozen object', () => {
    const resolved = resolveMixupConfig();
    expect(resolved).toEqual(MIXUP_DEFAULTS);
    expect(resolved).not.toBe(MIXUP_DEFAULTS);
    expect(Object.isFrozen(resolved)).toBe(true);
    expect('seed' in resolved).toBe(false);
  });

  it('never mutates its argument', () => {
    const partial: Partial<MixupConfig> = { mode: 'mixup', alpha: 0.4, seed: 3 };
    const snapshot = JSON.stringify(partial);
    const resolved = resolveMixupConfig(partial);
    expect(JSON.stringify(partial)).toBe(snapshot);
    expect(Object.isFrozen(partial)).toBe(false);
    expect(resolved).toEqual({ mode: 'mixup', tgmFrames: 'union', alpha: 0.4, beta: 0.4, targets: 'mixed', partner: 'permutation', checkValues: true, seed: 3 });
  });

  it('beta follows alpha when omitted (Beta(alpha, alpha) as in Zhang et al. / timm), and stays when given', () => {
    expect(resolveMixupConfig({ alpha: 0.2 }).beta).toBe(0.2);
    expect(resolveMixupConfig({ beta: 0.7 })).toMatchObject({ alpha: 0.1, beta: 0.7 });
    expect(resolveMixupConfig({ alpha: 2, beta: 5 })).toMatchObject({ alpha: 2, beta: 5 });
  });

  it('round-trips through JSON (the runner writes it to config.json)', () => {
    const resolved = resolveMixupConfig({ targets: 'concat', partner: 'derangement', checkValues: false, seed: 9 });
    expect(resolveMixupConfig(JSON.parse(JSON.stringify(resolved)))).toEqual(resolved);
  });

  it('treats undefined fields as absent', () => {
    expect(resolveMixupConfig({ alpha: undefined, seed: undefined })).toEqual(MIXUP_DEFAULTS);
  });

  it.each([
    ['alpha', 0, 'finite number > 0'],
    ['alpha', -0.1, 'finite number > 0'],
    ['alpha', NaN, 'finite number > 0'],
    ['alpha', Infinity, 'finite number > 0'],
    ['alpha', '0.1', 'finite number > 0'],
    ['beta', 0, 'finite number > 0'],
    ['beta', NaN, 'finite number > 0'],
    ['mode', 'cutmix', 'tgm | mixup'],
    ['targets', 'soft', 'mixed | concat'],
    ['partner', 'random', 'permutation | derangement | flip'],
    ['checkValues', 'yes', 'boolean'],
    ['seed', 1.5, 'safe integer'],
    ['seed', 2 ** 60, 'safe integer'],
  ] as const)('rejects %s = %s with a ConfigError (%s)', (field, value, constraint) => {
    const e = catchError(() => resolveMixupConfig({ [field]: value } as Partial<MixupConfig>), ConfigError.isInstance);
    expect(e.field).toBe(field);
    expect(e.value).toBe(value);
    expect(e.constraint).toBe(constraint);
    expect(e.message.startsWith(`resolveMixupConfig: ${field} must be `)).toBe(true);
  });

  it('names the value seen in messages', () => {
    expect(catchError(() => resolveMixupConfig({ alpha: -1 }), ConfigError.isInstance).message).toBe(
      'resolveMixupConfig: alpha must be a finite number > 0, got -1',
    );
    expect(catchError(() => resolveMixupConfig({ mode: 'cutmix' as never }), ConfigError.isInstance).message).toBe(
      `resolveMixupConfig: mode must be one of 'tgm', 'mixup', got "cutmix"`,
    );
  });

  it('rejects unknown option names (typos) and non-objects', () => {
    const e = catchError(() => resolveMixupConfig({ aplha: 0.2 } as never), ConfigError.isInstance);
    expect(e.field).toBe('aplha');
    expect(e.message).toBe('resolveMixupConfig: unknown option \'aplha\' (known: mode, tgmFrames, alpha, beta, targets, partner, checkValues, seed)');
    expect(catchError(() => resolveMixupConfig(null as never), ConfigError.isInstance).field).toBe('(config)');
  });
});
