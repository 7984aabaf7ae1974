import * as tf from '@tensorflow/tfjs-core';
import {
  expectArrayClose,
  expectGradientMatchesFiniteDifference,
  expectNoTensorLeak,
  expectTensorClose,
  mulberry32,
} from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import { consistencyLoss } from './consistency-loss.js';
import { ConfigError, ShapeError, ValueError } from './errors.js';
import type { ConsistencyLossOptions } from './consistency-loss-options.js';
import { FIXTURE, fixtureCase, fixtureTensors, softmax, take, thrown, valueAndGradients } from './test-utils.js';

const TOL = { rtol: 1e-5, atol: 1e-6 };

describe('consistencyLoss: PyTorch float64 reference (fixture)', () => {
  const cases: ReadonlyArray<readonly [string, ConsistencyLossOptions, boolean]> = [
    ['consistency_mean', {}, false],
    ['consistency_reverse_mean', { direction: 'guided||whole' }, false],
    ['consistency_weighted_mean', {}, true],
  ];
  for (const [name, options, weighted] of cases) {
    it(`${name}: value and gradients w.r.t. wholeLogits and guidedLogits`, () => {
      const t = fixtureTensors();
      const ref = fixtureCase(name);
      const { value, grads } = valueAndGradients(
        (whole, guided) =>
          consistencyLoss(
            {
              wholeLogits: whole as tf.Tensor2D,
              guidedLogits: guided as tf.Tensor2D,
              ...(weighted ? { sampleWeights: t.sampleWeights } : {}),
            },
            options,
          ) as tf.Scalar,
        [t.wholeLogits, t.guidedLogits],
      );
      expectArrayClose([value], [ref.value as number], TOL);
      expectArrayClose(grads[0]!, ref.grad_wholeLogits!, TOL);
      expectArrayClose(grads[1]!, ref.grad_guidedLogits!, TOL);
      tf.dispose(Object.values(t));
    });
  }

  it("consistency_none: per-sample values with reduction 'none'", () => {
    const t = fixtureTensors();
    const out = consistencyLoss({ wholeLogits: t.wholeLogits, guidedLogits: t.guidedLogits }, { reduction: 'none' });
    expect(out.shape).toEqual([6]);
    expectTensorClose(out, fixtureCase('consistency_none').value as number[], TOL);
    const sum = consistencyLoss({ wholeLogits: t.wholeLogits, guidedLogits: t.guidedLogits }, { reduction: 'sum' });
    expectTensorClose(sum, [(fixtureCase('consistency_none').value as number[]).reduce((a, b) => a + b, 0)], TOL);
    tf.dispose([out, sum, ...Object.values(t)]);
  });
});

