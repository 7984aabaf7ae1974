import { testBackend } from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import * as errors from './errors.js';

describe.runIf(testBackend() === 'cpu')('errors', () => {
  const cases: Array<[Error, string, RegExp]> = [
    [new errors.ShapeError('f', 'frames', '[T, 8]', '[4, 9]'), 'ShapeError', /^f: frames must be \[T, 8\], got \[4, 9\]$/],
    [new errors.ConfigError('f', 'heads', 3, 'must divide 64'), 'ConfigError', /heads must divide 64, got 3/],
    [new errors.InvalidValueError('f', 'probs', 'has NaN'), 'InvalidValueError', /probs has NaN/],
    [new errors.StoreCorruptionError('/s.sptk', 120, 'payload checksum mismatch', 'v_1'), 'StoreCorruptionError', /\/s.sptk: corrupt teacher store at byte 120 \(record 'v_1'\)/],
    [new errors.StoreMismatchError('/s.sptk', 'candidates', 5, 4), 'StoreMismatchError', /'candidates' is 4, expected 5/],
    [new errors.DuplicateKeyError('/s.sptk', 'v_1'), 'DuplicateKeyError', /key 'v_1' is already stored/],
    [new errors.CacheMissError('/s.sptk', 'v_1'), 'CacheMissError', /no teacher probabilities for key 'v_1'/],
    [new errors.StoreStateError('/s.sptk', 'closed'), 'StoreStateError', /closed/],
    [new errors.AdapterError('onnx', 'bad'), 'AdapterError', /onnx: bad/],
  ];
  it('have names, messages naming the file/field, cause, and cross-copy guards', () => {
    const cause = new Error('root');
    for (const [error, name, message] of cases) {
      expect(error.name).toBe(name);
      expect(error.message).toMatch(message);
      expect(errors.TeacherError.isInstance(error)).toBe(true);
      const ctor = (errors as unknown as Record<string, { isInstance(e: unknown): boolean }>)[name]!;
      expect(ctor.isInstance(error)).toBe(true);
      expect(ctor.isInstance(new Error('x'))).toBe(false);
      // guard works on an object from "another copy" (same Symbol.for marker)
      const foreign = Object.assign(Object.create(null), { [Symbol.for(`@sparc-vqa/teacher/${name}`)]: true });
      expect(ctor.isInstance(foreign)).toBe(true);
    }
    expect(errors.ShapeError.isInstance(cases[1]![0])).toBe(false);
    expect(new errors.AdapterError('a', 'b', { cause }).cause).toBe(cause);
  });
});
