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
import { guidedLoss } from './guided-loss.js';
import { sparcLoss, type SparcLossOutputs } from './sparc-loss.js';
import { spatialDistillationLoss } from './spatial-distillation-loss.js';
import { FIXTURE, fixtureCase, fixtureTensors, take, thrown, valueAndGradients } from './test-utils.js';

const TOL = { rtol: 1e-5, atol: 1e-6 };

function disposeOutputs(out: SparcLossOutputs): void {
  const all: Array<tf.Tensor | null> = [out.total, out.guided, out.consistency, out.spatial, out.whole];
  tf.dispose(all.filter((t): t is tf.Tensor => t !== null));
}

function value(t: tf.Tensor | null): number {
  if (t === null) throw new Error('expected a tensor, got null');
  return t.dataSync()[0]!;
}

describe('sparcLoss: PyTorch float64 reference (fixture)', () => {
  const cases = [
    ['total_w1_w1', { consistencyWeight: 1, spatialWeight: 1 }],
    ['total_w05_w2', { consistencyWeight: 0.5, spatialWeight: 2 }],
  ] as const;
  for (const [name, options] of cases) {
    it(`${name}: total and its gradients w.r.t. all three logits`, () => {
      const t = fixtureTensors();
      const ref = fixtureCase(name);
      const { value: total, grads } = valueAndGradients(
        (whole, guided, single) =>
          sparcLoss(
            {
              wholeLogits: whole as tf.Tensor2D,
              guidedLogits: guided as tf.Tensor2D,
              singleFrameLogits: single as tf.Tensor2D,
              answers: t.answers,
              teacherProbs: t.teacherProbs,
            },
            options,
          ).total as tf.Scalar,
        [t.wholeLogits, t.guidedLogits, t.singleFrameLogits],
      );
      expectArrayClose([total], [ref.value as number], TOL);
      expectArrayClose(grads[0]!, ref.grad_wholeLogits!, TOL);
      expectArrayClose(grads[1]!, ref.grad_guidedLogits!, TOL);
      expectArrayClose(grads[2]!, ref.grad_singleFrameLogits!, TOL);
      tf.dispose(Object.values(t));
    });
  }

  it('returns each term: guided, consistency and spatial equal the fixture means; whole is null', () => {
    const t = fixtureTensors();
    const out = sparcLoss(
      { wholeLogits: t.wholeLogits, guidedLogits: t.guidedLogits, singleFrameLogits: t.singleFrameLogits, answers: t.answers, teacherProbs: t.teacherProbs },
      { consistencyWeight: 0.5, spatialWeight: 2 },
    );
    expectArrayClose([value(out.guided)], [fixtureCase('guided_mean').value as number], TOL);
    expectArrayClose([value(out.consistency)], [fixtureCase('consistency_mean').value as number], TOL);
    expectArrayClose([value(out.spatial)], [fixtureCase('spatial_mean').value as number], TOL);
    expect(out.whole).toBeNull();
    expect(out.total.shape).toEqual([]);
    disposeOutputs(out);
    tf.dispose(Object.values(t));
  });

  it("reduction 'none': every term is [B] and total = guided + w_c consistency + w_s spatial per sample", () => {
    const t = fixtureTensors();
    const out = sparcLoss(
      { wholeLogits: t.wholeLogits, guidedLogits: t.guidedLogits, singleFrameLogits: t.singleFrameLogits, answers: t.answers, teacherProbs: t.teacherProbs },
      { consistencyWeight: 0.5, spatialWeight: 2, reduction: 'none' },
    );
    const g = fixtureCase('guided_none').value as number[];
    const c = fixtureCase('consistency_none').value as number[];
    const s = fixtureCase('spatial_none').value as number[];
    expectTensorClose(out.guided!, g, TOL);
    expectTensorClose(out.consistency!, c, TOL);
    expectTensorClose(out.spatial!, s, TOL);
    expect(out.total.shape).toEqual([6]);
    expectTensorClose(out.total, g.map((v, i) => v + 0.5 * c[i]! + 2 * s[i]!), TOL);
    disposeOutputs(out);
    tf.dispose(Object.values(t));
  });
});

