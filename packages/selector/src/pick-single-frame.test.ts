import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak, mulberry32 } from '@sparc-vqa/testing';
import { ConfigError, ShapeError, ValueError } from './errors.js';
import { pickSingleFrame } from './pick-single-frame.js';
import type { PickSingleFrameInputs } from './pick-single-frame.js';
import type { PickSingleFrameOptions } from './pick-single-frame-options.js';
import {
  PICK_SINGLE_FRAME_DEFAULTS,
  resolvePickSingleFrameOptions,
} from './pick-single-frame-options.js';
import { expectTypedError, take, throwing } from './test-utils.js';

/** An rng that replays `values` in order. */
function replay(values: number[]): () => number {
  let i = 0;
  return () => values[i++]!;
}

function pick(valid: number[][], options: PickSingleFrameOptions, causal?: number[][]): { index: number[]; mask: number[][] } {
  const validMask = tf.tensor2d(valid);
  const causalMask = causal === undefined ? undefined : tf.tensor2d(causal);
  const out = pickSingleFrame({ validMask, ...(causalMask ? { causalMask } : {}) }, options);
  expect(out.index.dtype).toBe('int32');
  expect(out.mask.dtype).toBe('float32');
  tf.dispose([validMask, causalMask]);
  return { index: take<number[]>(out.index), mask: take<number[][]>(out.mask) };
}

