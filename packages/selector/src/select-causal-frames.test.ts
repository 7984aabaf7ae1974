import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ConfigError, ShapeError, ValueError } from './errors.js';
import { selectCausalFrames } from './select-causal-frames.js';
import type { SelectCausalFramesOptions } from './select-causal-frames-options.js';
import { expectNoTensorLeak } from '@sparc-vqa/testing';
import { answersOf, expectTypedError, probsFromScores, take, throwing } from './test-utils.js';

interface Plain {
  mask: number[][];
  counts: number[];
  usedFallback: number[];
}

/** Runs selectCausalFrames on p_k[a] = scores (C = 2, a = 1) and returns plain arrays; disposes everything. */
function select(scores: number[][], options: SelectCausalFramesOptions, valid?: number[][]): Plain {
  const teacherProbs = probsFromScores(scores);
  const answers = answersOf(scores.map(() => 1));
  const validMask = valid === undefined ? undefined : tf.tensor2d(valid);
  const out = selectCausalFrames({ teacherProbs, answers, ...(validMask ? { validMask } : {}) }, options);
  expect(out.mask.dtype).toBe('float32');
  expect(out.counts.dtype).toBe('int32');
  expect(out.usedFallback.dtype).toBe('bool');
  tf.dispose([teacherProbs, answers, validMask]);
  return {
    mask: take<number[][]>(out.mask),
    counts: take<number[]>(out.counts),
    usedFallback: take<number[]>(out.usedFallback).map(Number),
  };
}