describe('sparcLoss: switches (the T / S ablations of Tables 5 and 7)', () => {
  it('temporal off: first term is CE on wholeLogits (the baseline), no consistency; guidedLogits not needed', () => {
    const t = fixtureTensors();
    const out = sparcLoss(
      { wholeLogits: t.wholeLogits, singleFrameLogits: t.singleFrameLogits, answers: t.answers, teacherProbs: t.teacherProbs },
      { temporal: false, spatialWeight: 2 },
    );
    expect(out.guided).toBeNull();
    expect(out.consistency).toBeNull();
    const ce = take(guidedLoss({ logits: t.wholeLogits, answers: t.answers }))[0]!;
    expectArrayClose([value(out.whole)], [ce], { rtol: 1e-6, atol: 0 });
    expectArrayClose([value(out.total)], [ce + 2 * (fixtureCase('spatial_mean').value as number)], TOL);
    const { grads } = valueAndGradients(
      (w) => sparcLoss({ wholeLogits: w as tf.Tensor2D, answers: t.answers }, { temporal: false, spatial: false }).total as tf.Scalar,
      [t.wholeLogits],
    );
    const ref = valueAndGradients((w) => guidedLoss({ logits: w as tf.Tensor2D, answers: t.answers }), [t.wholeLogits]);
    expect(Array.from(grads[0]!)).toEqual(Array.from(ref.grads[0]!));
    disposeOutputs(out);
    tf.dispose(Object.values(t));
  });

  it('spatial off: no L_s; singleFrameLogits and teacherProbs not needed', () => {
    const t = fixtureTensors();
    const out = sparcLoss({ wholeLogits: t.wholeLogits, guidedLogits: t.guidedLogits, answers: t.answers }, { spatial: false });
    expect(out.spatial).toBeNull();
    expect(out.whole).toBeNull();
    const expected = (fixtureCase('guided_mean').value as number) + (fixtureCase('consistency_mean').value as number);
    expectArrayClose([value(out.total)], [expected], TOL);
    disposeOutputs(out);
    tf.dispose(Object.values(t));
  });

  it('both off: total is the whole-video CE, returned as a tensor distinct from `whole`', () => {
    const t = fixtureTensors();
    const out = sparcLoss({ wholeLogits: t.wholeLogits, answers: t.answers }, { temporal: false, spatial: false });
    expect(out.total).not.toBe(out.whole);
    out.whole!.dispose();
    expectArrayClose(take(out.total), take(guidedLoss({ logits: t.wholeLogits, answers: t.answers })), { rtol: 1e-7, atol: 0 });
    tf.dispose(Object.values(t));
  });

  it('a term whose weight is 0 is returned but not added: an infinite KL does not poison the total', () => {
    const whole = tf.tensor2d([[0, 0, 0]]);
    const guided = tf.tensor2d([[0, 0, -Infinity]]);
    const answers = tf.tensor1d([0], 'int32');
    const out = sparcLoss({ wholeLogits: whole, guidedLogits: guided, answers }, { spatial: false, consistencyWeight: 0 });
    expect(value(out.consistency)).toBe(Infinity);
    expectArrayClose([value(out.total)], [Math.log(2)], { rtol: 1e-6, atol: 0 });
    disposeOutputs(out);
    tf.dispose([whole, guided, answers]);
  });

  it('soft (mixup) answers work for the guided term and the baseline term', () => {
    const t = fixtureTensors();
    const soft = tf.tensor2d(FIXTURE.inputs.teacherProbs);
    const out = sparcLoss({ wholeLogits: t.wholeLogits, guidedLogits: t.guidedLogits, answers: soft }, { spatial: false });
    expectArrayClose([value(out.guided)], take(guidedLoss({ logits: t.guidedLogits, answers: soft })), { rtol: 1e-6, atol: 0 });
    const base = sparcLoss({ wholeLogits: t.wholeLogits, answers: soft }, { temporal: false, spatial: false });
    expectArrayClose([value(base.whole)], take(guidedLoss({ logits: t.wholeLogits, answers: soft })), { rtol: 1e-6, atol: 0 });
    disposeOutputs(out);
    disposeOutputs(base);
    tf.dispose([soft, ...Object.values(t)]);
  });
});

