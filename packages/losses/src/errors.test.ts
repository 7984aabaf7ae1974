import { describe, expect, it } from 'vitest';
import { ConfigError, LossesError, ShapeError, ValueError } from './errors.js';

describe('errors', () => {
  it('each class sets name, fields, cause and extends LossesError and Error', () => {
    const cause = new Error('root');
    const shape = new ShapeError('m1', { argument: 'logits', expected: '[B, C]', actual: [1, 2, 3] }, { cause });
    const value = new ValueError('m2', { field: 'answers', value: 7, constraint: 'an integer in [0, 5)' });
    const config = new ConfigError('m3', { field: 'temperature', value: 0, constraint: 'a finite number > 0' });
    expect(shape).toMatchObject({ name: 'ShapeError', message: 'm1', argument: 'logits', expected: '[B, C]', actual: [1, 2, 3], cause });
    expect(value).toMatchObject({ name: 'ValueError', field: 'answers', value: 7, constraint: 'an integer in [0, 5)' });
    expect(config).toMatchObject({ name: 'ConfigError', field: 'temperature', value: 0, constraint: 'a finite number > 0' });
    expect('cause' in value).toBe(false);
    for (const e of [shape, value, config]) {
      expect(e).toBeInstanceOf(LossesError);
      expect(e).toBeInstanceOf(Error);
      expect(LossesError.isInstance(e)).toBe(true);
    }
    expect(new LossesError('base').name).toBe('LossesError');
    expect(Object.isFrozen(shape.actual)).toBe(true);
  });

  it('isInstance distinguishes the classes and rejects plain errors and non-objects', () => {
    const shape = new ShapeError('m', { argument: 'a', expected: 'e', actual: [] });
    expect(ShapeError.isInstance(shape)).toBe(true);
    expect(ValueError.isInstance(shape)).toBe(false);
    expect(ConfigError.isInstance(shape)).toBe(false);
    expect(ShapeError.isInstance(new Error('x'))).toBe(false);
    expect(LossesError.isInstance(new Error('x'))).toBe(false);
    expect(LossesError.isInstance(null)).toBe(false);
    expect(LossesError.isInstance('ShapeError')).toBe(false);
  });

  it('isInstance recognises an error from another copy of the package by its Symbol.for marker', () => {
    // What a second installed copy of @sparc-vqa/losses would create: a different class, the same markers.
    const foreign = new Error('from another copy');
    Object.defineProperty(foreign, Symbol.for('@sparc-vqa/losses/LossesError'), { value: true });
    Object.defineProperty(foreign, Symbol.for('@sparc-vqa/losses/ConfigError'), { value: true });
    expect(foreign).not.toBeInstanceOf(ConfigError);
    expect(ConfigError.isInstance(foreign)).toBe(true);
    expect(LossesError.isInstance(foreign)).toBe(true);
    expect(ShapeError.isInstance(foreign)).toBe(false);
    // Another package's marker (e.g. @sparc-vqa/selector's) does not count.
    const selectorError = new Error('selector');
    Object.defineProperty(selectorError, Symbol.for('@sparc-vqa/selector/ConfigError'), { value: true });
    expect(ConfigError.isInstance(selectorError)).toBe(false);
  });
});