describe('pickSingleFrame: one random frame per sample (paper 3.2.2)', () => {
  it('takes the floor(u * n)-th valid frame for the draws u of the rng (hand-derived)', () => {
    // sample 0: n = 4, u = 0 -> 0th valid frame = 0; sample 1: n = 2, u = 0.5 -> 1st = frame 1;
    // sample 2: valid frames {1, 3}, u = 0.99 -> floor(1.98) = 1st = frame 3.
    const out = pick(
      [
        [1, 1, 1, 1],
        [1, 1, 0, 0],
        [0, 1, 0, 1],
      ],
      { rng: replay([0, 0.5, 0.99]) },
    );
    expect(out.index).toEqual([0, 1, 3]);
    expect(out.mask).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('never runs past the last valid frame when u rounds up to 1 in float32', () => {
    expect(pick([[1, 1, 1, 0]], { rng: replay([1 - 1e-12]) }).index).toEqual([2]);
  });

  it('draws exactly B numbers, one per sample in order', () => {
    let calls = 0;
    const rng = () => {
      calls += 1;
      return 0.25;
    };
    pick([[1, 1], [1, 0], [0, 0]], { rng });
    expect(calls).toBe(3);
  });

  it('is reproducible from the seed, and different seeds give different picks', () => {
    const valid = Array.from({ length: 64 }, () => Array.from({ length: 16 }, () => 1));
    const a = pick(valid, { seed: 1234 });
    const b = pick(valid, { seed: 1234 });
    const c = pick(valid, { seed: 1235 });
    expect(a).toEqual(b);
    expect(a.index).not.toEqual(c.index);
  });

  it('with a seed, equals the same draws from mulberry32(seed) passed as rng', () => {
    const valid = Array.from({ length: 8 }, () => [1, 1, 1, 1, 1, 0]);
    expect(pick(valid, { seed: 99 })).toEqual(pick(valid, { rng: mulberry32(99) }));
  });

  it('picks every valid frame with uniform frequency and never a padding frame', () => {
    const samples = 4000;
    const valid = Array.from({ length: samples }, () => [1, 0, 1, 1, 0, 1, 1, 0]); // 5 valid of 8
    const { index, mask } = pick(valid, { seed: 7 });
    const counts = new Array<number>(8).fill(0);
    for (const i of index) counts[i]! += 1;
    for (const padding of [1, 4, 7]) expect(counts[padding]).toBe(0);
    const expected = samples / 5;
    const chiSquare = [0, 2, 3, 5, 6].reduce((s, k) => s + (counts[k]! - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(18.47); // chi-square, 4 degrees of freedom, p = 0.001
    expect(mask.every((row, b) => row.reduce((s, v) => s + v, 0) === 1 && row[index[b]!] === 1)).toBe(true);
  });

  it('always picks the only valid frame, and gives -1 and a zero row when there is none', () => {
    for (const seed of [0, 1, 2, 3, 4]) {
      const out = pick([[0, 0, 0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]], { seed });
      expect(out.index).toEqual([5, -1]);
      expect(out.mask[1]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    }
  });

  it('handles B = 1, T = 1 and bool masks', () => {
    expect(pick([[1]], { seed: 3 })).toEqual({ index: [0], mask: [[1]] });
    const validMask = tf.tensor2d([[0, 1, 1]], undefined, 'bool');
    const out = pickSingleFrame({ validMask }, { rng: replay([0.9]) });
    expect(take(out.index)).toEqual([2]);
    tf.dispose([validMask, out.mask]);
  });

  describe("among: 'causal' (beyond the paper)", () => {
    it('picks among the causal frames only', () => {
      // causal frames {1, 3}: u = 0.75 -> floor(1.5) = 1st -> frame 3; u = 0.2 -> 0th -> frame 1
      const out = pick([[1, 1, 1, 1], [1, 1, 1, 1]], { rng: replay([0.75, 0.2]), among: 'causal' }, [[0, 1, 0, 1], [0, 1, 0, 1]]);
      expect(out.index).toEqual([3, 1]);
    });
    it('falls back to the valid frames when a sample’s causal set (within its valid frames) is empty', () => {
      // sample 0: no causal frame -> valid {0, 1, 2}, u = 0.5 -> frame 1; sample 1: causal frame 2 is padding
      const out = pick([[1, 1, 1, 0], [1, 1, 0, 0]], { rng: replay([0.5, 0.99]), among: 'causal' }, [[0, 0, 0, 0], [0, 0, 1, 0]]);
      expect(out.index).toEqual([1, 1]);
    });
    it("is off by default ('valid'), ignoring a causalMask", () => {
      expect(PICK_SINGLE_FRAME_DEFAULTS).toEqual({ among: 'valid' });
      expect(pick([[1, 1, 1, 1]], { rng: replay([0]) }, [[0, 0, 0, 1]]).index).toEqual([0]);
    });
  });

  it('leaves no tensor behind', async () => {
    const validMask = tf.tensor2d([[1, 1, 0], [0, 0, 0]]);
    const causalMask = tf.tensor2d([[0, 1, 0], [0, 0, 0]]);
    await expectNoTensorLeak(() => pickSingleFrame({ validMask }, { seed: 1 }));
    await expectNoTensorLeak(() => pickSingleFrame({ validMask, causalMask }, { seed: 1, among: 'causal' }));
    tf.dispose([validMask, causalMask]);
  });
});

describe('pickSingleFrame: errors', () => {
  const run = (inputs: PickSingleFrameInputs, options: unknown) => () => pickSingleFrame(inputs, options as PickSingleFrameOptions);

  it('needs exactly one of seed and rng, a safe-integer seed and a function rng (ConfigError)', () => {
    const validMask = tf.ones([2, 3]) as tf.Tensor2D;
    expectTypedError(run({ validMask }, {}), ConfigError, { field: 'seed', constraint: 'exactly one of seed and rng' }, 'pickSingleFrame: options must contain exactly one of seed and rng, got neither');
    expectTypedError(run({ validMask }, { seed: 1, rng: Math.random }), ConfigError, { field: 'seed' }, 'pickSingleFrame: options must contain exactly one of seed and rng, got both');
    for (const seed of [1.5, '1', Number.NaN, 2 ** 60]) {
      expectTypedError(run({ validMask }, { seed }), ConfigError, { field: 'seed', value: seed, constraint: 'a safe integer' }, /^pickSingleFrame: seed must be a safe integer, got /);
    }
    expectTypedError(run({ validMask }, { rng: 0.5 }), ConfigError, { field: 'rng', value: 0.5 }, 'pickSingleFrame: rng must be a function returning numbers in [0, 1), got 0.5');
    expectTypedError(run({ validMask }, { seed: 1, among: 'all' }), ConfigError, { field: 'among', value: 'all' }, "pickSingleFrame: among must be one of 'valid', 'causal', got 'all'");
    expectTypedError(run({ validMask }, { seed: 1, amongst: 'valid' }), ConfigError, { field: 'amongst' }, /^pickSingleFrame: amongst must be absent/);
    expectTypedError(run({ validMask }, { seed: 1, among: 'causal' }), ConfigError, { field: 'among', value: 'causal' }, "pickSingleFrame: among 'causal' needs inputs.causalMask, which was not given");
    validMask.dispose();
  });

  it('rejects rng values outside [0, 1) (ConfigError)', () => {
    const validMask = tf.ones([1, 3]) as tf.Tensor2D;
    for (const u of [1, -0.1, Number.NaN]) {
      expectTypedError(run({ validMask }, { rng: () => u }), ConfigError, { field: 'rng', value: u }, `pickSingleFrame: rng must be a function returning numbers in [0, 1), got ${u}`);
    }
    validMask.dispose();
  });

  it('rejects masks of the wrong shape or values (ShapeError, ValueError)', () => {
    const rank1 = tf.ones([3]);
    expectTypedError(run({ validMask: rank1 as never }, { seed: 1 }), ShapeError, { argument: 'validMask', actual: [3] }, 'pickSingleFrame: validMask must be [B, T] (rank 2), got [3]');
    const validMask = tf.ones([2, 3]) as tf.Tensor2D;
    const causalMask = tf.ones([2, 4]) as tf.Tensor2D;
    expectTypedError(
      run({ validMask, causalMask }, { seed: 1, among: 'causal' }),
      ShapeError,
      { argument: 'causalMask', expected: '[B, T] with B = 2, T = 3 from validMask', actual: [2, 4] },
      'pickSingleFrame: causalMask must be [B, T] with B = 2, T = 3 from validMask, got [2, 4]',
    );
    const twos = tf.tensor2d([[1, 2]]);
    expectTypedError(run({ validMask: twos }, { seed: 1 }), ValueError, { field: 'validMask', value: 2 }, 'pickSingleFrame: validMask must be 0 or 1, got 2 at index [0, 1]');
    expectTypedError(run(undefined as never, { seed: 1 }), ValueError, { field: 'inputs' }, /^pickSingleFrame: inputs must be an object/);
    tf.dispose([rank1, validMask, causalMask, twos]);
  });

  it('creates no tensors on error paths', async () => {
    const validMask = tf.ones([2, 3]) as tf.Tensor2D;
    const bad = tf.tensor2d([[1, 3, 0]]);
    await expectNoTensorLeak(throwing(() => pickSingleFrame({ validMask }, { rng: () => 1 })));
    await expectNoTensorLeak(throwing(() => pickSingleFrame({ validMask: bad }, { seed: 0 })));
    await expectNoTensorLeak(throwing(run({ validMask }, {})));
    tf.dispose([validMask, bad]);
  });
});

describe('resolvePickSingleFrameOptions', () => {
  it('returns a new frozen object without touching the argument', () => {
    const options = Object.freeze({ seed: 7 });
    const resolved = resolvePickSingleFrameOptions(options);
    expect(resolved).toEqual({ among: 'valid', seed: 7, rng: null });
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(options).toEqual({ seed: 7 });
    const rng = () => 0.5;
    expect(resolvePickSingleFrameOptions({ rng, among: 'causal' })).toEqual({ among: 'causal', seed: null, rng });
    expectTypedError(() => resolvePickSingleFrameOptions({} as never), ConfigError, { field: 'seed' }, 'resolvePickSingleFrameOptions: options must contain exactly one of seed and rng, got neither');
  });
});
