import { describe, expect, it } from 'vitest';
import { ConfigError, MixupError, ShapeError, ValueError } from './errors.js';

describe('errors', () => {
  it('MixupError sets name, message, cause and its marker', () => {
    const cause = new Error('root');
    const e = new MixupError('mix: boom', { cause });
    expect(e.name).toBe('MixupError');
    expect(e.message).toBe('mix: boom');
    expect(e.cause).toBe(cause);
    expect(e).toBeInstanceOf(Error);
    expect(MixupError.isInstance(e)).toBe(true);
    expect(ShapeError.isInstance(e)).toBe(false);
    expect('cause' in new MixupError('x')).toBe(false);
  });

  it('ShapeError carries argument, expected, actual (frozen copy)', () => {
    const actual = [4, 8];
    const e = new ShapeError('mix: causalMask ...', { argument: 'causalMask', expected: '[B, T] = [4, 16]', actual });
    actual[0] = 99;
    expect(e.name).toBe('ShapeError');
    expect(e.argument).toBe('causalMask');
    expect(e.expected).toBe('[B, T] = [4, 16]');
    expect(e.actual).toEqual([4, 8]);
    expect(Object.isFrozen(e.actual)).toBe(true);
    expect(e).toBeInstanceOf(MixupError);
    expect(ShapeError.isInstance(e) && MixupError.isInstance(e)).toBe(true);
    expect(ValueError.isInstance(e) || ConfigError.isInstance(e)).toBe(false);
  });

  it.each([
    ['ValueError', ValueError],
    ['ConfigError', ConfigError],
  ] as const)('%s carries field, value, constraint and cause', (name, Cls) => {
    const cause = new RangeError('inner');
    const e = new Cls('fn: bad', { field: 'alpha', value: -1, constraint: 'finite number > 0' }, { cause });
    expect(e.name).toBe(name);
    expect(e.field).toBe('alpha');
    expect(e.value).toBe(-1);
    expect(e.constraint).toBe('finite number > 0');
    expect(e.cause).toBe(cause);
    expect(Cls.isInstance(e)).toBe(true);
    expect(MixupError.isInstance(e)).toBe(true);
    expect(ShapeError.isInstance(e)).toBe(false);
  });

  it('isInstance recognises errors from another copy of the package by the Symbol.for marker', () => {
    const foreign = Object.assign(new Error('other copy'), {
      [Symbol.for('@sparc-vqa/mixup/MixupError')]: true,
      [Symbol.for('@sparc-vqa/mixup/ValueError')]: true,
    });
    expect(MixupError.isInstance(foreign)).toBe(true);
    expect(ValueError.isInstance(foreign)).toBe(true);
    expect(ConfigError.isInstance(foreign)).toBe(false);
  });

  it('isInstance rejects non-errors and errors of other packages', () => {
    for (const x of [null, undefined, 0, 'ShapeError', {}, new Error('x')]) {
      expect(MixupError.isInstance(x)).toBe(false);
      expect(ShapeError.isInstance(x)).toBe(false);
    }
    const other = Object.assign(new Error('x'), { [Symbol.for('@sparc-vqa/selector/ShapeError')]: true });
    expect(ShapeError.isInstance(other)).toBe(false);
  });
});
