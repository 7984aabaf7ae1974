import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectArrayClose, expectNoTensorLeak, expectTensorClose, mulberry32 } from '@sparc-vqa/testing';
import { createMixup } from './create-mixup.js';
import { createRng } from './create-rng.js';
import { ConfigError, ShapeError, ValueError } from './errors.js';
import { sampleBeta } from './sample-beta.js';
import { samplePartner } from './sample-partner.js';
import { catchError, expectMixed, float32Bits, randomTensor } from './test-utils.js';
import type { MixupInputs, MixupOutputs } from './types.js';

const B = 6;
const T = 8;
const D = 5;
const C = 5;
const L = 4;

/** A batch shaped like HGA's inputs (small sizes): video [B, T, D], qa [B, C, L, 3], lengths [B, C]. */
function hgaBatch(seed: number): Required<Pick<MixupInputs, 'video' | 'qa' | 'targets' | 'causalMask' | 'qaLengths'>> & { answers: number[] } {
  const rng = mulberry32(seed);
  const video = randomTensor([B, T, D], seed, 4);
  // A frame of special values in a sample's non-causal frame 0 (causalMask[.., 0] = 0 below).
  const v = video.dataSync() as Float32Array;
  v.set([-0, 3e38, -3e38, 1e-42, -1e-7], (2 * T + 0) * D);
  const videoSpecial = tf.tensor(v, [B, T, D]);
  video.dispose();
  const causal = Array.from({ length: B }, () => Array.from({ length: T }, (_, t) => (t > 0 && rng() < 0.5 ? 1 : 0)));
  const answers = Array.from({ length: B }, () => Math.floor(rng() * C));
  const lengths = Array.from({ length: B }, () => Array.from({ length: C }, () => 1 + Math.floor(rng() * L)));
  const qaData = randomTensor([B, C, L, 3], seed + 1).arraySync() as number[][][][];
  // zero the padding rows (HGA's QA features are zero past the length)
  qaData.forEach((s, i) => s.forEach((cand, c) => cand.forEach((row, l) => (l >= lengths[i]![c]! ? row.fill(0) : row))));
  return {
    video: videoSpecial,
    qa: tf.tensor4d(qaData),
    targets: tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(answers, 'int32'), C), 'float32')) as tf.Tensor2D,
    causalMask: tf.tensor2d(causal),
    qaLengths: tf.tensor2d(lengths, undefined, 'int32'),
    answers,
  };
}

function disposeBatch(batch: object): void {
  tf.dispose(Object.values(batch).filter((x) => x instanceof tf.Tensor) as tf.Tensor[]);
}

/** Checks every frame: mixed ones follow the formula, the others are bit-identical. */
function expectVideoRule(out: MixupOutputs, video: tf.Tensor, mixed: number[][]): void {
  const partner = out.draw.partner;
  const d = video.size / (video.shape[0]! * video.shape[1]!);
  const t = video.shape[1]!;
  const x = video.dataSync() as Float32Array;
  const y = out.video.dataSync() as Float32Array;
  const xb = float32Bits(video);
  const yb = float32Bits(out.video);
  mixed.forEach((row, i) =>
    row.forEach((m, f) => {
      const base = (i * t + f) * d;
      const pbase = (partner[i]! * t + f) * d;
      if (m) expectMixed(y.slice(base, base + d), x.slice(base, base + d), x.slice(pbase, pbase + d), out.lambda, `[${i}, ${f}]`);
      else expect(Array.from(yb.slice(base, base + d)), `frame [${i}, ${f}] bit-identical`).toEqual(Array.from(xb.slice(base, base + d)));
    }),
  );
}

function snapshot(out: MixupOutputs): unknown {
  return {
    lambda: out.lambda,
    partner: Array.from(out.partner.dataSync()),
    video: Array.from(float32Bits(out.video)),
    qa: Array.from(float32Bits(out.qa)),
    targets: Array.from(float32Bits(out.targets)),
  };
}