describe('consistencyLoss: hand-derived cases', () => {
  it('identical whole and guided logits give exactly 0, with zero gradients (to float32 rounding)', () => {
    const x = tf.tensor2d([
      [1, -2, 3],
      [0.5, 0.5, 9],
    ]);
    const { value, grads } = valueAndGradients(
      (a, b) => consistencyLoss({ wholeLogits: a as tf.Tensor2D, guidedLogits: b as tf.Tensor2D }),
      [x, x],
    );
    expect(value).toBe(0);
    // d/dguided = q - p is exactly 0; d/dwhole = p - sum(p) p is 0 up to the rounding of sum(p).
    expect(Array.from(grads[0]!).every((g) => Math.abs(g) < 1e-7)).toBe(true);
    expect(Array.from(grads[1]!).every((g) => Math.abs(g) < 1e-7)).toBe(true);
    x.dispose();
  });

  it('KL([0.75, 0.25] || [0.5, 0.5]) = 0.75 ln 1.5 + 0.25 ln 0.5, and the reverse direction', () => {
    const whole = tf.tensor2d([[Math.log(3), 0]]);
    const guided = tf.zeros([1, 2]) as tf.Tensor2D;
    const forward = 0.75 * Math.log(1.5) + 0.25 * Math.log(0.5);
    const reverse = 0.5 * Math.log(0.5 / 0.75) + 0.5 * Math.log(0.5 / 0.25);
    expectTensorClose(consistencyLoss({ wholeLogits: whole, guidedLogits: guided }), [forward], { rtol: 1e-6, atol: 1e-7 });
    expectTensorClose(
      consistencyLoss({ wholeLogits: whole, guidedLogits: guided }, { direction: 'guided||whole' }),
      [reverse],
      { rtol: 1e-6, atol: 1e-7 },
    );
    tf.dispose([whole, guided]);
  });

  it('gradient w.r.t. guidedLogits of KL(p || q) is q - p (per sample, mean over B)', () => {
    const rows = [
      [1, 2, 0.5],
      [-1, 0, 3],
    ];
    const whole = tf.tensor2d(rows);
    const guided = tf.tensor2d([
      [0, 0, 0],
      [2, -1, 1],
    ]);
    const { grads } = valueAndGradients(
      (g) => consistencyLoss({ wholeLogits: whole, guidedLogits: g as tf.Tensor2D }),
      [guided],
    );
    const q = [softmax([0, 0, 0]), softmax([2, -1, 1])];
    const p = rows.map((r) => softmax(r));
    expectArrayClose(grads[0]!, q.map((qi, i) => qi.map((v, c) => (v - p[i]![c]!) / 2)), { rtol: 1e-5, atol: 1e-7 });
    tf.dispose([whole, guided]);
  });

  it('logits of magnitude 1e4: KL(big || zero) = log 5 (fixture "extreme"); both directions finite with finite gradients', () => {
    const big = tf.tensor2d(FIXTURE.extreme.logits);
    const zero = tf.zeros([1, 5]) as tf.Tensor2D;
    for (const direction of ['whole||guided', 'guided||whole'] as const) {
      const { value, grads } = valueAndGradients(
        (a, b) => consistencyLoss({ wholeLogits: a as tf.Tensor2D, guidedLogits: b as tf.Tensor2D }, { direction }),
        [big, zero],
      );
      expect(Number.isFinite(value)).toBe(true);
      expect([...grads[0]!, ...grads[1]!].every(Number.isFinite)).toBe(true);
      if (direction === 'whole||guided') {
        expectArrayClose([value], [FIXTURE.extreme.kl_big_vs_zero], TOL);
        // d/dguided = q - p = 0.2 - onehot(0); d/dwhole = 0 (p is one-hot, no mass moves).
        expectArrayClose(grads[1]!, [-0.8, 0.2, 0.2, 0.2, 0.2], { rtol: 1e-6, atol: 1e-7 });
        expect(Array.from(grads[0]!)).toEqual([0, 0, 0, 0, 0]);
      } else {
        // KL(uniform || p_big) = -log 5 - mean_c log_softmax(big)_c = -log 5 + 10000 (float64).
        expectArrayClose([value], [10000 - Math.log(5)], { rtol: 1e-6, atol: 0 });
      }
    }
    tf.dispose([big, zero]);
  });
});

describe('consistencyLoss: stopGradient', () => {
  it("default direction: zero gradient w.r.t. wholeLogits, unchanged value and guided gradient", () => {
    const t = fixtureTensors();
    const ref = fixtureCase('consistency_mean');
    const { value, grads } = valueAndGradients(
      (a, b) => consistencyLoss({ wholeLogits: a as tf.Tensor2D, guidedLogits: b as tf.Tensor2D }, { stopGradient: true }),
      [t.wholeLogits, t.guidedLogits],
    );
    expectArrayClose([value], [ref.value as number], TOL);
    expect(Array.from(grads[0]!).every((g) => g === 0)).toBe(true);
    expectArrayClose(grads[1]!, ref.grad_guidedLogits!, TOL);
    tf.dispose(Object.values(t));
  });

  it("'guided||whole': the stopped (target) side is guidedLogits", () => {
    const t = fixtureTensors();
    const ref = fixtureCase('consistency_reverse_mean');
    const { value, grads } = valueAndGradients(
      (a, b) =>
        consistencyLoss(
          { wholeLogits: a as tf.Tensor2D, guidedLogits: b as tf.Tensor2D },
          { stopGradient: true, direction: 'guided||whole' },
        ),
      [t.wholeLogits, t.guidedLogits],
    );
    expectArrayClose([value], [ref.value as number], TOL);
    expectArrayClose(grads[0]!, ref.grad_wholeLogits!, TOL);
    expect(Array.from(grads[1]!).every((g) => g === 0)).toBe(true);
    tf.dispose(Object.values(t));
  });
});

