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
import { spatialDistillationLoss } from './spatial-distillation-loss.js';
import type { SpatialDistillationLossOptions } from './spatial-distillation-loss-options.js';
import { FIXTURE, fixtureCase, fixtureTensors, softmax, take, thrown, valueAndGradients } from './test-utils.js';

const TOL = { rtol: 1e-5, atol: 1e-6 };

describe('spatialDistillationLoss: PyTorch float64 reference (fixture)', () => {
  const cases: ReadonlyArray<readonly [string, SpatialDistillationLossOptions]> = [
    ['spatial_mean', {}],
    ['spatial_T2_mean', { temperature: 2 }],
    ['spatial_sum', { reduction: 'sum' }],
  ];
  for (const [name, options] of cases) {
    it(`${name}: value and gradient w.r.t. logits`, () => {
      const t = fixtureTensors();
      const ref = fixtureCase(name);
      const { value, grads } = valueAndGradients(
        (x) => spatialDistillationLoss({ logits: x as tf.Tensor2D, teacherProbs: t.teacherProbs }, options) as tf.Scalar,
        [t.singleFrameLogits],
      );
      expectArrayClose([value], [ref.value as number], TOL);
      expectArrayClose(grads[0]!, ref.grad_singleFrameLogits!, TOL);
      tf.dispose(Object.values(t));
    });
  }

  it("spatial_none: per-sample values with reduction 'none'; weighted mean divides by the weight sum", () => {
    const t = fixtureTensors();
    const perSample = fixtureCase('spatial_none').value as number[];
    const out = spatialDistillationLoss({ logits: t.singleFrameLogits, teacherProbs: t.teacherProbs }, { reduction: 'none' });
    expect(out.shape).toEqual([6]);
    expectTensorClose(out, perSample, TOL);
    const w = FIXTURE.inputs.sampleWeights;
    const weighted = spatialDistillationLoss({ logits: t.singleFrameLogits, teacherProbs: t.teacherProbs, sampleWeights: t.sampleWeights });
    const expected = perSample.reduce((s, v, i) => s + v * w[i]!, 0) / w.reduce((a, b) => a + b, 0);
    expectTensorClose(weighted, [expected], TOL);
    tf.dispose([out, weighted, ...Object.values(t)]);
  });
});