describe("createMixup, mode 'tgm' (paper A.2)", () => {
  it('mixes only causal frames (others bit-identical), QA and targets with the same lambda, lengths by max', () => {
    const batch = hgaBatch(1);
    const mixer = createMixup({ tgmFrames: 'own', mode: 'tgm', alpha: 0.4, beta: 0.4, seed: 5, partner: 'derangement' });
    const out = mixer.mix(batch);
    const { lambda, draw } = out;
    const partner = draw.partner;
    expect(lambda).toBeGreaterThan(0);
    expect(lambda).toBeLessThan(1);
    expect(Array.from(out.partner.dataSync())).toEqual([...partner]);
    expect(out.partner.dtype).toBe('int32');
    expect([...partner].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    // video
    const causal = batch.causalMask.arraySync() as number[][];
    expect(out.mixedMask.arraySync()).toEqual(causal);
    expectVideoRule(out, batch.video, causal);
    // qa: same lambda
    const per = C * L * 3;
    const qx = batch.qa.dataSync() as Float32Array;
    const qy = out.qa.dataSync() as Float32Array;
    for (let i = 0; i < B; i++) {
      const j = partner[i]!;
      expectMixed(qy.slice(i * per, (i + 1) * per), qx.slice(i * per, (i + 1) * per), qx.slice(j * per, (j + 1) * per), lambda, `qa[${i}]`);
    }
    // targets: lambda onehot(a_i) + (1 - lambda) onehot(a_j), valid distributions
    const want = batch.answers.map((a, i) =>
      Array.from({ length: C }, (_, c) => (c === a ? Math.fround(lambda) : 0) + (c === batch.answers[partner[i]!] ? Math.fround(1 - lambda) : 0)),
    );
    expectTensorClose(out.targets, want, { rtol: 1e-6, atol: 1e-7 });
    for (const row of out.targets.arraySync()) {
      expect(row.every((p) => p >= 0 && p <= 1)).toBe(true);
      expectArrayClose(row.reduce((s, p) => s + p, 0), 1, { atol: 1e-6 });
    }
    // qaLengths: elementwise max with the partner's
    const len = batch.qaLengths.arraySync() as number[][];
    expect(out.qaLengths!.arraySync()).toEqual(len.map((row, i) => row.map((l, c) => Math.max(l, len[partner[i]!]![c]!))));
    expect(out.partnerQa).toBeUndefined();
    tf.dispose(out);
    disposeBatch(batch);
  });

  it('accepts int32 answers with numCandidates (same result as one-hot targets)', () => {
    const batch = hgaBatch(2);
    const answers = tf.tensor1d(batch.answers, 'int32');
    const a = createMixup({ tgmFrames: 'own', seed: 3 }).mix(batch);
    const b = createMixup({ tgmFrames: 'own', seed: 3 }).mix({ ...batch, targets: answers, numCandidates: C });
    expect(float32Bits(b.targets)).toEqual(float32Bits(a.targets));
    tf.dispose([a, b, answers]);
    disposeBatch(batch);
  });

  it('validMask: a causal frame whose partner frame is padding keeps the sample\'s own frame', () => {
    const video = randomTensor([2, 4, 3], 8);
    const mixer = createMixup({ tgmFrames: 'own', seed: 1, partner: 'flip', alpha: 1 });
    const out = mixer.mix({
      video,
      qa: tf.zeros([2, 2]),
      targets: tf.tensor2d([[1, 0], [0, 1]]),
      causalMask: tf.tensor2d([[1, 1, 1, 0], [1, 1, 1, 1]]),
      validMask: tf.tensor2d([[1, 1, 1, 1], [1, 1, 0, 0]]),
    });
    const want = [
      [1, 1, 0, 0], // frame 2: partner's frame is padding -> own frame kept; frame 3: not causal
      [1, 1, 0, 0], // frames 2-3 are the sample's own padding -> stay padding
    ];
    expect(out.mixedMask.arraySync()).toEqual(want);
    expectVideoRule(out, video, want);
    tf.dispose([video, out]);
  });

  it('mixes a 5-D VGT-shaped video [B, clips, frames, R, F] with a [B, clips] causal mask', () => {
    const video = randomTensor([3, 4, 2, 2, 3], 9);
    const causal = [[1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0]];
    const out = createMixup({ tgmFrames: 'own', seed: 11, partner: 'derangement' }).mix({
      video,
      qa: randomTensor([3, 5, 7], 1),
      targets: tf.tensor2d([[1, 0], [0, 1], [0.5, 0.5]]),
      causalMask: tf.tensor2d(causal),
    });
    expect(out.video.shape).toEqual([3, 4, 2, 2, 3]);
    expectVideoRule(out, video, causal);
    tf.dispose([video, out]);
  });
});

describe("createMixup, mode 'mixup' (Zhang et al. 2017)", () => {
  it('mixes every frame and ignores causalMask', () => {
    const batch = hgaBatch(3);
    const withMask = createMixup({ mode: 'mixup', seed: 7, partner: 'derangement' }).mix(batch);
    const { causalMask, ...noMask } = batch;
    const without = createMixup({ mode: 'mixup', seed: 7, partner: 'derangement' }).mix(noMask);
    const all = Array.from({ length: B }, () => new Array<number>(T).fill(1));
    expect(withMask.mixedMask.arraySync()).toEqual(all);
    expectVideoRule(withMask, batch.video, all);
    expect(snapshot(without)).toEqual(snapshot(withMask));
    tf.dispose([withMask, without, causalMask]);
    disposeBatch(noMask);
  });
});

describe("createMixup, targets 'concat' (EIGV)", () => {
  it('keeps qa, returns the partner\'s qa and lengths, targets [B, 2C] = [lambda y_i, (1 - lambda) y_j]', () => {
    const batch = hgaBatch(4);
    const out = createMixup({ tgmFrames: 'own', seed: 2, targets: 'concat' }).mix(batch);
    const partner = out.draw.partner;
    expect(float32Bits(out.qa)).toEqual(float32Bits(batch.qa));
    const per = C * L * 3;
    const qb = float32Bits(batch.qa);
    const pb = float32Bits(out.partnerQa!);
    for (let i = 0; i < B; i++) expect(pb.slice(i * per, (i + 1) * per)).toEqual(qb.slice(partner[i]! * per, (partner[i]! + 1) * per));
    const len = batch.qaLengths.arraySync() as number[][];
    expect(out.qaLengths!.arraySync()).toEqual(len);
    expect(out.partnerQaLengths!.arraySync()).toEqual(partner.map((j) => len[j]));
    expect(out.targets.shape).toEqual([B, 2 * C]);
    const rows = out.targets.arraySync();
    rows.forEach((row, i) => {
      expectArrayClose(row.reduce((s, p) => s + p, 0), 1, { atol: 1e-6 });
      expectArrayClose(row[batch.answers[i]!]!, Math.fround(out.lambda), { rtol: 1e-6 });
      expectArrayClose(row[C + batch.answers[partner[i]!]!]!, Math.fround(1 - out.lambda), { rtol: 1e-6 });
    });
    // video is mixed exactly as in 'mixed' form
    expectVideoRule(out, batch.video, batch.causalMask.arraySync() as number[][]);
    tf.dispose(out);
    disposeBatch(batch);
  });

  it('accepts int32 QA (token ids) since QA is only gathered', () => {
    const out = createMixup({ seed: 2, targets: 'concat', mode: 'mixup' }).mix({
      video: tf.zeros([2, 3, 1]),
      qa: tf.tensor2d([[5, 6], [7, 8]], undefined, 'int32'),
      targets: tf.tensor2d([[1, 0], [0, 1]]),
    });
    expect(out.partnerQa!.dtype).toBe('int32');
    tf.dispose(out);
  });
});

describe('createMixup determinism and state', () => {
  it('same seed -> identical batches (lambda, partner, tensors); different seeds differ', () => {
    const batch = hgaBatch(5);
    const run = (seed: number) => {
      const mixer = createMixup({ tgmFrames: 'own', seed, alpha: 0.4 });
      return [0, 1, 2].map(() => {
        const out = mixer.mix(batch);
        const snap = snapshot(out);
        tf.dispose(out);
        return snap;
      });
    };
    expect(run(10)).toEqual(run(10));
    const a = run(10) as { lambda: number }[];
    const b = run(11) as { lambda: number }[];
    expect(a.map((s) => s.lambda)).not.toEqual(b.map((s) => s.lambda));
    disposeBatch(batch);
  });

  it('draws lambda first (sampleBeta), then the partner (samplePartner), from one stream', () => {
    const mixer = createMixup({ tgmFrames: 'own', alpha: 0.1, beta: 0.3, seed: 77 });
    const rng = createRng(77);
    for (let k = 0; k < 20; k++) {
      const draw = mixer.draw(9);
      expect(draw.lambda).toBe(sampleBeta(0.1, 0.3, rng));
      expect(draw.partner).toEqual(samplePartner(9, { rng }));
    }
  });

  it('the RNG advances per call; getState/setState resumes exactly (also across mixers and through JSON)', () => {
    const batch = hgaBatch(6);
    const mixer = createMixup({ tgmFrames: 'own', seed: 123 });
    tf.dispose([mixer.mix(batch), mixer.mix(batch)]);
    const saved = JSON.parse(JSON.stringify(mixer.getState()));
    expect(saved.draws).toBe(2);
    const next = [0, 1, 2].map(() => {
      const out = mixer.mix(batch);
      const s = snapshot(out);
      tf.dispose(out);
      return s;
    });
    expect(next[0]).not.toEqual(next[1]); // the stream moves on
    const resumed = createMixup({ tgmFrames: 'own', seed: 999 });
    resumed.setState(saved);
    const again = [0, 1, 2].map(() => {
      const out = resumed.mix(batch);
      const s = snapshot(out);
      tf.dispose(out);
      return s;
    });
    expect(again).toEqual(next);
    expect(resumed.getState()).toEqual(mixer.getState());
    disposeBatch(batch);
  });

  it('a call that throws does not advance the generator', () => {
    const batch = hgaBatch(7);
    const a = createMixup({ tgmFrames: 'own', seed: 4 });
    const b = createMixup({ tgmFrames: 'own', seed: 4 });
    const before = a.getState();
    expect(() => a.mix({ ...batch, causalMask: tf.zeros([B, T - 1]) })).toThrow();
    expect(a.getState()).toEqual(before);
    expect(a.draw(B)).toEqual(b.draw(B));
    disposeBatch(batch);
  });

  it('mix(inputs, { draw }) replays a logged draw without touching the generator', () => {
    const batch = hgaBatch(8);
    const mixer = createMixup({ tgmFrames: 'own', seed: 31 });
    const first = mixer.mix(batch);
    const state = mixer.getState();
    const replay = mixer.mix(batch, { draw: JSON.parse(JSON.stringify(first.draw)) });
    expect(snapshot(replay)).toEqual(snapshot(first));
    expect(mixer.getState()).toEqual(state);
    tf.dispose([first, replay]);
    disposeBatch(batch);
  });

  it('a batch of one is mixed with itself: a no-op, bit for bit (lambda is still drawn)', () => {
    const video = randomTensor([1, 4, 3], 1);
    const qa = randomTensor([1, 5, 2], 2);
    const targets = tf.tensor2d([[0.2, 0.3, 0.5]]);
    for (const mode of ['tgm', 'mixup'] as const) {
      const mixer = createMixup({ tgmFrames: 'own', seed: 1, mode });
      const out = mixer.mix({ video, qa, targets, causalMask: tf.ones([1, 4]) });
      expect(out.draw.partner).toEqual([0]);
      expect(mixer.getState().draws).toBe(1);
      expect(float32Bits(out.video)).toEqual(float32Bits(video));
      expect(float32Bits(out.qa)).toEqual(float32Bits(qa));
      expect(float32Bits(out.targets)).toEqual(float32Bits(targets));
      expect(out.mixedMask.arraySync()).toEqual([[0, 0, 0, 0]]);
      tf.dispose(out);
    }
    tf.dispose([video, qa, targets]);
  });

  it('an injected rng is used (no seed needed) but cannot be snapshotted', () => {
    const mixer = createMixup({ tgmFrames: 'own', rng: mulberry32(3) });
    const rng = mulberry32(3);
    expect(mixer.draw(4).lambda).toBe(sampleBeta(0.1, 0.1, rng));
    expect(mixer.config.seed).toBeUndefined();
    expect(() => mixer.getState()).toThrow(/^getState: the injected rng has no getState\/setState/);
    expect(() => mixer.setState({ rng: [1, 2, 3, 4], draws: 0 })).toThrow(/^setState: the injected rng/);
    // a SeededRng injected works with getState
    const seeded = createMixup({ tgmFrames: 'own', rng: createRng(5) });
    expect(seeded.getState().rng).toHaveLength(4);
  });

  it('exposes its resolved, frozen config', () => {
    const mixer = createMixup({ tgmFrames: 'own', seed: 8, alpha: 0.2 });
    expect(mixer.config).toEqual({ mode: 'tgm', tgmFrames: 'own', alpha: 0.2, beta: 0.2, targets: 'mixed', partner: 'permutation', checkValues: true, seed: 8 });
    expect(Object.isFrozen(mixer.config)).toBe(true);
  });
});

describe('createMixup leaks', () => {
  it('leaks no tensors in any mode, with and without optional inputs, and on error paths', async () => {
    const batch = hgaBatch(9);
    const validMask = tf.ones([B, T]);
    const answers = tf.tensor1d(batch.answers, 'int32');
    const badMask = tf.zeros([B, T - 1]);
    for (const options of [
      { mode: 'tgm' as const },
      { mode: 'mixup' as const },
      { targets: 'concat' as const },
      { targets: 'concat' as const, mode: 'mixup' as const },
    ]) {
      const mixer = createMixup({ ...options, seed: 1 });
      await expectNoTensorLeak(() => mixer.mix({ ...batch, validMask }));
      await expectNoTensorLeak(() => mixer.mix({ video: batch.video, qa: batch.qa, targets: answers, numCandidates: C, causalMask: batch.causalMask }));
      await expectNoTensorLeak(() => {
        expect(() => mixer.mix({ ...batch, causalMask: badMask })).toThrow();
        return undefined;
      });
      await expectNoTensorLeak(() => {
        expect(() => mixer.mix(batch, { draw: { lambda: 2, partner: [0, 1, 2, 3, 4, 5] } })).toThrow();
        return undefined;
      });
    }
    tf.dispose([validMask, answers, badMask]);
    disposeBatch(batch);
  });
});

describe('createMixup errors', () => {
  it('requires exactly one of seed and rng, and validates options', () => {
    const none = catchError(() => createMixup({}), ConfigError.isInstance);
    expect(none.field).toBe('seed');
    expect(none.message).toBe('createMixup: a seed (integer) or an rng is required; there is no default randomness');
    const both = catchError(() => createMixup({ tgmFrames: 'own', seed: 1, rng: createRng(1) }), ConfigError.isInstance);
    expect(both.field).toBe('rng');
    expect(both.message).toBe('createMixup: give either seed or rng, not both (seed 1 and an rng)');
    const alpha = catchError(() => createMixup({ tgmFrames: 'own', seed: 1, alpha: 0 }), ConfigError.isInstance);
    expect(alpha.message).toBe('createMixup: alpha must be a finite number > 0, got 0');
    expect(catchError(() => createMixup({ tgmFrames: 'own', seed: 1, beta: NaN }), ConfigError.isInstance).field).toBe('beta');
    expect(catchError(() => createMixup({ tgmFrames: 'own', seed: 1, mode: 'cutmix' as never }), ConfigError.isInstance).message).toBe(
      `createMixup: mode must be one of 'tgm', 'mixup', got "cutmix"`,
    );
    expect(catchError(() => createMixup({ tgmFrames: 'own', seed: 1, lambda: 0.5 } as never), ConfigError.isInstance).field).toBe('lambda');
    expect(catchError(() => createMixup(undefined as never), ConfigError.isInstance).field).toBe('(options)');
    expect(catchError(() => createMixup({ tgmFrames: 'own', rng: 42 as never }), ValueError.isInstance).message).toBe(
      'createMixup: rng must be a function returning numbers in [0, 1), got number',
    );
  });

  describe('mix input checks', () => {
    const mixer = createMixup({ tgmFrames: 'own', seed: 1 });
    const base = () => ({
      video: tf.zeros([4, 16, 32]),
      qa: tf.zeros([4, 5, 3]),
      targets: tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 5), 'float32')),
      causalMask: tf.ones([4, 16]),
    });

    it('causalMask [4, 8] against video [4, 16, 32]: ShapeError with both shapes', () => {
      const e = catchError(() => mixer.mix({ ...base(), causalMask: tf.zeros([4, 8]) }), ShapeError.isInstance);
      expect(e.message).toBe("mix: causalMask must be [B, T] = [4, 16] matching video [4, 16, 32] (or a longer prefix of video's shape), got [4, 8]");
      expect(e.argument).toBe('causalMask');
      expect(e.expected).toBe('[B, T] = [4, 16] matching video [4, 16, 32]');
      expect(e.actual).toEqual([4, 8]);
    });

    it.each([
      ['video rank 1', { video: tf.zeros([4]) }, ShapeError, 'video', 'mix: video must be [B, T, ...] (rank >= 2), got [4]'],
      ['video empty batch', { video: tf.zeros([0, 16, 32]) }, ShapeError, 'video', 'mix: video must hold at least one sample (B >= 1), got [0, 16, 32]'],
      ['qa batch', { qa: tf.zeros([3, 5, 3]) }, ShapeError, 'qa', 'mix: qa must be [B, ...] with B = 4 matching video [4, 16, 32], got [3, 5, 3]'],
      ['qa scalar', { qa: tf.scalar(0) }, ShapeError, 'qa', 'mix: qa must be [B, ...] with B = 4 matching video [4, 16, 32], got []'],
      ['targets batch', { targets: tf.zeros([3, 5]) }, ShapeError, 'targets', 'mix: targets must be [B, C] = [4, C] matching video [4, 16, 32] with C >= 1, got [3, 5]'],
      ['targets rank', { targets: tf.zeros([4, 5, 1]) }, ShapeError, 'targets', 'mix: targets must be [B, C] = [4, C] matching video [4, 16, 32] with C >= 1, got [4, 5, 1]'],
      ['answers batch', { targets: tf.zeros([3], 'int32'), numCandidates: 5 }, ShapeError, 'targets', 'mix: targets given as int32 answers must be [B] = [4] matching video [4, 16, 32], got [3]'],
      ['validMask', { validMask: tf.ones([4, 15]) }, ShapeError, 'validMask', "mix: validMask must be [B, T] = [4, 16] matching video [4, 16, 32] (or a longer prefix of video's shape), got [4, 15]"],
      ['qaLengths', { qaLengths: tf.zeros([4, 4], 'int32') }, ShapeError, 'qaLengths', "mix: qaLengths must be [B, C] = [4, 5] matching qa [4, 5, 3] (or a longer prefix of qa's shape), got [4, 4]"],
    ] as const)('%s: ShapeError', (_, patch, Cls, argument, message) => {
      const e = catchError(() => mixer.mix({ ...base(), ...patch } as MixupInputs), Cls.isInstance);
      expect(e.argument).toBe(argument);
      expect(e.message).toBe(message);
    });

    it.each([
      ['video dtype', { video: tf.zeros([4, 16], 'int32') }, 'video.dtype', 'mix: video must have dtype float32, got int32'],
      ['qa dtype (mixed form)', { qa: tf.zeros([4, 5], 'int32') }, 'qa.dtype', 'mix: qa must have dtype float32, got int32'],
      ['targets dtype', { targets: tf.zeros([4, 5], 'bool') }, 'targets.dtype', 'mix: targets must be float32 [B, C] distributions or int32 answers [B], got dtype bool'],
      ['targets NaN', { targets: tf.tensor2d([[NaN, 1], [1, 0], [1, 0], [1, 0]]) }, 'targets', 'mix: targets must be probabilities in [0, 1] (one-hot or soft), got NaN at [0, 0]'],
      ['targets row sum', { targets: tf.tensor2d([[1, 0], [1, 0], [0.3, 0.3], [1, 0]]) }, 'targets', 'mix: targets rows must sum to 1, row 2 sums to 0.6000000238418579'],
      ['targets logits', { targets: tf.tensor2d([[3, -1], [1, 0], [1, 0], [1, 0]]) }, 'targets', 'mix: targets must be probabilities in [0, 1] (one-hot or soft), got 3 at [0, 0]'],
      ['answers range', { targets: tf.tensor1d([0, 1, 5, 2], 'int32'), numCandidates: 5 }, 'targets', 'mix: targets must be integers in [0, 5), got 5 at index 2'],
      ['numCandidates missing', { targets: tf.tensor1d([0, 1, 2, 2], 'int32') }, 'numCandidates', 'mix: numCandidates must be an integer >= 1 when targets are int32 answers, got undefined'],
      ['causalMask missing', { causalMask: undefined }, 'causalMask', "mix: causalMask [B, T] is required when mode is 'tgm' (use mode 'mixup' to mix every frame)"],
      ['causalMask values', { causalMask: tf.fill([4, 16], 0.7) }, 'causalMask', 'mix: causalMask must hold only 0 and 1, got 0.699999988079071 at flat index 0'],
      ['validMask values', { validMask: tf.fill([4, 16], 2) }, 'validMask', 'mix: validMask must hold only 0 and 1, got 2 at flat index 0'],
      ['qaLengths dtype', { qaLengths: tf.zeros([4, 5]) }, 'qaLengths.dtype', 'mix: qaLengths must have dtype int32, got float32'],
      ['qaLengths negative', { qaLengths: tf.fill([4], -1, 'int32') }, 'qaLengths', 'mix: qaLengths must be in [0, 5], got -1 at flat index 0'],
      ['qaLengths too long', { qaLengths: tf.fill([4, 5], 4, 'int32') }, 'qaLengths', 'mix: qaLengths must be in [0, 3], got 4 at flat index 0'],
      ['video not a tensor', { video: [[0]] }, 'video', 'mix: video must be a tf.Tensor, got an array'],
    ] as const)('%s: ValueError', (_, patch, field, message) => {
      const e = catchError(() => mixer.mix({ ...base(), ...patch } as unknown as MixupInputs), ValueError.isInstance);
      expect(e.field).toBe(field);
      expect(e.message).toBe(message);
    });

    it('checkValues: false skips the value checks (no device sync)', () => {
      const lax = createMixup({ tgmFrames: 'own', seed: 1, checkValues: false });
      const out = lax.mix({ ...base(), targets: tf.tensor2d([[0.3, 0.3], [1, 0], [1, 0], [1, 0]]) });
      expect(out.targets.shape).toEqual([4, 2]);
      tf.dispose(out);
    });

    it("in 'mixup' mode causalMask is optional and its values are not checked, but its shape is", () => {
      const m = createMixup({ seed: 1, mode: 'mixup' });
      tf.dispose(m.mix({ ...base(), causalMask: tf.fill([4, 16], 0.5) }));
      expect(() => m.mix({ ...base(), causalMask: tf.ones([4, 3]) })).toThrow(ShapeError);
    });

    it('rejects a malformed replay draw, state, batch size and inputs object', () => {
      expect(catchError(() => mixer.mix(base(), { draw: { lambda: 1.5, partner: [0, 1, 2, 3] } }), ValueError.isInstance).message).toBe(
        'mix: lambda must be a number in [0, 1], got 1.5',
      );
      expect(catchError(() => mixer.mix(base(), { draw: { lambda: 0.5, partner: [0, 1] } }), ShapeError.isInstance).message).toBe(
        'mix: partner must have length B = 4, got length 2',
      );
      expect(catchError(() => mixer.mix(base(), { draw: { lambda: 0.5 } as never }), ValueError.isInstance).field).toBe('draw');
      expect(catchError(() => mixer.setState({ rng: [1, 2, 3, 4], draws: -1 }), ValueError.isInstance).message).toMatch(
        /^setState: state must be \{ rng: \[4 uint32\], draws: integer >= 0 \}/,
      );
      expect(catchError(() => mixer.setState({ rng: [1, 2, 3] as never, draws: 0 }), ValueError.isInstance).field).toBe('state');
      expect(catchError(() => mixer.draw(0), ValueError.isInstance).message).toBe('draw: batchSize must be an integer >= 1, got 0');
      expect(catchError(() => mixer.mix(null as never), ValueError.isInstance).field).toBe('inputs');
    });
  });
});