describe('selectCausalFrames: V_c = { f_k : p_k[a] > t } (paper 3.2.1)', () => {
  it('keeps frames strictly above t: p = 0.5 with t = 0.5 is not selected', () => {
    expect(select([[0.5, 0.7, 0.2, 0.51]], { threshold: 0.5 })).toEqual({
      mask: [[0, 1, 0, 1]],
      counts: [2],
      usedFallback: [0],
    });
  });

  it('treats a frame equal to a non-dyadic t (0.7 vs 0.7 in float32) as not passing', () => {
    expect(select([[0.7, 0.71, 0.69]], { threshold: 0.7 }).mask).toEqual([[0, 1, 0]]);
  });

  it('reads the probability of each sample’s own answer (C = 3, different answers)', () => {
    const teacherProbs = tf.tensor3d([
      [[0.6, 0.3, 0.1], [0.2, 0.2, 0.6]],
      [[0.6, 0.3, 0.1], [0.2, 0.7, 0.1]],
      [[0.6, 0.3, 0.1], [0.2, 0.2, 0.6]],
    ]);
    const answers = answersOf([0, 1, 2]);
    const out = selectCausalFrames({ teacherProbs, answers }, { threshold: 0.5 });
    // a = 0: p[a] = [0.6, 0.2]; a = 1: [0.3, 0.7]; a = 2: [0.1, 0.6]
    expect(take(out.mask)).toEqual([[1, 0], [0, 1], [0, 1]]);
    expect(take(out.counts)).toEqual([1, 1, 1]);
    expect(take<number[]>(out.usedFallback).map(Number)).toEqual([0, 0, 0]);
    tf.dispose([teacherProbs, answers]);
  });

  it('handles B = 1, T = 1', () => {
    expect(select([[0.7]], { threshold: 0.5 })).toEqual({ mask: [[1]], counts: [1], usedFallback: [0] });
    expect(select([[0.3]], { threshold: 0.5 })).toEqual({ mask: [[1]], counts: [1], usedFallback: [1] });
    expect(select([[0.3]], { threshold: 0.5, fallback: 'skip' })).toEqual({ mask: [[0]], counts: [0], usedFallback: [1] });
  });

  describe('threshold edge cases', () => {
    it('t = 0 keeps every frame with p_k[a] > 0 and not the zeros', () => {
      expect(select([[0, 0.01, 0, 1]], { threshold: 0 }).mask).toEqual([[0, 1, 0, 1]]);
    });
    it('t = 0 with all-zero scores falls back (argmax: frame 0 by the tie rule)', () => {
      expect(select([[0, 0, 0]], { threshold: 0 })).toEqual({ mask: [[1, 0, 0]], counts: [1], usedFallback: [1] });
    });
    it('t = 1 never passes (p > 1 is impossible), so every sample falls back', () => {
      expect(select([[1, 0.99], [0.2, 1]], { threshold: 1 })).toEqual({
        mask: [[1, 0], [0, 1]],
        counts: [1, 1],
        usedFallback: [1, 1],
      });
    });
  });

  describe('fallback when no valid frame passes', () => {
    const scores = [[0.1, 0.4, 0.3, 0.4]];
    it("'argmax' (default) keeps the single best frame, lower index on ties", () => {
      expect(select(scores, { threshold: 0.5 })).toEqual({ mask: [[0, 1, 0, 0]], counts: [1], usedFallback: [1] });
      expect(select(scores, { threshold: 0.5, fallback: 'argmax' }).mask).toEqual([[0, 1, 0, 0]]);
    });
    it("'all' keeps every valid frame", () => {
      expect(select(scores, { threshold: 0.5, fallback: 'all' })).toEqual({ mask: [[1, 1, 1, 1]], counts: [4], usedFallback: [1] });
    });
    it("'skip' keeps nothing: count 0 and usedFallback true", () => {
      expect(select(scores, { threshold: 0.5, fallback: 'skip' })).toEqual({ mask: [[0, 0, 0, 0]], counts: [0], usedFallback: [1] });
    });
    it('does not touch samples where a frame passes', () => {
      const out = select([[0.1, 0.4, 0.3, 0.4], [0.9, 0.1, 0.1, 0.1]], { threshold: 0.5, fallback: 'skip' });
      expect(out).toEqual({ mask: [[0, 0, 0, 0], [1, 0, 0, 0]], counts: [0, 1], usedFallback: [1, 0] });
    });
  });

  describe('padding (validMask 0) is never selected', () => {
    const scores = [
      [0.2, 0.7, 0.9, 0.1],
      [0.2, 0.3, 0.9, 0.95], // padding frames 2, 3 carry high scores
    ];
    const valid = [
      [1, 1, 1, 1],
      [1, 1, 0, 0],
    ];
    it('by the threshold', () => {
      expect(select(scores, { threshold: 0.5 }, valid)).toEqual({
        mask: [[0, 1, 1, 0], [0, 1, 0, 0]],
        counts: [2, 1],
        usedFallback: [0, 1],
      });
    });
    it("by the 'argmax' fallback (frame 1 with 0.3, not padding frame 3 with 0.95)", () => {
      expect(select(scores, { threshold: 0.5 }, valid).mask[1]).toEqual([0, 1, 0, 0]);
    });
    it("by the 'all' fallback", () => {
      expect(select(scores, { threshold: 0.5, fallback: 'all' }, valid).mask[1]).toEqual([1, 1, 0, 0]);
    });
    it('by the minFrames top-up (capped at the number of valid frames)', () => {
      const out = select([[0.6, 0.1, 0.9, 0.9]], { threshold: 0.5, minFrames: 3 }, [[1, 1, 0, 0]]);
      expect(out).toEqual({ mask: [[1, 1, 0, 0]], counts: [2], usedFallback: [0] });
    });
    it('a sample without any valid frame keeps nothing, with usedFallback true, for every fallback', () => {
      for (const fallback of ['argmax', 'all', 'skip'] as const) {
        expect(select([[0.9, 0.9]], { threshold: 0.5, fallback }, [[0, 0]])).toEqual({ mask: [[0, 0]], counts: [0], usedFallback: [1] });
      }
    });
    it('accepts bool and int32 masks', () => {
      for (const dtype of ['bool', 'int32'] as const) {
        const teacherProbs = probsFromScores(scores);
        const answers = answersOf([1, 1]);
        const validMask = tf.tensor2d(valid, undefined, dtype);
        const out = selectCausalFrames({ teacherProbs, answers, validMask }, { threshold: 0.5 });
        expect(take(out.mask)).toEqual([[0, 1, 1, 0], [0, 1, 0, 0]]);
        tf.dispose([teacherProbs, answers, validMask, out.counts, out.usedFallback]);
      }
    });
  });

  describe('minFrames top-up', () => {
    const scores = [[0.6, 0.2, 0.45, 0.45, 0.1]];
    it('tops up with the next-highest frames, lower index first on ties, without flagging a fallback', () => {
      expect(select(scores, { threshold: 0.5, minFrames: 2 })).toEqual({ mask: [[1, 0, 1, 0, 0]], counts: [2], usedFallback: [0] });
      expect(select(scores, { threshold: 0.5, minFrames: 3 }).mask).toEqual([[1, 0, 1, 1, 0]]);
    });
    it('leaves samples with at least minFrames passing frames alone', () => {
      expect(select([[0.6, 0.7, 0.1]], { threshold: 0.5, minFrames: 2 }).mask).toEqual([[1, 1, 0]]);
    });
    it("with no passing frame: 'argmax' keeps the max(1, minFrames) best, 'skip' keeps none, 'all' keeps all", () => {
      const none = [[0.1, 0.3, 0.2]];
      expect(select(none, { threshold: 0.5, minFrames: 2 })).toEqual({ mask: [[0, 1, 1]], counts: [2], usedFallback: [1] });
      expect(select(none, { threshold: 0.5, minFrames: 2, fallback: 'skip' })).toEqual({ mask: [[0, 0, 0]], counts: [0], usedFallback: [1] });
      expect(select(none, { threshold: 0.5, minFrames: 2, fallback: 'all' }).mask).toEqual([[1, 1, 1]]);
    });
  });

  describe('maxFrames truncation', () => {
    const scores = [[0.9, 0.6, 0.8, 0.7, 0.8]];
    it('keeps the maxFrames highest passing frames, lower index first on ties', () => {
      expect(select(scores, { threshold: 0.5, maxFrames: 2 })).toEqual({ mask: [[1, 0, 1, 0, 0]], counts: [2], usedFallback: [0] });
      expect(select(scores, { threshold: 0.5, maxFrames: 3 }).mask).toEqual([[1, 0, 1, 0, 1]]);
    });
    it('has no effect when fewer frames pass', () => {
      expect(select(scores, { threshold: 0.5, maxFrames: 10 }).mask).toEqual([[1, 1, 1, 1, 1]]);
    });
    it("does not cap the 'all' fallback", () => {
      expect(select([[0.1, 0.2, 0.3]], { threshold: 0.5, fallback: 'all', maxFrames: 1 }).mask).toEqual([[1, 1, 1]]);
    });
    it('combines with minFrames (min <= kept <= max)', () => {
      const out = select([[0.9, 0.1, 0.2], [0.9, 0.8, 0.7]], { threshold: 0.5, minFrames: 2, maxFrames: 2 });
      expect(out.mask).toEqual([[1, 0, 1], [1, 1, 0]]);
      expect(out.counts).toEqual([2, 2]);
    });
  });

  it('with checkValues false, skips the value checks (NaN never passes)', () => {
    const teacherProbs = tf.tensor3d([[[Number.NaN, Number.NaN], [0.1, 0.9]]]);
    const answers = answersOf([1]);
    const out = selectCausalFrames({ teacherProbs, answers }, { threshold: 0.5, checkValues: false });
    expect(take(out.mask)).toEqual([[0, 1]]);
    tf.dispose([teacherProbs, out.counts, out.usedFallback]);
    // a NaN in another candidate's column does not affect p_k[a]
    const otherNaN = tf.tensor3d([[[Number.NaN, 0.9], [0.8, 0.2]]]);
    const out2 = selectCausalFrames({ teacherProbs: otherNaN, answers }, { threshold: 0.5, checkValues: false });
    expect(take(out2.mask)).toEqual([[1, 0]]);
    tf.dispose([otherNaN, answers, out2.counts, out2.usedFallback]);
  });

  it('leaves no tensor behind, for every option set', async () => {
    const teacherProbs = probsFromScores([[0.1, 0.7, 0.3], [0.2, 0.1, 0.3]]);
    const answers = answersOf([1, 1]);
    const validMask = tf.tensor2d([[1, 1, 1], [1, 1, 0]]);
    for (const options of [
      { threshold: 0.5 },
      { threshold: 0.5, fallback: 'all' as const, maxFrames: 1 },
      { threshold: 0.5, fallback: 'skip' as const, minFrames: 2 },
    ]) {
      await expectNoTensorLeak(() => selectCausalFrames({ teacherProbs, answers, validMask }, options));
    }
    tf.dispose([teacherProbs, answers, validMask]);
  });
});

