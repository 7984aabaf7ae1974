import * as tf from '@tensorflow/tfjs-core';
import {
  expectArrayClose,
  expectGradientMatchesFiniteDifference,
  expectNoTensorLeak,
  expectTensorClose,
  mulberry32,
} from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import { ConfigError, ShapeError, ValueError } from './errors.js';
import { guidedLoss } from './guided-loss.js';
import { FIXTURE, fixtureCase, fixtureTensors, logSumExp, softmax, take, thrown, valueAndGradients } from './test-utils.js';

// Reference values are float64 (PyTorch); tfjs computes in float32 on float32-exact inputs.
const TOL = { rtol: 1e-5, atol: 1e-6 };

describe('guidedLoss: PyTorch float64 reference (fixture)', () => {
  const cases = [
    ['guided_mean', {}, false],
    ['guided_sum', { reduction: 'sum' as const }, false],
    ['guided_weighted_mean', {}, true],
  ] as const;
  for (const [name, options, weighted] of cases) {
    it(`${name}: value and gradient w.r.t. logits`, () => {
      const t = fixtureTensors();
      const ref = fixtureCase(name);
      const { value, grads } = valueAndGradients(
        (logits) =>
          guidedLoss(
            { logits: logits as tf.Tensor2D, answers: t.answers, ...(weighted ? { sampleWeights: t.sampleWeights } : {}) },
            options,
          ),
        [t.guidedLogits],
      );
      expectArrayClose([value], [ref.value as number], TOL);
      expectArrayClose(grads[0]!, ref.grad_guidedLogits!, TOL);
      tf.dispose(Object.values(t));
    });
  }

  it("guided_none: per-sample values with reduction 'none'", () => {
    const t = fixtureTensors();
    const out = guidedLoss({ logits: t.guidedLogits, answers: t.answers }, { reduction: 'none' });
    expect(out.shape).toEqual([6]);
    expectTensorClose(out, fixtureCase('guided_none').value as number[], TOL);
    tf.dispose([out, ...Object.values(t)]);
  });

  it("weighted 'sum' and 'none' multiply the per-sample terms by the weights", () => {
    const t = fixtureTensors();
    const perSample = fixtureCase('guided_none').value as number[];
    const w = FIXTURE.inputs.sampleWeights;
    const expected = perSample.map((v, i) => v * w[i]!);
    const none = guidedLoss({ logits: t.guidedLogits, answers: t.answers, sampleWeights: t.sampleWeights }, { reduction: 'none' });
    expectTensorClose(none, expected, TOL);
    const sum = guidedLoss({ logits: t.guidedLogits, answers: t.answers, sampleWeights: t.sampleWeights }, { reduction: 'sum' });
    expectTensorClose(sum, [expected.reduce((a, b) => a + b, 0)], TOL);
    tf.dispose([none, sum, ...Object.values(t)]);
  });
});

