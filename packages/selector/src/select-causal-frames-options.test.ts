import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import {
  FALLBACK_MODES,
  SELECT_CAUSAL_FRAMES_DEFAULTS,
  resolveSelectCausalFramesOptions,
} from './select-causal-frames-options.js';
import { expectTypedError } from './test-utils.js';

describe('resolveSelectCausalFramesOptions', () => {
  it('has frozen defaults: t = 0.5, argmax fallback, no top-up, no cap, values checked', () => {
    expect(SELECT_CAUSAL_FRAMES_DEFAULTS).toEqual({ threshold: 0.5, fallback: 'argmax', minFrames: 0, maxFrames: null, checkValues: true });
    expect(Object.isFrozen(SELECT_CAUSAL_FRAMES_DEFAULTS)).toBe(true);
    expect(FALLBACK_MODES).toEqual(['argmax', 'all', 'skip']);
    expect(Object.isFrozen(FALLBACK_MODES)).toBe(true);
  });

  it('fills in defaults and returns a new frozen object without touching the argument', () => {
    const partial = Object.freeze({ threshold: 0.3, maxFrames: 4 });
    const resolved = resolveSelectCausalFramesOptions(partial);
    expect(resolved).toEqual({ threshold: 0.3, fallback: 'argmax', minFrames: 0, maxFrames: 4, checkValues: true });
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(resolved).not.toBe(partial);
    expect(partial).toEqual({ threshold: 0.3, maxFrames: 4 });
    expect(resolveSelectCausalFramesOptions()).toEqual(SELECT_CAUSAL_FRAMES_DEFAULTS);
    expect(resolveSelectCausalFramesOptions()).not.toBe(SELECT_CAUSAL_FRAMES_DEFAULTS);
  });

  it('accepts the edges t = 0 and t = 1, minFrames = maxFrames, and an explicit null maxFrames', () => {
    expect(resolveSelectCausalFramesOptions({ threshold: 0 }).threshold).toBe(0);
    expect(resolveSelectCausalFramesOptions({ threshold: 1 }).threshold).toBe(1);
    expect(resolveSelectCausalFramesOptions({ minFrames: 2, maxFrames: 2 })).toMatchObject({ minFrames: 2, maxFrames: 2 });
    expect(resolveSelectCausalFramesOptions({ maxFrames: null }).maxFrames).toBeNull();
  });

  it('names itself in its errors', () => {
    expectTypedError(
      () => resolveSelectCausalFramesOptions({ threshold: Number.NaN }),
      ConfigError,
      { field: 'threshold', constraint: 'a number in [0, 1]' },
      'resolveSelectCausalFramesOptions: threshold must be a number in [0, 1], got NaN',
    );
    expectTypedError(
      () => resolveSelectCausalFramesOptions({ fallback: 'first' as never }),
      ConfigError,
      { field: 'fallback', value: 'first', constraint: "one of 'argmax', 'all', 'skip'" },
      "resolveSelectCausalFramesOptions: fallback must be one of 'argmax', 'all', 'skip', got 'first'",
    );
    expectTypedError(
      () => resolveSelectCausalFramesOptions({ minFrames: 5, maxFrames: 1 }),
      ConfigError,
      { field: 'minFrames', value: 5 },
      'resolveSelectCausalFramesOptions: minFrames must be <= maxFrames (1), got 5',
    );
    expectTypedError(
      () => resolveSelectCausalFramesOptions({ maxFrames: -2 }),
      ConfigError,
      { field: 'maxFrames', value: -2, constraint: 'an integer >= 1' },
      'resolveSelectCausalFramesOptions: maxFrames must be an integer >= 1, got -2',
    );
    expectTypedError(
      () => resolveSelectCausalFramesOptions([] as never),
      ConfigError,
      { field: 'options' },
      'resolveSelectCausalFramesOptions: options must be an object, got []',
    );
  });
});