describe('selectCausalFrames: errors', () => {
  const probs = () => probsFromScores([[0.1, 0.7, 0.3], [0.2, 0.1, 0.3]]);

  it('rejects teacherProbs whose B differs from answers (ShapeError)', () => {
    const teacherProbs = tf.zeros([3, 16, 5]) as tf.Tensor3D;
    const answers = answersOf([0, 1, 2, 3]);
    expectTypedError(
      () => selectCausalFrames({ teacherProbs, answers }, { threshold: 0.5 }),
      ShapeError,
      { argument: 'teacherProbs', expected: '[B, T, C] with B = 4 from answers', actual: [3, 16, 5] },
      'selectCausalFrames: teacherProbs must be [B, T, C] with B = 4 from answers, got [3, 16, 5]',
    );
    tf.dispose([teacherProbs, answers]);
  });

  it('rejects teacherProbs of the wrong rank, an empty T or C, and answers of the wrong rank (ShapeError)', () => {
    const answers = answersOf([1, 1]);
    const rank2 = tf.zeros([2, 3]);
    expectTypedError(() => selectCausalFrames({ teacherProbs: rank2 as never, answers }, { threshold: 0.5 }), ShapeError, { actual: [2, 3] }, /teacherProbs must be \[B, T, C\]/);
    const emptyT = tf.zeros([2, 0, 2]) as tf.Tensor3D;
    expectTypedError(
      () => selectCausalFrames({ teacherProbs: emptyT, answers }, { threshold: 0.5 }),
      ShapeError,
      { argument: 'teacherProbs', expected: '[B, T, C] with T >= 1 and C >= 1' },
      'selectCausalFrames: teacherProbs must be [B, T, C] with T >= 1 and C >= 1, got [2, 0, 2]',
    );
    const teacherProbs = probs();
    const answers2d = tf.tensor2d([[1], [1]], undefined, 'int32');
    expectTypedError(
      () => selectCausalFrames({ teacherProbs, answers: answers2d as never }, { threshold: 0.5 }),
      ShapeError,
      { argument: 'answers', expected: '[B] (rank 1)', actual: [2, 1] },
      'selectCausalFrames: answers must be [B] (rank 1), got [2, 1]',
    );
    tf.dispose([answers, rank2, emptyT, teacherProbs, answers2d]);
  });

  it('rejects a validMask whose B or T differs (ShapeError)', () => {
    const teacherProbs = probs();
    const answers = answersOf([1, 1]);
    const validMask = tf.ones([2, 4]) as tf.Tensor2D;
    expectTypedError(
      () => selectCausalFrames({ teacherProbs, answers, validMask }, { threshold: 0.5 }),
      ShapeError,
      { argument: 'validMask', expected: '[B, T] with B = 2, T = 3 from teacherProbs', actual: [2, 4] },
      'selectCausalFrames: validMask must be [B, T] with B = 2, T = 3 from teacherProbs, got [2, 4]',
    );
    tf.dispose([teacherProbs, answers, validMask]);
  });

  it('rejects non-int32 answers and answers outside [0, C) (ValueError)', () => {
    const teacherProbs = probs();
    const floatAnswers = tf.tensor1d([1, 0.5]);
    expectTypedError(
      () => selectCausalFrames({ teacherProbs, answers: floatAnswers }, { threshold: 0.5 }),
      ValueError,
      { field: 'answers.dtype', value: 'float32' },
      "selectCausalFrames: answers.dtype must be 'int32' (integer candidate indices), got 'float32'",
    );
    for (const bad of [2, -1]) {
      const answers = answersOf([1, bad]);
      expectTypedError(
        () => selectCausalFrames({ teacherProbs, answers }, { threshold: 0.5 }),
        ValueError,
        { field: 'answers', value: bad, constraint: 'an integer in [0, 2) (C = 2 candidates)' },
        `selectCausalFrames: answers must be an integer in [0, 2) (C = 2 candidates), got ${bad} at index 1`,
      );
      answers.dispose();
    }
    tf.dispose([teacherProbs, floatAnswers]);
  });

  it('rejects NaN and out-of-[0, 1] probabilities and a non-float32 teacherProbs (ValueError)', () => {
    const answers = answersOf([1]);
    for (const bad of [Number.NaN, 1.5, -0.25]) {
      const teacherProbs = tf.tensor3d([[[0.5, 0.5], [0.2, bad]]]);
      expectTypedError(
        () => selectCausalFrames({ teacherProbs, answers }, { threshold: 0.5 }),
        ValueError,
        { field: 'teacherProbs', value: bad, constraint: 'probabilities in [0, 1] (no NaN)' },
        `selectCausalFrames: teacherProbs must be probabilities in [0, 1] (no NaN), got ${bad} at index [0, 1, 1]`,
      );
      teacherProbs.dispose();
    }
    const intProbs = tf.tensor3d([[[0, 1]]], undefined, 'int32');
    expectTypedError(
      () => selectCausalFrames({ teacherProbs: intProbs, answers }, { threshold: 0.5 }),
      ValueError,
      { field: 'teacherProbs.dtype', value: 'int32' },
      "selectCausalFrames: teacherProbs.dtype must be 'float32', got 'int32'",
    );
    tf.dispose([answers, intProbs]);
  });

  it('rejects a validMask that is not 0/1 (ValueError)', () => {
    const teacherProbs = probs();
    const answers = answersOf([1, 1]);
    const validMask = tf.tensor2d([[1, 1, 1], [1, 0.5, 0]]);
    expectTypedError(
      () => selectCausalFrames({ teacherProbs, answers, validMask }, { threshold: 0.5 }),
      ValueError,
      { field: 'validMask', value: 0.5, constraint: '0 or 1' },
      'selectCausalFrames: validMask must be 0 or 1, got 0.5 at index [1, 1]',
    );
    tf.dispose([teacherProbs, answers, validMask]);
  });

  it('rejects non-tensor and disposed inputs (ValueError)', () => {
    const answers = answersOf([1]);
    expectTypedError(
      () => selectCausalFrames({ teacherProbs: [[[0.5, 0.5]]] as never, answers }, { threshold: 0.5 }),
      ValueError,
      { field: 'teacherProbs', constraint: 'a tf.Tensor' },
      'selectCausalFrames: teacherProbs must be a tf.Tensor, got [[[0.5, 0.5]]]',
    );
    const disposed = tf.tensor3d([[[0.5, 0.5]]]);
    disposed.dispose();
    expectTypedError(() => selectCausalFrames({ teacherProbs: disposed, answers }, { threshold: 0.5 }), ValueError, { field: 'teacherProbs' }, /disposed/);
    expectTypedError(() => selectCausalFrames(null as never, { threshold: 0.5 }), ValueError, { field: 'inputs' }, /^selectCausalFrames: inputs must be an object/);
    answers.dispose();
  });

  it('rejects bad options (ConfigError), naming the field and the value', () => {
    const teacherProbs = probs();
    const answers = answersOf([1, 1]);
    const run = (options: unknown) => () => selectCausalFrames({ teacherProbs, answers }, options as SelectCausalFramesOptions);
    for (const threshold of [1.5, -0.1, Number.NaN, '0.5']) {
      expectTypedError(run({ threshold }), ConfigError, { field: 'threshold', value: threshold, constraint: 'a number in [0, 1]' }, /^selectCausalFrames: threshold must be a number in \[0, 1\], got /);
    }
    expectTypedError(
      run({ threshold: 0.5, fallback: 'none' }),
      ConfigError,
      { field: 'fallback', value: 'none' },
      "selectCausalFrames: fallback must be one of 'argmax', 'all', 'skip', got 'none'",
    );
    expectTypedError(run({ threshold: 0.5, minFrames: -1 }), ConfigError, { field: 'minFrames', value: -1 }, 'selectCausalFrames: minFrames must be an integer >= 0, got -1');
    expectTypedError(run({ threshold: 0.5, minFrames: 1.5 }), ConfigError, { field: 'minFrames', value: 1.5 }, 'selectCausalFrames: minFrames must be an integer >= 0, got 1.5');
    expectTypedError(run({ threshold: 0.5, maxFrames: 0 }), ConfigError, { field: 'maxFrames', value: 0 }, 'selectCausalFrames: maxFrames must be an integer >= 1, got 0');
    expectTypedError(
      run({ threshold: 0.5, minFrames: 3, maxFrames: 2 }),
      ConfigError,
      { field: 'minFrames', value: 3, constraint: '<= maxFrames (2)' },
      'selectCausalFrames: minFrames must be <= maxFrames (2), got 3',
    );
    expectTypedError(run({ threshold: 0.5, checkValues: 'yes' }), ConfigError, { field: 'checkValues' }, "selectCausalFrames: checkValues must be a boolean, got 'yes'");
    expectTypedError(run({ treshold: 0.3 }), ConfigError, { field: 'treshold', value: 0.3 }, /^selectCausalFrames: treshold must be absent \(unknown option; known: threshold, /);
    expectTypedError(run(undefined), ConfigError, { field: 'options' }, 'selectCausalFrames: options must be an object, got undefined');
    tf.dispose([teacherProbs, answers]);
  });

  it('creates no tensors on any error path', async () => {
    const teacherProbs = probs();
    const answers = answersOf([1, 1]);
    const badAnswers = answersOf([1, 7]);
    const badMask = tf.tensor2d([[1, 1, 2], [1, 1, 1]]);
    const badProbs = tf.tensor3d([[[0.5, Number.NaN]], [[0.5, 0.5]]]);
    const wrongB = answersOf([1, 1, 1]);
    await expectNoTensorLeak(throwing(() => selectCausalFrames({ teacherProbs, answers: badAnswers }, { threshold: 0.5 })));
    await expectNoTensorLeak(throwing(() => selectCausalFrames({ teacherProbs, answers, validMask: badMask }, { threshold: 0.5 })));
    await expectNoTensorLeak(throwing(() => selectCausalFrames({ teacherProbs: badProbs, answers }, { threshold: 0.5 })));
    await expectNoTensorLeak(throwing(() => selectCausalFrames({ teacherProbs, answers: wrongB }, { threshold: 0.5 })));
    await expectNoTensorLeak(throwing(() => selectCausalFrames({ teacherProbs, answers }, { threshold: 2 })));
    tf.dispose([teacherProbs, answers, badAnswers, badMask, badProbs, wrongB]);
  });
});