describe('spatialDistillationLoss: hand-derived cases', () => {
  it('a one-hot teacher gives the plain cross-entropy (guidedLoss) with the same gradient', () => {
    const t = fixtureTensors();
    const oneHot = tf.cast(tf.oneHot(t.answers, 5), 'float32') as tf.Tensor2D;
    const a = valueAndGradients((x) => spatialDistillationLoss({ logits: x as tf.Tensor2D, teacherProbs: oneHot }), [t.singleFrameLogits]);
    const b = valueAndGradients((x) => guidedLoss({ logits: x as tf.Tensor2D, answers: t.answers }), [t.singleFrameLogits]);
    expectArrayClose([a.value], [b.value], { rtol: 1e-6, atol: 0 });
    expectArrayClose(a.grads[0]!, b.grads[0]!, { rtol: 1e-6, atol: 1e-8 });
    tf.dispose([oneHot, ...Object.values(t)]);
  });

  it("a teacher equal to the student's softmax gives its entropy and zero gradient", () => {
    const rows = [
      [1, 2, 3, 0],
      [-1, 0.5, 0.5, 2],
    ];
    const logits = tf.tensor2d(rows);
    const probs = rows.map((r) => softmax(r));
    const teacherProbs = tf.tensor2d(probs);
    const { value, grads } = valueAndGradients((x) => spatialDistillationLoss({ logits: x as tf.Tensor2D, teacherProbs }), [logits]);
    const entropy = probs.map((p) => -p.reduce((s, v) => s + v * Math.log(v), 0));
    expectArrayClose([value], [(entropy[0]! + entropy[1]!) / 2], { rtol: 1e-6, atol: 0 });
    expectArrayClose(grads[0]!, [0, 0, 0, 0, 0, 0, 0, 0], { rtol: 0, atol: 1e-7 });
    tf.dispose([logits, teacherProbs]);
  });

  it('temperature T equals temperature 1 on logits / T; the gradient is (softmax(z/T) - p) / T', () => {
    const t = fixtureTensors();
    const scaled = tf.div(t.singleFrameLogits, 0.5) as tf.Tensor2D;
    expectArrayClose(
      take(spatialDistillationLoss({ logits: t.singleFrameLogits, teacherProbs: t.teacherProbs }, { temperature: 0.5, reduction: 'none' })),
      take(spatialDistillationLoss({ logits: scaled, teacherProbs: t.teacherProbs }, { reduction: 'none' })),
      { rtol: 1e-6, atol: 1e-6 },
    );
    const { grads } = valueAndGradients(
      (x) => spatialDistillationLoss({ logits: x as tf.Tensor2D, teacherProbs: t.teacherProbs }, { temperature: 3, reduction: 'sum' }),
      [t.singleFrameLogits],
    );
    const expected = FIXTURE.inputs.singleFrameLogits.map((row, i) =>
      softmax(row.map((v) => v / 3)).map((s, c) => (s - FIXTURE.inputs.teacherProbs[i]![c]!) / 3),
    );
    expectArrayClose(grads[0]!, expected, TOL);
    tf.dispose([scaled, ...Object.values(t)]);
  });

  it('logits of magnitude 1e4: finite value and gradient, value = -sum p log_softmax exactly as float64', () => {
    const logits = tf.tensor2d(FIXTURE.extreme.logits);
    const teacherProbs = tf.tensor2d([[0.1, 0.2, 0.3, 0.25, 0.15]]);
    const { value, grads } = valueAndGradients((x) => spatialDistillationLoss({ logits: x as tf.Tensor2D, teacherProbs }), [logits]);
    // log_softmax = [0, -20000, -10000, -5000, -15000].
    expectArrayClose([value], [0.2 * 20000 + 0.3 * 10000 + 0.25 * 5000 + 0.15 * 15000], { rtol: 1e-6, atol: 0 });
    expectArrayClose(grads[0]!, [0.9, -0.2, -0.3, -0.25, -0.15], { rtol: 1e-6, atol: 1e-7 });
    tf.dispose([logits, teacherProbs]);
  });

  it('a weight-0 sample (missing teacher entry) is not read: a zero or NaN teacher row is fine', () => {
    const logits = tf.tensor2d([
      [0, 0],
      [5, -5],
      [1, 1],
    ]);
    const teacherProbs = tf.tensor2d([
      [0.5, 0.5],
      [0, 0],
      [NaN, NaN],
    ]);
    const sampleWeights = tf.tensor1d([1, 0, 0]);
    const { value, grads } = valueAndGradients(
      (x) => spatialDistillationLoss({ logits: x as tf.Tensor2D, teacherProbs, sampleWeights }),
      [logits],
    );
    expect(value).toBeCloseTo(Math.log(2), 6);
    expect(Array.from(grads[0]!)).toEqual([0, 0, 0, 0, 0, 0]);
    tf.dispose([logits, teacherProbs, sampleWeights]);
  });
});

describe('spatialDistillationLoss: finite-difference gradients', () => {
  const rng = mulberry32(9);
  const rows = Array.from({ length: 3 }, () => Array.from({ length: 5 }, () => 4 * rng() - 2));
  for (const temperature of [1, 2, 0.5]) {
    it(`temperature ${temperature}`, () => {
      const x = tf.tensor2d(rows);
      const teacherProbs = tf.tensor2d(FIXTURE.inputs.teacherProbs.slice(0, 3));
      const w = tf.tensor1d([1, 0.5, 2]);
      expectGradientMatchesFiniteDifference(
        (z) => spatialDistillationLoss({ logits: z as tf.Tensor2D, teacherProbs, sampleWeights: w }, { temperature }),
        x,
      );
      tf.dispose([x, teacherProbs, w]);
    });
  }
});