describe('consistencyLoss: sample weights', () => {
  it('all weights 0: mean 0, gradients exactly 0; NaN rows with weight 0 are not read', () => {
    const whole = tf.tensor2d([
      [1, 2, 3],
      [NaN, 0, 0],
    ]);
    const guided = tf.tensor2d([
      [0, 0, 0],
      [0, NaN, 0],
    ]);
    const zeros = tf.zeros([2]) as tf.Tensor1D;
    const { value, grads } = valueAndGradients(
      (a, b) => consistencyLoss({ wholeLogits: a as tf.Tensor2D, guidedLogits: b as tf.Tensor2D, sampleWeights: zeros }),
      [whole, guided],
    );
    expect(value).toBe(0);
    expect([...grads[0]!, ...grads[1]!].every((g) => g === 0)).toBe(true);
    const half = tf.tensor1d([1, 0]);
    const kept = valueAndGradients(
      (a, b) => consistencyLoss({ wholeLogits: a as tf.Tensor2D, guidedLogits: b as tf.Tensor2D, sampleWeights: half }),
      [whole, guided],
    );
    const p = softmax([1, 2, 3]);
    expectArrayClose([kept.value], [p.reduce((s, pc) => s + pc * Math.log(pc / (1 / 3)), 0)], { rtol: 1e-5, atol: 1e-7 });
    expect(kept.grads.flatMap((g) => Array.from(g)).every(Number.isFinite)).toBe(true);
    expect(Array.from(kept.grads[0]!.slice(3))).toEqual([0, 0, 0]);
    tf.dispose([whole, guided, zeros, half]);
  });
});

describe('consistencyLoss: finite-difference gradients', () => {
  const rng = mulberry32(5);
  const rand = (): number[][] => Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => 3 * rng() - 1.5));
  const wholeRows = rand();
  const guidedRows = rand();
  for (const direction of ['whole||guided', 'guided||whole'] as const) {
    it(`${direction}: w.r.t. wholeLogits and guidedLogits`, () => {
      const whole = tf.tensor2d(wholeRows);
      const guided = tf.tensor2d(guidedRows);
      const w = tf.tensor1d([1, 0.25, 2]);
      expectGradientMatchesFiniteDifference(
        (x) => consistencyLoss({ wholeLogits: x as tf.Tensor2D, guidedLogits: guided, sampleWeights: w }, { direction }),
        whole,
      );
      expectGradientMatchesFiniteDifference(
        (x) => consistencyLoss({ wholeLogits: whole, guidedLogits: x as tf.Tensor2D }, { direction, reduction: 'sum' }),
        guided,
      );
      tf.dispose([whole, guided, w]);
    });
  }
});

describe('consistencyLoss: no leaked tensors', () => {
  it.each(['mean', 'sum', 'none'] as const)('reduction %s, stopGradient on and off, with weights', async (reduction) => {
    const t = fixtureTensors();
    for (const stopGradient of [false, true]) {
      await expectNoTensorLeak(() =>
        consistencyLoss({ wholeLogits: t.wholeLogits, guidedLogits: t.guidedLogits }, { reduction, stopGradient }),
      );
      await expectNoTensorLeak(() =>
        consistencyLoss(
          { wholeLogits: t.wholeLogits, guidedLogits: t.guidedLogits, sampleWeights: t.sampleWeights },
          { reduction, stopGradient },
        ),
      );
      await expectNoTensorLeak(() =>
        tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          consistencyLoss({ wholeLogits: a as tf.Tensor2D, guidedLogits: b as tf.Tensor2D }, { stopGradient }),
        )([t.wholeLogits, t.guidedLogits]),
      );
    }
    tf.dispose(Object.values(t));
  });

  it('a throw leaks nothing', async () => {
    const t = fixtureTensors();
    const five = tf.slice(t.teacherProbs, 0, 5) as tf.Tensor2D;
    await expectNoTensorLeak(() => {
      expect(() => consistencyLoss({ wholeLogits: t.wholeLogits, guidedLogits: five })).toThrow(ShapeError);
      expect(() => consistencyLoss({ wholeLogits: t.wholeLogits, guidedLogits: t.guidedLogits }, { direction: 'x' as never })).toThrow(ConfigError);
    });
    tf.dispose([five, ...Object.values(t)]);
  });
});