describe('sparcLoss: sample weights', () => {
  it('sampleWeights reach every term: guided / consistency match the weighted fixture means', () => {
    const t = fixtureTensors();
    const out = sparcLoss({
      wholeLogits: t.wholeLogits,
      guidedLogits: t.guidedLogits,
      singleFrameLogits: t.singleFrameLogits,
      answers: t.answers,
      teacherProbs: t.teacherProbs,
      sampleWeights: t.sampleWeights,
    });
    expectArrayClose([value(out.guided)], [fixtureCase('guided_weighted_mean').value as number], TOL);
    expectArrayClose([value(out.consistency)], [fixtureCase('consistency_weighted_mean').value as number], TOL);
    expectArrayClose(
      [value(out.spatial)],
      take(spatialDistillationLoss({ logits: t.singleFrameLogits, teacherProbs: t.teacherProbs, sampleWeights: t.sampleWeights })),
      { rtol: 1e-6, atol: 0 },
    );
    disposeOutputs(out);
    tf.dispose(Object.values(t));
  });

  it('temporalWeights only reach L_g and L_c, spatialWeights only L_s; both multiply sampleWeights', () => {
    const t = fixtureTensors();
    const temporalWeights = tf.tensor1d([1, 1, 0, 1, 0, 1]); // fallback 'skip' for samples 2 and 4
    const spatialWeights = tf.tensor1d([1, 0, 1, 1, 1, 1], 'bool'); // no teacher entry for sample 1
    const base = tf.tensor1d([1, 2, 1, 0.5, 1, 1]);
    const out = sparcLoss({
      wholeLogits: t.wholeLogits,
      guidedLogits: t.guidedLogits,
      singleFrameLogits: t.singleFrameLogits,
      answers: t.answers,
      teacherProbs: t.teacherProbs,
      sampleWeights: base,
      temporalWeights,
      spatialWeights,
    });
    const wt = tf.tensor1d([1, 2, 0, 0.5, 0, 1]);
    const ws = tf.tensor1d([1, 0, 1, 0.5, 1, 1]);
    expectArrayClose([value(out.guided)], take(guidedLoss({ logits: t.guidedLogits, answers: t.answers, sampleWeights: wt })), TOL);
    expectArrayClose(
      [value(out.consistency)],
      take(consistencyLoss({ wholeLogits: t.wholeLogits, guidedLogits: t.guidedLogits, sampleWeights: wt })),
      TOL,
    );
    expectArrayClose(
      [value(out.spatial)],
      take(spatialDistillationLoss({ logits: t.singleFrameLogits, teacherProbs: t.teacherProbs, sampleWeights: ws })),
      TOL,
    );
    // With temporal off the whole-video CE uses sampleWeights only (temporalWeights are ignored).
    const baseline = sparcLoss(
      { wholeLogits: t.wholeLogits, answers: t.answers, sampleWeights: base, temporalWeights },
      { temporal: false, spatial: false },
    );
    expectArrayClose([value(baseline.whole)], take(guidedLoss({ logits: t.wholeLogits, answers: t.answers, sampleWeights: base })), TOL);
    disposeOutputs(out);
    disposeOutputs(baseline);
    tf.dispose([temporalWeights, spatialWeights, base, wt, ws, ...Object.values(t)]);
  });

  it("skipped and teacher-less samples may hold NaN: the total stays finite and their rows get zero gradient", () => {
    const t = fixtureTensors();
    const guided = tf.tensor2d(FIXTURE.inputs.guidedLogits.map((r, i) => (i === 2 ? r.map(() => NaN) : r)));
    const teacher = tf.tensor2d(FIXTURE.inputs.teacherProbs.map((r, i) => (i === 4 ? r.map(() => NaN) : r)));
    const answers = tf.tensor1d([4, 4, 9, 2, 2, 0], 'int32'); // sample 2's answer is unused (skipped)
    const temporalWeights = tf.tensor1d([1, 1, 0, 1, 1, 1]);
    const spatialWeights = tf.tensor1d([1, 1, 1, 1, 0, 1]);
    const { value: total, grads } = valueAndGradients(
      (w, g, s) =>
        sparcLoss({
          wholeLogits: w as tf.Tensor2D,
          guidedLogits: g as tf.Tensor2D,
          singleFrameLogits: s as tf.Tensor2D,
          answers,
          teacherProbs: teacher,
          temporalWeights,
          spatialWeights,
        }).total as tf.Scalar,
      [t.wholeLogits, guided, t.singleFrameLogits],
    );
    expect(Number.isFinite(total)).toBe(true);
    expect(grads.every((g) => Array.from(g).every(Number.isFinite))).toBe(true);
    expect(Array.from(grads[1]!.slice(10, 15))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(grads[2]!.slice(20, 25))).toEqual([0, 0, 0, 0, 0]);
    tf.dispose([guided, teacher, answers, temporalWeights, spatialWeights, ...Object.values(t)]);
  });

  it('all weights 0: every term 0 and every gradient exactly 0', () => {
    const t = fixtureTensors();
    const zeros = tf.zeros([6]) as tf.Tensor1D;
    const { value: total, grads } = valueAndGradients(
      (w, g, s) =>
        sparcLoss({
          wholeLogits: w as tf.Tensor2D,
          guidedLogits: g as tf.Tensor2D,
          singleFrameLogits: s as tf.Tensor2D,
          answers: t.answers,
          teacherProbs: t.teacherProbs,
          sampleWeights: zeros,
        }).total as tf.Scalar,
      [t.wholeLogits, t.guidedLogits, t.singleFrameLogits],
    );
    expect(total).toBe(0);
    expect(grads.every((g) => Array.from(g).every((v) => v === 0))).toBe(true);
    tf.dispose([zeros, ...Object.values(t)]);
  });
});