describe('guidedLoss: hand-derived cases', () => {
  it('uniform logits give exactly log C, with gradient (1/C - onehot) / B', () => {
    const logits = tf.zeros([3, 5]) as tf.Tensor2D;
    const answers = tf.tensor1d([0, 2, 4], 'int32');
    const { value, grads } = valueAndGradients((x) => guidedLoss({ logits: x as tf.Tensor2D, answers }), [logits]);
    expect(value).toBeCloseTo(Math.log(5), 6);
    const expected = [0, 2, 4].map((a) => [0, 1, 2, 3, 4].map((c) => (0.2 - (c === a ? 1 : 0)) / 3));
    expectArrayClose(grads[0]!, expected, { rtol: 1e-6, atol: 1e-7 });
    tf.dispose([logits, answers]);
  });

  it('all wrong by a margin of 10 gives 10 + log(1 + (C-1) e^-10) per sample (tfjs "all wrong")', () => {
    const logits = tf.tensor2d([
      [10, 0, 0],
      [0, 10, 0],
    ]);
    const answers = tf.tensor1d([1, 2], 'int32');
    const expected = 10 + Math.log(1 + 2 * Math.exp(-10));
    expectTensorClose(guidedLoss({ logits, answers }, { reduction: 'none' }), [expected, expected], { rtol: 1e-6, atol: 0 });
    tf.dispose([logits, answers]);
  });

  it('one-hot soft targets equal int32 answers; mixed targets are the lambda-mix of the two CEs', () => {
    const rng = mulberry32(7);
    const rows = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => 4 * rng() - 2));
    const logits = tf.tensor2d(rows);
    const a = [1, 0, 3, 4];
    const b = [2, 2, 0, 4];
    const lambda = 0.3;
    const hardA = tf.tensor1d(a, 'int32');
    const soft = tf.tensor2d(a.map((ai, i) => [0, 1, 2, 3, 4].map((c) => lambda * (c === ai ? 1 : 0) + (1 - lambda) * (c === b[i] ? 1 : 0))));
    const oneHotA = tf.cast(tf.oneHot(hardA, 5), 'float32') as tf.Tensor2D;
    expectArrayClose(
      take(guidedLoss({ logits, answers: oneHotA }, { reduction: 'none' })),
      take(guidedLoss({ logits, answers: hardA }, { reduction: 'none' })),
      { rtol: 1e-6, atol: 1e-6 },
    );
    const expected = rows.map((r, i) => logSumExp(r) - lambda * r[a[i]!]! - (1 - lambda) * r[b[i]!]!);
    expectArrayClose(take(guidedLoss({ logits, answers: soft }, { reduction: 'none' })), expected, { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([logits, hardA, soft, oneHotA]);
  });

  it('agrees with tf.losses.softmaxCrossEntropy on random data', () => {
    const rng = mulberry32(11);
    const logits = tf.tensor2d(Array.from({ length: 8 }, () => Array.from({ length: 5 }, () => 6 * rng() - 3)));
    const answers = tf.tensor1d([0, 1, 2, 3, 4, 0, 1, 2], 'int32');
    const onehot = tf.oneHot(answers, 5);
    const reference = tf.losses.softmaxCrossEntropy(onehot, logits);
    expectTensorClose(guidedLoss({ logits, answers }), reference, { rtol: 1e-6, atol: 1e-6 });
    tf.dispose([logits, answers, onehot, reference]);
  });

  it('logits of magnitude 1e4: CE 20000 (fixture "extreme") with a finite, exact gradient', () => {
    const logits = tf.tensor2d(FIXTURE.extreme.logits);
    const answers = tf.tensor1d(FIXTURE.extreme.answers, 'int32');
    const { value, grads } = valueAndGradients((x) => guidedLoss({ logits: x as tf.Tensor2D, answers }), [logits]);
    expect(value).toBe(FIXTURE.extreme.ce);
    // softmax(z) - onehot(1) = [1, -1, 0, 0, 0]: exp(-5000) and smaller underflow to 0.
    expect(Array.from(grads[0]!)).toEqual([1, -1, 0, 0, 0]);
    tf.dispose([logits, answers]);
  });

  it('-Infinity logits on non-target candidates (masked candidates) give finite values and gradients', () => {
    const logits = tf.tensor2d([[1, -Infinity, 0, -Infinity]]);
    const answers = tf.tensor1d([0], 'int32');
    const { value, grads } = valueAndGradients((x) => guidedLoss({ logits: x as tf.Tensor2D, answers }), [logits]);
    expect(value).toBeCloseTo(Math.log(1 + Math.exp(-1)), 6);
    const p = softmax([1, 0]);
    expectArrayClose(grads[0]!, [p[0]! - 1, 0, p[1]!, 0], { rtol: 1e-6, atol: 1e-7 });
    tf.dispose([logits, answers]);
  });
});

