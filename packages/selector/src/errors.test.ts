import { describe, expect, it } from 'vitest';
import { ConfigError, SelectorError, ShapeError, ValueError } from './errors.js';

describe('errors', () => {
  it('set name, fields and cause, and are instances of SelectorError and Error', () => {
    const cause = new Error('root');
    const shape = new ShapeError('f: x must be [B], got [2, 3]', { argument: 'x', expected: '[B]', actual: [2, 3] }, { cause });
    expect(shape).toBeInstanceOf(SelectorError);
    expect(shape).toBeInstanceOf(Error);
    expect(shape).toMatchObject({ name: 'ShapeError', argument: 'x', expected: '[B]', actual: [2, 3], message: 'f: x must be [B], got [2, 3]' });
    expect(shape.cause).toBe(cause);
    const value = new ValueError('m', { field: 'answers', value: 7, constraint: 'c' });
    expect(value).toMatchObject({ name: 'ValueError', field: 'answers', value: 7, constraint: 'c' });
    expect('cause' in value).toBe(false);
    const config = new ConfigError('m', { field: 'threshold', value: 2, constraint: 'c' });
    expect(config).toMatchObject({ name: 'ConfigError', field: 'threshold', value: 2, constraint: 'c' });
    expect(new SelectorError('m').name).toBe('SelectorError');
  });

  it('isInstance guards tell the classes apart', () => {
    const shape = new ShapeError('m', { argument: 'a', expected: 'e', actual: [] });
    const value = new ValueError('m', { field: 'f', value: 1, constraint: 'c' });
    const config = new ConfigError('m', { field: 'f', value: 1, constraint: 'c' });
    expect([shape, value, config].map((e) => SelectorError.isInstance(e))).toEqual([true, true, true]);
    expect([shape, value, config].map((e) => ShapeError.isInstance(e))).toEqual([true, false, false]);
    expect([shape, value, config].map((e) => ValueError.isInstance(e))).toEqual([false, true, false]);
    expect([shape, value, config].map((e) => ConfigError.isInstance(e))).toEqual([false, false, true]);
    for (const other of [new Error('x'), null, undefined, 'ShapeError', { name: 'ShapeError' }]) {
      expect(SelectorError.isInstance(other)).toBe(false);
      expect(ShapeError.isInstance(other)).toBe(false);
    }
  });

  it('recognises errors from another copy of the package through the Symbol.for marker', () => {
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('@sparc-vqa/selector/SelectorError')]: true,
      [Symbol.for('@sparc-vqa/selector/ConfigError')]: true,
    });
    expect(SelectorError.isInstance(foreign)).toBe(true);
    expect(ConfigError.isInstance(foreign)).toBe(true);
    expect(ShapeError.isInstance(foreign)).toBe(false);
  });
});