describe('sparcLoss: finite-difference gradients of the total', () => {
  const rng = mulberry32(17);
  const rand = (): number[][] => Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => 3 * rng() - 1.5));
  const rows = { whole: rand(), guided: rand(), single: rand() };
  it('w.r.t. wholeLogits, guidedLogits and singleFrameLogits (w_c 0.5, w_s 2, T 2, weights)', () => {
    const whole = tf.tensor2d(rows.whole);
    const guided = tf.tensor2d(rows.guided);
    const single = tf.tensor2d(rows.single);
    const answers = tf.tensor1d([0, 3, 1], 'int32');
    const teacherProbs = tf.tensor2d([
      [0.1, 0.2, 0.3, 0.4],
      [0.7, 0.1, 0.1, 0.1],
      [0.25, 0.25, 0.25, 0.25],
    ]);
    const sampleWeights = tf.tensor1d([1, 0.5, 2]);
    const options = { consistencyWeight: 0.5, spatialWeight: 2, temperature: 2 };
    const f = (w: tf.Tensor, g: tf.Tensor, s: tf.Tensor): tf.Scalar =>
      sparcLoss(
        {
          wholeLogits: w as tf.Tensor2D,
          guidedLogits: g as tf.Tensor2D,
          singleFrameLogits: s as tf.Tensor2D,
          answers,
          teacherProbs,
          sampleWeights,
        },
        options,
      ).total as tf.Scalar;
    expectGradientMatchesFiniteDifference((x) => f(x, guided, single), whole);
    expectGradientMatchesFiniteDifference((x) => f(whole, x, single), guided);
    expectGradientMatchesFiniteDifference((x) => f(whole, guided, x), single);
    tf.dispose([whole, guided, single, answers, teacherProbs, sampleWeights]);
  });

  it('stopGradient: zero gradient w.r.t. wholeLogits when temporal is the only whole-video term', () => {
    const t = fixtureTensors();
    const { grads } = valueAndGradients(
      (w) =>
        sparcLoss(
          { wholeLogits: w as tf.Tensor2D, guidedLogits: t.guidedLogits, answers: t.answers },
          { spatial: false, stopGradient: true },
        ).total as tf.Scalar,
      [t.wholeLogits],
    );
    expect(Array.from(grads[0]!).every((g) => g === 0)).toBe(true);
    tf.dispose(Object.values(t));
  });

  it('logits of magnitude 1e4 in every input: finite total and gradients', () => {
    const big = tf.tensor2d(FIXTURE.extreme.logits);
    const zero = tf.zeros([1, 5]) as tf.Tensor2D;
    const answers = tf.tensor1d(FIXTURE.extreme.answers, 'int32');
    const teacherProbs = tf.fill([1, 5], 0.2) as tf.Tensor2D;
    const { value: total, grads } = valueAndGradients(
      (w, g, s) =>
        sparcLoss({
          wholeLogits: w as tf.Tensor2D,
          guidedLogits: g as tf.Tensor2D,
          singleFrameLogits: s as tf.Tensor2D,
          answers,
          teacherProbs,
        }).total as tf.Scalar,
      [big, zero, big],
    );
    // L_g = CE(zero, 1) = log 5; L_c = KL(big || zero) = log 5; L_s = -mean_c log_softmax(big)_c = 10000.
    expectArrayClose([total], [2 * Math.log(5) + 10000], { rtol: 1e-6, atol: 0 });
    expect(grads.every((g) => Array.from(g).every(Number.isFinite))).toBe(true);
    tf.dispose([big, zero, answers, teacherProbs]);
  });
});