describe('guidedLoss: sample weights', () => {
  it('all weights 0: the mean is 0 (not NaN) and the gradient is exactly 0', () => {
    const logits = tf.tensor2d([
      [1, 2, 3],
      [0, -1, 5],
    ]);
    const answers = tf.tensor1d([0, 1], 'int32');
    const sampleWeights = tf.zeros([2]) as tf.Tensor1D;
    const { value, grads } = valueAndGradients((x) => guidedLoss({ logits: x as tf.Tensor2D, answers, sampleWeights }), [logits]);
    expect(value).toBe(0);
    expect(Array.from(grads[0]!).every((g) => g === 0)).toBe(true);
    tf.dispose([logits, answers, sampleWeights]);
  });

  it('a weight-0 row is never read: NaN logits, NaN soft targets there leave value and other gradients intact', () => {
    const logits = tf.tensor2d([
      [1, 2, 3],
      [NaN, NaN, NaN],
    ]);
    const targets = tf.tensor2d([
      [0, 0, 1],
      [NaN, 0.5, 0.5],
    ]);
    const sampleWeights = tf.tensor1d([2, 0]);
    const { value, grads } = valueAndGradients(
      (x) => guidedLoss({ logits: x as tf.Tensor2D, answers: targets, sampleWeights }),
      [logits],
    );
    expect(value).toBeCloseTo(logSumExp([1, 2, 3]) - 3, 5);
    const p = softmax([1, 2, 3]);
    expectArrayClose(grads[0]!, [p[0]!, p[1]!, p[2]! - 1, 0, 0, 0], { rtol: 1e-5, atol: 1e-7 });
    tf.dispose([logits, targets, sampleWeights]);
  });

  it('an out-of-range answer on a weight-0 row is allowed', () => {
    const logits = tf.zeros([2, 4]) as tf.Tensor2D;
    const answers = tf.tensor1d([1, 99], 'int32');
    const sampleWeights = tf.tensor1d([1, 0], 'int32');
    expectTensorClose(guidedLoss({ logits, answers, sampleWeights }), [Math.log(4)], TOL);
    tf.dispose([logits, answers, sampleWeights]);
  });

  it('int32 and bool weights act like the float32 ones', () => {
    const t = fixtureTensors();
    const mask = [1, 0, 1, 1, 0, 1];
    const asFloat = tf.tensor1d(mask);
    const asInt = tf.tensor1d(mask, 'int32');
    const asBool = tf.tensor1d(mask, 'bool');
    const expected = take(guidedLoss({ logits: t.guidedLogits, answers: t.answers, sampleWeights: asFloat }));
    const perSample = fixtureCase('guided_none').value as number[];
    expectArrayClose(expected, [(perSample[0]! + perSample[2]! + perSample[3]! + perSample[5]!) / 4], TOL);
    expect(take(guidedLoss({ logits: t.guidedLogits, answers: t.answers, sampleWeights: asInt }))).toEqual(expected);
    expect(take(guidedLoss({ logits: t.guidedLogits, answers: t.answers, sampleWeights: asBool }))).toEqual(expected);
    tf.dispose([asFloat, asInt, asBool, ...Object.values(t)]);
  });

  it('an empty batch (B = 0): mean and sum 0, none []', () => {
    const logits = tf.zeros([0, 5]) as tf.Tensor2D;
    const answers = tf.zeros([0], 'int32') as tf.Tensor1D;
    const sampleWeights = tf.zeros([0]) as tf.Tensor1D;
    expect(take(guidedLoss({ logits, answers }))).toEqual([0]);
    expect(take(guidedLoss({ logits, answers }, { reduction: 'sum' }))).toEqual([0]);
    expect(take(guidedLoss({ logits, answers, sampleWeights }))).toEqual([0]);
    expect(take(guidedLoss({ logits, answers, sampleWeights }, { reduction: 'sum' }))).toEqual([0]);
    const none = guidedLoss({ logits, answers }, { reduction: 'none' });
    expect(none.shape).toEqual([0]);
    tf.dispose([none, logits, answers, sampleWeights]);
  });
});

describe('guidedLoss: finite-difference gradients', () => {
  const rng = mulberry32(3);
  const logitsRows = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => 3 * rng() - 1.5));

  it('int32 answers', () => {
    const x = tf.tensor2d(logitsRows);
    const answers = tf.tensor1d([3, 0, 1], 'int32');
    expectGradientMatchesFiniteDifference((z) => guidedLoss({ logits: z as tf.Tensor2D, answers }), x);
    tf.dispose([x, answers]);
  });

  it('soft targets with sample weights, sum reduction', () => {
    const x = tf.tensor2d(logitsRows);
    const answers = tf.tensor2d([
      [0.1, 0.2, 0.3, 0.4],
      [0.7, 0, 0.3, 0],
      [0.25, 0.25, 0.25, 0.25],
    ]);
    const sampleWeights = tf.tensor1d([0.5, 2, 0]);
    expectGradientMatchesFiniteDifference(
      (z) => guidedLoss({ logits: z as tf.Tensor2D, answers, sampleWeights }, { reduction: 'sum' }),
      x,
    );
    tf.dispose([x, answers, sampleWeights]);
  });
});

describe('guidedLoss: no leaked tensors', () => {
  it.each(['mean', 'sum', 'none'] as const)('reduction %s, with and without weights', async (reduction) => {
    const t = fixtureTensors();
    await expectNoTensorLeak(() => guidedLoss({ logits: t.guidedLogits, answers: t.answers }, { reduction }));
    await expectNoTensorLeak(() =>
      guidedLoss({ logits: t.guidedLogits, answers: t.answers, sampleWeights: t.sampleWeights }, { reduction }),
    );
    await expectNoTensorLeak(() => tf.grad((x: tf.Tensor) => guidedLoss({ logits: x as tf.Tensor2D, answers: t.answers }))(t.guidedLogits));
    tf.dispose(Object.values(t));
  });

  it('a throw leaks nothing (shape, value and config errors)', async () => {
    const t = fixtureTensors();
    const bad = tf.tensor1d([0, 1, 2, 3, 4, 5], 'int32');
    await expectNoTensorLeak(() => {
      expect(() => guidedLoss({ logits: t.guidedLogits, answers: bad })).toThrow(ValueError);
      expect(() => guidedLoss({ logits: t.guidedLogits, answers: t.sampleWeights })).toThrow(ValueError);
      expect(() => guidedLoss({ logits: t.answers as never, answers: t.answers })).toThrow(ShapeError);
      expect(() => guidedLoss({ logits: t.guidedLogits, answers: t.answers }, { reduction: 'avg' as never })).toThrow(ConfigError);
    });
    tf.dispose([bad, ...Object.values(t)]);
  });
});