describe('spatialDistillationLoss: no leaked tensors', () => {
  it.each(['mean', 'sum', 'none'] as const)('reduction %s, temperatures 1 and 2, with weights', async (reduction) => {
    const t = fixtureTensors();
    for (const temperature of [1, 2]) {
      await expectNoTensorLeak(() =>
        spatialDistillationLoss({ logits: t.singleFrameLogits, teacherProbs: t.teacherProbs }, { reduction, temperature }),
      );
      await expectNoTensorLeak(() =>
        spatialDistillationLoss(
          { logits: t.singleFrameLogits, teacherProbs: t.teacherProbs, sampleWeights: t.sampleWeights },
          { reduction, temperature },
        ),
      );
      await expectNoTensorLeak(() =>
        tf.grad((x: tf.Tensor) => spatialDistillationLoss({ logits: x as tf.Tensor2D, teacherProbs: t.teacherProbs }, { temperature }))(
          t.singleFrameLogits,
        ),
      );
    }
    tf.dispose(Object.values(t));
  });

  it('a throw leaks nothing', async () => {
    const t = fixtureTensors();
    await expectNoTensorLeak(() => {
      expect(() => spatialDistillationLoss({ logits: t.singleFrameLogits, teacherProbs: t.singleFrameLogits })).toThrow(ValueError);
      expect(() => spatialDistillationLoss({ logits: t.singleFrameLogits, teacherProbs: t.teacherProbs }, { temperature: 0 })).toThrow(ConfigError);
    });
    tf.dispose(Object.values(t));
  });
});

describe('spatialDistillationLoss: typed errors', () => {
  it('ConfigError: temperature <= 0, NaN, Infinity or not a number', () => {
    const x = tf.zeros([2, 3]) as tf.Tensor2D;
    const p = tf.fill([2, 3], 1 / 3) as tf.Tensor2D;
    for (const temperature of [0, -1, NaN, Infinity, '2' as never]) {
      const e = thrown(() => spatialDistillationLoss({ logits: x, teacherProbs: p }, { temperature }));
      expect(ConfigError.isInstance(e)).toBe(true);
      expect(e).toMatchObject({ name: 'ConfigError', field: 'temperature', value: temperature, constraint: 'a finite number > 0' });
    }
    expect((thrown(() => spatialDistillationLoss({ logits: x, teacherProbs: p }, { temperature: 0 })) as Error).message).toBe(
      'spatialDistillationLoss: temperature must be a finite number > 0, got 0',
    );
    tf.dispose([x, p]);
  });

  it('ShapeError: teacherProbs not matching logits', () => {
    const x = tf.zeros([8, 5]) as tf.Tensor2D;
    const p = tf.fill([8, 4], 0.25) as tf.Tensor2D;
    const e = thrown(() => spatialDistillationLoss({ logits: x, teacherProbs: p }));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e).toMatchObject({ argument: 'teacherProbs', expected: '[B, C] = [8, 5] matching logits', actual: [8, 4] });
    expect((e as Error).message).toBe('spatialDistillationLoss: teacherProbs must be [B, C] = [8, 5] matching logits, got [8, 4]');
    tf.dispose([x, p]);
  });

  it('ValueError: teacherProbs with NaN, negative entries, or rows not summing to 1', () => {
    const x = tf.zeros([2, 2]) as tf.Tensor2D;
    const nan = tf.tensor2d([
      [0.5, 0.5],
      [NaN, 1],
    ]);
    const neg = tf.tensor2d([
      [1.2, -0.2],
      [0.5, 0.5],
    ]);
    const sum = tf.tensor2d([
      [0.5, 0.5],
      [0.5, 0.4],
    ]);
    const e = thrown(() => spatialDistillationLoss({ logits: x, teacherProbs: nan }));
    expect(ValueError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ field: 'teacherProbs', value: NaN });
    expect((e as Error).message).toBe(
      'spatialDistillationLoss: teacherProbs must be a probability distribution per row (finite entries >= 0), got NaN at index [1, 0]',
    );
    expect(thrown(() => spatialDistillationLoss({ logits: x, teacherProbs: neg }))).toMatchObject({ field: 'teacherProbs' });
    expect((thrown(() => spatialDistillationLoss({ logits: x, teacherProbs: sum })) as ValueError).value).toBeCloseTo(0.9, 6);
    // checkValues: false skips the checks (the caller validated its data at load time).
    expect(() => spatialDistillationLoss({ logits: x, teacherProbs: sum }, { checkValues: false }).dispose()).not.toThrow();
    tf.dispose([x, nan, neg, sum]);
  });
});