describe('sparcLoss: no leaked tensors', () => {
  const switches = [
    { temporal: true, spatial: true },
    { temporal: false, spatial: true },
    { temporal: true, spatial: false },
    { temporal: false, spatial: false },
  ];
  it.each(['mean', 'sum', 'none'] as const)('reduction %s, every switch combination, with and without weights', async (reduction) => {
    const t = fixtureTensors();
    for (const s of switches) {
      await expectNoTensorLeak(() => sparcLoss({ ...t, sampleWeights: undefined }, { ...s, reduction }));
      await expectNoTensorLeak(() => sparcLoss({ ...t, temporalWeights: t.sampleWeights, spatialWeights: t.sampleWeights }, { ...s, reduction }));
      // wholeLogits is the one input every switch combination uses (tf.grad rejects an unused input).
      await expectNoTensorLeak(() =>
        tf.grad((w: tf.Tensor) => sparcLoss({ ...t, wholeLogits: w as tf.Tensor2D }, s).total as tf.Scalar)(t.wholeLogits),
      );
    }
    tf.dispose(Object.values(t));
  });

  it('a throw leaks nothing', async () => {
    const t = fixtureTensors();
    await expectNoTensorLeak(() => {
      expect(() => sparcLoss({ wholeLogits: t.wholeLogits, answers: t.answers })).toThrow(ValueError);
      expect(() => sparcLoss({ ...t, teacherProbs: t.wholeLogits })).toThrow(ValueError);
      expect(() => sparcLoss({ ...t, guidedLogits: t.answers as never })).toThrow(ShapeError);
      expect(() => sparcLoss(t, { spatialWeight: -1 })).toThrow(ConfigError);
    });
    tf.dispose(Object.values(t));
  });
});