describe('guidedLoss: typed errors', () => {
  const logits = (): tf.Tensor2D => tf.zeros([8, 5]) as tf.Tensor2D;
  const answers = (n = 8): tf.Tensor1D => tf.zeros([n], 'int32') as tf.Tensor1D;

  it('ShapeError: logits not [B, C]', () => {
    const x = tf.zeros([8, 5, 2]);
    const a = answers();
    const e = thrown(() => guidedLoss({ logits: x as never, answers: a }));
    expect(ShapeError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ name: 'ShapeError', argument: 'logits', expected: '[B, C] (rank 2, C >= 1)', actual: [8, 5, 2] });
    expect((e as Error).message).toBe('guidedLoss: logits must be [B, C] (rank 2, C >= 1), got [8, 5, 2]');
    tf.dispose([x, a]);
  });

  it('ShapeError: answers with another B', () => {
    const x = logits();
    const a = answers(7);
    const e = thrown(() => guidedLoss({ logits: x, answers: a }));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e).toMatchObject({ argument: 'answers', actual: [7] });
    expect((e as Error).message).toBe('guidedLoss: answers must be [B] = [8] matching logits [8, 5], got [7]');
    tf.dispose([x, a]);
  });

  it('ShapeError: soft targets with another C, and answers of rank 3', () => {
    const x = logits();
    const soft = tf.fill([8, 4], 0.25);
    const r3 = tf.zeros([8, 5, 1]);
    const e = thrown(() => guidedLoss({ logits: x, answers: soft as tf.Tensor2D }));
    expect(e).toMatchObject({ name: 'ShapeError', argument: 'answers', expected: '[B, C] = [8, 5] soft targets matching logits', actual: [8, 4] });
    const e3 = thrown(() => guidedLoss({ logits: x, answers: r3 as never }));
    expect((e3 as Error).message).toBe('guidedLoss: answers must be int32 [B] or soft targets [B, C] matching logits [8, 5], got [8, 5, 1]');
    tf.dispose([x, soft, r3]);
  });

  it('ValueError: float [B] answers (non-integer dtype) and int32 logits', () => {
    const x = logits();
    const a = tf.zeros([8]) as tf.Tensor1D;
    const e = thrown(() => guidedLoss({ logits: x, answers: a }));
    expect(ValueError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ name: 'ValueError', field: 'answers.dtype', value: 'float32' });
    expect((e as Error).message).toMatch(/^guidedLoss: answers\.dtype must be 'int32' for \[B\] answer indices/);
    const xi = tf.zeros([8, 5], 'int32');
    const ai = answers();
    expect(thrown(() => guidedLoss({ logits: xi as tf.Tensor2D, answers: ai }))).toMatchObject({ field: 'logits.dtype', value: 'int32' });
    tf.dispose([x, a, xi, ai]);
  });

  it('ValueError: answers outside [0, C) (7 and -1)', () => {
    const x = logits();
    const high = tf.tensor1d([0, 1, 2, 7, 0, 0, 0, 0], 'int32');
    const low = tf.tensor1d([0, 1, 2, 3, 0, 0, -1, 0], 'int32');
    const e = thrown(() => guidedLoss({ logits: x, answers: high }));
    expect(e).toMatchObject({ field: 'answers', value: 7, constraint: 'an integer in [0, 5) (C = 5 candidates)' });
    expect((e as Error).message).toBe('guidedLoss: answers must be an integer in [0, 5) (C = 5 candidates), got 7 at index 3');
    expect(thrown(() => guidedLoss({ logits: x, answers: low }))).toMatchObject({ field: 'answers', value: -1 });
    // checkValues: false skips the device read and the check.
    expect(() => guidedLoss({ logits: x, answers: high }, { checkValues: false }).dispose()).not.toThrow();
    tf.dispose([x, high, low]);
  });

  it('ValueError: soft targets that are not distributions (sum, negative, NaN)', () => {
    const x = tf.zeros([2, 3]) as tf.Tensor2D;
    const sum = tf.tensor2d([
      [0.2, 0.3, 0.5],
      [0.5, 0.5, 0.5],
    ]);
    const neg = tf.tensor2d([
      [1.5, -0.5, 0],
      [0, 0, 1],
    ]);
    const nan = tf.tensor2d([
      [1, 0, 0],
      [NaN, 0, 1],
    ]);
    const e = thrown(() => guidedLoss({ logits: x, answers: sum }));
    expect(e).toMatchObject({ name: 'ValueError', field: 'answers', constraint: 'a probability distribution per row (row sum 1 ± 0.001)' });
    expect((e as ValueError).value).toBeCloseTo(1.5, 6);
    expect((e as Error).message).toMatch(/^guidedLoss: answers must be a probability distribution per row \(row sum 1 ± 0\.001\), got 1\.5\d* as the sum of row 1$/);
    expect((thrown(() => guidedLoss({ logits: x, answers: neg })) as Error).message).toBe(
      'guidedLoss: answers must be a probability distribution per row (finite entries >= 0), got -0.5 at index [0, 1]',
    );
    expect(thrown(() => guidedLoss({ logits: x, answers: nan }))).toMatchObject({ field: 'answers', value: NaN });
    tf.dispose([x, sum, neg, nan]);
  });

  it('ShapeError / ValueError: sample weights of the wrong shape, dtype, sign or finiteness', () => {
    const x = logits();
    const a = answers();
    const short = tf.ones([7]) as tf.Tensor1D;
    const neg = tf.tensor1d([1, 1, 1, -0.5, 1, 1, 1, 1]);
    const inf = tf.tensor1d([1, 1, 1, 1, 1, Infinity, 1, 1]);
    const str = tf.tensor1d(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 'string');
    expect((thrown(() => guidedLoss({ logits: x, answers: a, sampleWeights: short })) as Error).message).toBe(
      'guidedLoss: sampleWeights must be [B] = [8] matching logits [8, 5], got [7]',
    );
    const e = thrown(() => guidedLoss({ logits: x, answers: a, sampleWeights: neg }));
    expect(e).toMatchObject({ name: 'ValueError', field: 'sampleWeights', value: -0.5, constraint: 'finite and >= 0' });
    expect((e as Error).message).toBe('guidedLoss: sampleWeights must be finite and >= 0, got -0.5 at index 3');
    expect(thrown(() => guidedLoss({ logits: x, answers: a, sampleWeights: inf }))).toMatchObject({ value: Infinity });
    expect(thrown(() => guidedLoss({ logits: x, answers: a, sampleWeights: str as never }))).toMatchObject({
      field: 'sampleWeights.dtype',
      value: 'string',
    });
    tf.dispose([x, a, short, neg, inf, str]);
  });

  it('ValueError: inputs not an object, missing or disposed tensors', () => {
    const x = logits();
    const a = answers();
    expect(thrown(() => guidedLoss(x as never))).toMatchObject({ name: 'ValueError', field: 'inputs' });
    expect(thrown(() => guidedLoss({ logits: x } as never))).toMatchObject({ field: 'answers', value: undefined });
    expect((thrown(() => guidedLoss({ answers: a } as never)) as Error).message).toBe(
      'guidedLoss: logits must be a float32 [B, C] tf.Tensor, got undefined',
    );
    const gone = tf.zeros([8, 5]) as tf.Tensor2D;
    gone.dispose();
    expect(thrown(() => guidedLoss({ logits: gone, answers: a }))).toMatchObject({ field: 'logits', value: 'a disposed tensor' });
    tf.dispose([x, a]);
  });

  it('ConfigError: unknown reduction, non-boolean checkValues, unknown option', () => {
    const x = logits();
    const a = answers();
    const e = thrown(() => guidedLoss({ logits: x, answers: a }, { reduction: 'avg' as never }));
    expect(ConfigError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ name: 'ConfigError', field: 'reduction', value: 'avg', constraint: "one of 'mean', 'sum', 'none'" });
    expect((e as Error).message).toBe("guidedLoss: reduction must be one of 'mean', 'sum', 'none', got 'avg'");
    expect(thrown(() => guidedLoss({ logits: x, answers: a }, { checkValues: 1 as never }))).toMatchObject({ field: 'checkValues' });
    expect(thrown(() => guidedLoss({ logits: x, answers: a }, { temperature: 2 } as never))).toMatchObject({
      field: 'temperature',
      constraint: 'a known option (one of reduction, checkValues)',
    });
    tf.dispose([x, a]);
  });
});