describe('consistencyLoss: typed errors', () => {
  it('ShapeError: wholeLogits of rank 3; guidedLogits with another B or C', () => {
    const whole = tf.zeros([8, 5]) as tf.Tensor2D;
    const r3 = tf.zeros([8, 5, 1]);
    const otherB = tf.zeros([7, 5]) as tf.Tensor2D;
    const otherC = tf.zeros([8, 4]) as tf.Tensor2D;
    expect(thrown(() => consistencyLoss({ wholeLogits: r3 as never, guidedLogits: whole }))).toMatchObject({
      name: 'ShapeError',
      argument: 'wholeLogits',
      actual: [8, 5, 1],
    });
    const e = thrown(() => consistencyLoss({ wholeLogits: whole, guidedLogits: otherB }));
    expect(ShapeError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ argument: 'guidedLogits', expected: '[B, C] = [8, 5] matching wholeLogits', actual: [7, 5] });
    expect((e as Error).message).toBe('consistencyLoss: guidedLogits must be [B, C] = [8, 5] matching wholeLogits, got [7, 5]');
    expect(thrown(() => consistencyLoss({ wholeLogits: whole, guidedLogits: otherC }))).toMatchObject({ actual: [8, 4] });
    tf.dispose([whole, r3, otherB, otherC]);
  });

  it('ValueError: negative weights, missing guidedLogits, int32 logits', () => {
    const whole = tf.zeros([2, 3]) as tf.Tensor2D;
    const w = tf.tensor1d([1, -1]);
    const wi = tf.zeros([2, 3], 'int32');
    expect(thrown(() => consistencyLoss({ wholeLogits: whole, guidedLogits: whole, sampleWeights: w }))).toMatchObject({
      name: 'ValueError',
      field: 'sampleWeights',
      value: -1,
    });
    expect(() => consistencyLoss({ wholeLogits: whole, guidedLogits: whole, sampleWeights: w }, { checkValues: false }).dispose()).not.toThrow();
    expect(thrown(() => consistencyLoss({ wholeLogits: whole } as never))).toMatchObject({ field: 'guidedLogits', value: undefined });
    expect(thrown(() => consistencyLoss({ wholeLogits: whole, guidedLogits: wi as tf.Tensor2D }))).toMatchObject({
      field: 'guidedLogits.dtype',
      value: 'int32',
    });
    expect(ValueError.isInstance(thrown(() => consistencyLoss({ wholeLogits: whole } as never)))).toBe(true);
    tf.dispose([whole, w, wi]);
  });

  it('ConfigError: unknown direction, non-boolean stopGradient, unknown reduction', () => {
    const x = tf.zeros([2, 3]) as tf.Tensor2D;
    const e = thrown(() => consistencyLoss({ wholeLogits: x, guidedLogits: x }, { direction: 'whole|guided' as never }));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e).toMatchObject({ field: 'direction', value: 'whole|guided', constraint: "one of 'whole||guided', 'guided||whole'" });
    expect((e as Error).message).toBe("consistencyLoss: direction must be one of 'whole||guided', 'guided||whole', got 'whole|guided'");
    expect(thrown(() => consistencyLoss({ wholeLogits: x, guidedLogits: x }, { stopGradient: 'yes' as never }))).toMatchObject({
      name: 'ConfigError',
      field: 'stopGradient',
      constraint: 'a boolean',
    });
    expect(thrown(() => consistencyLoss({ wholeLogits: x, guidedLogits: x }, { reduction: 'batchmean' as never }))).toMatchObject({
      field: 'reduction',
    });
    x.dispose();
  });
});

describe('consistencyLoss: agrees with the per-sample definition on random data', () => {
  it('sum_c p (log p - log q) in float64', () => {
    const rng = mulberry32(21);
    const a = Array.from({ length: 5 }, () => Array.from({ length: 7 }, () => 8 * rng() - 4));
    const b = Array.from({ length: 5 }, () => Array.from({ length: 7 }, () => 8 * rng() - 4));
    const whole = tf.tensor2d(a);
    const guided = tf.tensor2d(b);
    const expected = a.map((row, i) => {
      const p = softmax(row);
      const q = softmax(b[i]!);
      return p.reduce((s, pc, c) => s + pc * Math.log(pc / q[c]!), 0);
    });
    expectArrayClose(take(consistencyLoss({ wholeLogits: whole, guidedLogits: guided }, { reduction: 'none' })), expected, TOL);
    tf.dispose([whole, guided]);
  });
});