describe('sparcLoss: typed errors', () => {
  it('ValueError: a required input missing for the switched-on terms', () => {
    const t = fixtureTensors();
    const e = thrown(() => sparcLoss({ wholeLogits: t.wholeLogits, answers: t.answers, singleFrameLogits: t.singleFrameLogits, teacherProbs: t.teacherProbs }));
    expect(ValueError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ field: 'guidedLogits', value: undefined, constraint: 'a float32 [B, C] tf.Tensor (required when temporal is true)' });
    expect((e as Error).message).toBe('sparcLoss: guidedLogits must be a float32 [B, C] tf.Tensor (required when temporal is true), got undefined');
    expect(thrown(() => sparcLoss({ wholeLogits: t.wholeLogits, guidedLogits: t.guidedLogits, answers: t.answers }))).toMatchObject({
      field: 'singleFrameLogits',
      constraint: 'a float32 [B, C] tf.Tensor (required when spatial is true)',
    });
    expect(
      thrown(() => sparcLoss({ wholeLogits: t.wholeLogits, guidedLogits: t.guidedLogits, singleFrameLogits: t.singleFrameLogits, answers: t.answers })),
    ).toMatchObject({ field: 'teacherProbs' });
    expect(thrown(() => sparcLoss({ guidedLogits: t.guidedLogits, answers: t.answers } as never, { spatial: false }))).toMatchObject({
      field: 'wholeLogits',
    });
    tf.dispose(Object.values(t));
  });

  it('ShapeError: inputs that do not match wholeLogits', () => {
    const t = fixtureTensors();
    const short = tf.slice(t.singleFrameLogits, 0, 5) as tf.Tensor2D;
    const w = tf.ones([5]) as tf.Tensor1D;
    const e = thrown(() => sparcLoss({ ...t, singleFrameLogits: short }));
    expect(ShapeError.isInstance(e)).toBe(true);
    expect((e as Error).message).toBe('sparcLoss: singleFrameLogits must be [B, C] = [6, 5] matching wholeLogits, got [5, 5]');
    expect(thrown(() => sparcLoss({ ...t, temporalWeights: w }))).toMatchObject({
      name: 'ShapeError',
      argument: 'temporalWeights',
      expected: '[B] = [6] matching wholeLogits [6, 5]',
      actual: [5],
    });
    expect(thrown(() => sparcLoss({ ...t, answers: w as never }))).toMatchObject({ argument: 'answers', actual: [5] });
    tf.dispose([short, w, ...Object.values(t)]);
  });

  it('ValueError: values checked only on the rows each term uses', () => {
    const t = fixtureTensors();
    const answers = tf.tensor1d([4, 4, 5, 2, 2, 0], 'int32');
    const skip2 = tf.tensor1d([1, 1, 0, 1, 1, 1]);
    // Sample 2 has answer 5 (out of range): fine when temporal skips it, an error for the baseline CE.
    expect(() => disposeOutputs(sparcLoss({ ...t, answers, temporalWeights: skip2 }))).not.toThrow();
    const e = thrown(() => sparcLoss({ ...t, answers, temporalWeights: skip2 }, { temporal: false }));
    expect(e).toMatchObject({ name: 'ValueError', field: 'answers', value: 5 });
    expect((e as Error).message).toBe('sparcLoss: answers must be an integer in [0, 5) (C = 5 candidates), got 5 at index 2');
    const badTeacher = tf.tensor2d(FIXTURE.inputs.teacherProbs.map((r, i) => (i === 3 ? r.map(() => 0) : r)));
    expect(thrown(() => sparcLoss({ ...t, teacherProbs: badTeacher }))).toMatchObject({ field: 'teacherProbs', value: 0 });
    const noTeacher3 = tf.tensor1d([1, 1, 1, 0, 1, 1]);
    expect(() => disposeOutputs(sparcLoss({ ...t, teacherProbs: badTeacher, spatialWeights: noTeacher3 }))).not.toThrow();
    const neg = tf.tensor1d([1, 1, 1, 1, 1, -2]);
    expect(thrown(() => sparcLoss({ ...t, spatialWeights: neg }))).toMatchObject({ field: 'spatialWeights', value: -2 });
    tf.dispose([answers, skip2, badTeacher, noTeacher3, neg, ...Object.values(t)]);
  });

  it('ConfigError: negative or non-finite loss weights, non-boolean switches, unknown options', () => {
    const t = fixtureTensors();
    const e = thrown(() => sparcLoss(t, { consistencyWeight: -0.5 }));
    expect(ConfigError.isInstance(e)).toBe(true);
    expect(e).toMatchObject({ field: 'consistencyWeight', value: -0.5, constraint: 'a finite number >= 0' });
    expect((e as Error).message).toBe('sparcLoss: consistencyWeight must be a finite number >= 0, got -0.5');
    expect(thrown(() => sparcLoss(t, { spatialWeight: NaN }))).toMatchObject({ field: 'spatialWeight' });
    expect(thrown(() => sparcLoss(t, { temporal: 'no' as never }))).toMatchObject({ field: 'temporal', constraint: 'a boolean' });
    expect(thrown(() => sparcLoss(t, { temperature: -1 }))).toMatchObject({ field: 'temperature' });
    expect(thrown(() => sparcLoss(t, { direction: 'both' as never }))).toMatchObject({ field: 'direction' });
    expect(thrown(() => sparcLoss(t, { w_c: 1 } as never))).toMatchObject({ name: 'ConfigError', field: 'w_c' });
    tf.dispose(Object.values(t));
  });
});
