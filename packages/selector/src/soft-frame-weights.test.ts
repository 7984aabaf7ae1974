import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectArrayClose, expectNoTensorLeak, expectTensorClose, mulberry32 } from '@sparc-vqa/testing';
import { ConfigError, ShapeError } from './errors.js';
import { softFrameWeights } from './soft-frame-weights.js';
import type { SoftFrameWeightsOptions } from './soft-frame-weights-options.js';
import {
  SOFT_FRAME_WEIGHTS_DEFAULTS,
  SOFT_WEIGHT_MODES,
  resolveSoftFrameWeightsOptions,
} from './soft-frame-weights-options.js';
import { answersOf, expectTypedError, probsFromScores, take, throwing } from './test-utils.js';

function weights(scores: number[][], options: SoftFrameWeightsOptions = {}, valid?: number[][]): number[][] {
  const teacherProbs = probsFromScores(scores);
  const answers = answersOf(scores.map(() => 1));
  const validMask = valid === undefined ? undefined : tf.tensor2d(valid);
  const out = softFrameWeights({ teacherProbs, answers, ...(validMask ? { validMask } : {}) }, options);
  expect(out.dtype).toBe('float32');
  tf.dispose([teacherProbs, answers, validMask]);
  return take<number[][]>(out);
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe('softFrameWeights (beyond the paper: soft guidance)', () => {
  describe("'normalized' (default)", () => {
    it('divides p_k[a] by its sum over valid frames', () => {
      expectArrayClose(weights([[0.8, 0.4, 0.7]]), [[0.8 / 1.9, 0.4 / 1.9, 0.7 / 1.9]], { rtol: 1e-6 });
    });
    it('gives padding 0 and renormalizes over the valid frames', () => {
      expectArrayClose(weights([[0.2, 0.6, 0.9]], {}, [[1, 1, 0]]), [[0.25, 0.75, 0]], { rtol: 1e-6 });
    });
    it('is uniform over valid frames when every p_k[a] is 0, and all-zero without valid frames', () => {
      expectArrayClose(weights([[0, 0, 0, 0.5]], {}, [[1, 1, 1, 0]]), [[1 / 3, 1 / 3, 1 / 3, 0]], { rtol: 1e-6 });
      expect(weights([[0.3, 0.4]], {}, [[0, 0]])).toEqual([[0, 0]]);
    });
  });

  describe("'softmax'", () => {
    it('computes exp(p / tau) / sum over valid frames (tau = 0.1: z = 8, 4, 7)', () => {
      const e = [1, Math.exp(-4), Math.exp(-1)];
      const sum = e[0]! + e[1]! + e[2]!;
      expectArrayClose(weights([[0.8, 0.4, 0.7]], { mode: 'softmax' }), [e.map((x) => x / sum)], { rtol: 1e-5, atol: 1e-7 });
    });
    it('stays finite for a tiny temperature and ignores padding with high scores', () => {
      expectArrayClose(weights([[0.8, 0.4, 0.7]], { mode: 'softmax', temperature: 1e-3 }), [[1, 0, 0]], { atol: 1e-6 });
      expectArrayClose(weights([[0.1, 0.3, 0.99]], { mode: 'softmax', temperature: 1 }, [[1, 1, 0]]), [[1 / (1 + Math.exp(0.2)), 1 / (1 + Math.exp(-0.2)), 0]], { rtol: 1e-5 });
      expect(weights([[0.3, 0.4]], { mode: 'softmax' }, [[0, 0]])).toEqual([[0, 0]]);
    });
  });

  describe("'sigmoid'", () => {
    it('computes sigmoid((p - t) / tau): 0.5 at p = t, not normalized', () => {
      expectArrayClose(weights([[0.5, 0.6, 0.4]], { mode: 'sigmoid' }), [[0.5, sigmoid(1), sigmoid(-1)]], { rtol: 1e-5 });
      expectArrayClose(weights([[0.5, 0.6, 0.4]], { mode: 'sigmoid', threshold: 0.4, temperature: 0.2 }), [[sigmoid(0.5), sigmoid(1), 0.5]], { rtol: 1e-5 });
    });
    it('gives padding 0', () => {
      expectArrayClose(weights([[0.9, 0.9]], { mode: 'sigmoid' }, [[1, 0]]), [[sigmoid(4), 0]], { rtol: 1e-5 });
    });
  });

  it('normalized modes sum to 1 over valid frames on random inputs; invalid frames are exactly 0', () => {
    const rng = mulberry32(5);
    const scores = Array.from({ length: 6 }, () => Array.from({ length: 7 }, () => rng()));
    const valid = scores.map((row, b) => row.map((_, k) => (k <= b ? 1 : 0)));
    for (const mode of ['normalized', 'softmax'] as const) {
      const w = weights(scores, { mode, temperature: 0.3 }, valid);
      expectArrayClose(w.map((row) => row.reduce((s, v) => s + v, 0)), scores.map(() => 1), { rtol: 1e-5 });
      for (const [b, row] of w.entries()) for (const [k, v] of row.entries()) if (valid[b]![k] === 0) expect(v).toBe(0);
    }
  });

  it('accepts C > 2 with per-sample answers', () => {
    const teacherProbs = tf.tensor3d([[[0.5, 0.2, 0.3], [0.1, 0.6, 0.3]]]);
    const answers = answersOf([1]);
    const out = softFrameWeights({ teacherProbs, answers });
    expectTensorClose(out, [[0.25, 0.75]], { rtol: 1e-6 });
    tf.dispose([teacherProbs, answers, out]);
  });

  it('leaves no tensor behind, in every mode and on errors', async () => {
    const teacherProbs = probsFromScores([[0.2, 0.9], [0, 0]]);
    const answers = answersOf([1, 1]);
    const validMask = tf.tensor2d([[1, 1], [1, 0]]);
    for (const mode of SOFT_WEIGHT_MODES) await expectNoTensorLeak(() => softFrameWeights({ teacherProbs, answers, validMask }, { mode }));
    await expectNoTensorLeak(throwing(() => softFrameWeights({ teacherProbs, answers }, { temperature: 0 })));
    const wrong = answersOf([1]);
    await expectNoTensorLeak(throwing(() => softFrameWeights({ teacherProbs, answers: wrong })));
    tf.dispose([teacherProbs, answers, validMask, wrong]);
  });

  it('rejects bad options and shapes', () => {
    const teacherProbs = probsFromScores([[0.2, 0.9]]);
    const answers = answersOf([1]);
    const run = (options: unknown) => () => softFrameWeights({ teacherProbs, answers }, options as SoftFrameWeightsOptions);
    expectTypedError(run({ mode: 'hard' }), ConfigError, { field: 'mode', value: 'hard' }, "softFrameWeights: mode must be one of 'normalized', 'softmax', 'sigmoid', got 'hard'");
    for (const temperature of [0, -1, Number.POSITIVE_INFINITY, Number.NaN]) {
      expectTypedError(run({ temperature }), ConfigError, { field: 'temperature', value: temperature }, `softFrameWeights: temperature must be a finite number > 0, got ${temperature}`);
    }
    expectTypedError(run({ threshold: 2 }), ConfigError, { field: 'threshold', value: 2 }, 'softFrameWeights: threshold must be a number in [0, 1], got 2');
    expectTypedError(run({ tau: 1 }), ConfigError, { field: 'tau' }, /^softFrameWeights: tau must be absent/);
    const validMask = tf.ones([1, 3]) as tf.Tensor2D;
    expectTypedError(() => softFrameWeights({ teacherProbs, answers, validMask }), ShapeError, { argument: 'validMask' }, 'softFrameWeights: validMask must be [B, T] with B = 1, T = 2 from teacherProbs, got [1, 3]');
    tf.dispose([teacherProbs, answers, validMask]);
  });
});

describe('resolveSoftFrameWeightsOptions', () => {
  it('has frozen defaults and returns new frozen objects', () => {
    expect(SOFT_FRAME_WEIGHTS_DEFAULTS).toEqual({ mode: 'normalized', temperature: 0.1, threshold: 0.5, checkValues: true });
    expect(Object.isFrozen(SOFT_FRAME_WEIGHTS_DEFAULTS)).toBe(true);
    const partial = Object.freeze({ mode: 'sigmoid' as const });
    const resolved = resolveSoftFrameWeightsOptions(partial);
    expect(resolved).toEqual({ mode: 'sigmoid', temperature: 0.1, threshold: 0.5, checkValues: true });
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(partial).toEqual({ mode: 'sigmoid' });
    expectTypedError(() => resolveSoftFrameWeightsOptions({ temperature: -2 }), ConfigError, { field: 'temperature' }, 'resolveSoftFrameWeightsOptions: temperature must be a finite number > 0, got -2');
  });
});
