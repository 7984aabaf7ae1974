import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak, expectTensorClose } from '@sparc-vqa/testing';
import { ShapeError, ValueError } from './errors.js';
import { mixVideo } from './mix-video.js';
import { catchError, expectMixed, float32Bits, randomTensor } from './test-utils.js';

/** JS reference of the rule: frame (i, t) mixed iff mask[i][t] (all D features of the frame). */
function expectFrames(
  out: tf.Tensor,
  video: tf.Tensor,
  partner: readonly number[],
  mixed: readonly (readonly number[])[],
  lambda: number,
): void {
  const [b, t] = video.shape as [number, number];
  const d = video.size / (b * t);
  const x = video.dataSync() as Float32Array;
  const y = out.dataSync() as Float32Array;
  const xBits = float32Bits(video);
  const yBits = float32Bits(out);
  for (let i = 0; i < b; i++) {
    for (let f = 0; f < t; f++) {
      const base = (i * t + f) * d;
      const pbase = (partner[i]! * t + f) * d;
      if (mixed[i]![f]) {
        expectMixed(y.slice(base, base + d), x.slice(base, base + d), x.slice(pbase, pbase + d), lambda, `frame [${i}, ${f}]`);
      } else {
        expect(Array.from(yBits.slice(base, base + d)), `frame [${i}, ${f}] must be bit-identical`).toEqual(
          Array.from(xBits.slice(base, base + d)),
        );
      }
    }
  }
}

describe('mixVideo', () => {
  const partner = [1, 2, 0];
  const causal = [
    [1, 0, 1, 0],
    [0, 1, 1, 0],
    [0, 0, 0, 1],
  ];
  // [B=3, T=4, D=3] with special values in non-causal frames: -0, 3e38, a subnormal, and an Infinity/NaN
  // frame that sample 1 (partner of nobody's causal frame there) would turn into NaN with x*1 + y*0.
  function specialVideo(): tf.Tensor {
    const v = randomTensor([3, 4, 3], 1, 10).dataSync() as Float32Array;
    v.set([-0, 3e38, -1e-40], (0 * 4 + 1) * 3); // sample 0, frame 1: non-causal
    v.set([Infinity, NaN, -0], (2 * 4 + 0) * 3); // sample 2, frame 0: non-causal for 2 and for 1 (whose partner is 2)
    v.set([-3e38, 0, -0], (1 * 4 + 3) * 3); // sample 1, frame 3: non-causal
    return tf.tensor(v, [3, 4, 3]);
  }

  it('TGM: non-causal frames are bit-identical (-0, 3e38, subnormal, Inf/NaN partner), causal frames are lambda x_i + (1 - lambda) x_j', () => {
    const video = specialVideo();
    const causalMask = tf.tensor2d(causal);
    const { video: out, mixedMask } = mixVideo({ video, partner, causalMask }, { lambda: 0.3, frames: 'own' });
    expect(out.shape).toEqual([3, 4, 3]);
    expect(out.dtype).toBe('float32');
    expectFrames(out, video, partner, causal, 0.3);
    expectTensorClose(mixedMask, causal, { atol: 0 });
    // Arithmetic masking would have failed here: 1 * x + 0 * Inf is NaN.
    expect(Array.from((out.dataSync() as Float32Array).slice(12, 15))).toEqual(Array.from((video.dataSync() as Float32Array).slice(12, 15)));
    tf.dispose([video, causalMask, out, mixedMask]);
  });

  it('hand-computed example from the TSDoc', () => {
    const video = tf.tensor3d([[[1], [2]], [[10], [20]]]);
    // 'union' (default): each sample mixes at its causal frame and at its partner's, so both frames mix:
    // sample 0: [.75*1 + .25*10, .75*2 + .25*20] = [3.25, 6.5]; sample 1: [.75*10 + .25*1, .75*20 + .25*2] = [7.75, 15.5].
    const { video: out, mixedMask } = mixVideo({ video, partner: [1, 0], causalMask: tf.tensor2d([[1, 0], [0, 1]]) }, { lambda: 0.75 });
    expectTensorClose(out, [[[3.25], [6.5]], [[7.75], [15.5]]], { atol: 0 });
    expectTensorClose(mixedMask, [[1, 1], [1, 1]], { atol: 0 });
    // 'own': only each sample's own causal frame.
    const own = mixVideo({ video, partner: [1, 0], causalMask: tf.tensor2d([[1, 0], [0, 1]]) }, { lambda: 0.75, frames: 'own' });
    expectTensorClose(own.video, [[[3.25], [2]], [[10], [15.5]]], { atol: 0 });
    tf.dispose([video, out, mixedMask, own]);
  });

  it("'union' brings the partner's causal frames in at the partner's positions (what carries its answer)", () => {
    // B = 3, T = 4, D = 1: frame t of sample i holds 100 * i + t. Partners 0 -> 2, 1 -> 1 (itself), 2 -> 0.
    const video = tf.tensor3d([0, 1, 2, 3, 100, 101, 102, 103, 200, 201, 202, 203], [3, 4, 1]);
    const causalMask = tf.tensor2d([[1, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 1]]);
    const validMask = tf.tensor2d([[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 0]]);
    const { video: out, mixedMask } = mixVideo({ video, partner: [2, 1, 0], causalMask, validMask }, { lambda: 0.25 });
    // sample 0: union {0, 3}, but frame 3 of the partner is padding -> only frame 0 mixes: .25*0 + .75*200 = 150.
    // sample 1 is its own partner: unchanged. sample 2: union {0, 3}; frame 3 is its own padding -> frame 0: .25*200 + .75*0 = 50.
    expectTensorClose(out, [[[150], [1], [2], [3]], [[100], [101], [102], [103]], [[50], [201], [202], [203]]], { atol: 1e-6 });
    expectTensorClose(mixedMask, [[1, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0]], { atol: 0 });
    expect(() => mixVideo({ video, partner: [2, 1, 0], causalMask }, { lambda: 0.25, frames: 'both' as never })).toThrow(/frames must be 'union' or 'own'/);
    tf.dispose([video, causalMask, validMask, out, mixedMask]);
  });

  it('accepts partner as an int32 tensor and masks as int32 or bool', () => {
    const video = randomTensor([3, 4, 2], 2);
    const a = mixVideo({ video, partner, causalMask: tf.tensor2d(causal) }, { lambda: 0.6, frames: 'own' });
    const b = mixVideo(
      { video, partner: tf.tensor1d(partner, 'int32'), causalMask: tf.tensor2d(causal, undefined, 'int32') },
      { lambda: 0.6, frames: 'own' },
    );
    const c = mixVideo({ video, partner, causalMask: tf.tensor2d(causal, undefined, 'bool') }, { lambda: 0.6, frames: 'own' });
    expect(float32Bits(b.video)).toEqual(float32Bits(a.video));
    expect(float32Bits(c.video)).toEqual(float32Bits(a.video));
    tf.dispose([video, a, b, c]);
  });

  it('without causalMask mixes every frame (plain mixup)', () => {
    const video = randomTensor([3, 4, 2], 3);
    const { video: out, mixedMask } = mixVideo({ video, partner }, { lambda: 0.2 });
    const all = [1, 1, 1, 1];
    expectFrames(out, video, partner, [all, all, all], 0.2);
    expectTensorClose(mixedMask, [all, all, all], { atol: 0 });
    tf.dispose([video, out, mixedMask]);
  });

  it('a sample that is its own partner is returned bit for bit, even in causal frames', () => {
    const video = randomTensor([3, 4, 2], 4, 1e3);
    const self = [0, 2, 1];
    const { video: out, mixedMask } = mixVideo({ video, partner: self, causalMask: tf.ones([3, 4]) }, { lambda: 0.37, frames: 'own' });
    const all = [1, 1, 1, 1];
    expectFrames(out, video, self, [[0, 0, 0, 0], all, all], 0.37);
    expectTensorClose(mixedMask, [[0, 0, 0, 0], all, all], { atol: 0 });
    tf.dispose([video, out, mixedMask]);
  });

  it('validMask: a causal frame is mixed only when both frames are real; padding stays padding', () => {
    const video = randomTensor([2, 4, 2], 5);
    const causalMask = tf.tensor2d([
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    ]);
    // sample 0 has 4 real frames, sample 1 only 2 (frames 2 and 3 are padding).
    const validMask = tf.tensor2d([
      [1, 1, 1, 1],
      [1, 1, 0, 0],
    ]);
    const { video: out, mixedMask } = mixVideo({ video, partner: [1, 0], causalMask, validMask }, { lambda: 0.4, frames: 'own' });
    // Sample 0, frames 2-3: its partner's frames are padding, so sample 0 keeps its own (real) frames.
    // Sample 1, frames 2-3: its own frames are padding and stay as they are (not filled from the partner).
    const want = [
      [1, 1, 0, 0],
      [1, 1, 0, 0],
    ];
    expectFrames(out, video, [1, 0], want, 0.4);
    expectTensorClose(mixedMask, want, { atol: 0 });
    tf.dispose([video, causalMask, validMask, out, mixedMask]);
  });

  it('5-D VGT-shaped video [B, clips, frames, R, F]: a [B, clips] mask selects whole clips, [B, clips, frames] single frames', () => {
    const shape = [2, 3, 2, 2, 3];
    const video = randomTensor(shape, 6);
    const x = video.dataSync() as Float32Array;
    const perClip = 2 * 2 * 3;
    const clipMask = [
      [0, 1, 0],
      [1, 0, 1],
    ];
    const a = mixVideo({ video, partner: [1, 0], causalMask: tf.tensor2d(clipMask) }, { lambda: 0.7, frames: 'own' });
    expect(a.video.shape).toEqual(shape);
    expect(a.mixedMask.shape).toEqual([2, 3]);
    const ya = a.video.dataSync() as Float32Array;
    const xb = float32Bits(video);
    const yb = float32Bits(a.video);
    for (let i = 0; i < 2; i++) {
      for (let c = 0; c < 3; c++) {
        const base = (i * 3 + c) * perClip;
        const pbase = ((1 - i) * 3 + c) * perClip;
        if (clipMask[i]![c]) {
          expectMixed(ya.slice(base, base + perClip), x.slice(base, base + perClip), x.slice(pbase, pbase + perClip), 0.7);
        } else {
          expect(Array.from(yb.slice(base, base + perClip))).toEqual(Array.from(xb.slice(base, base + perClip)));
        }
      }
    }
    const frameMask = tf.tensor3d([
      [[1, 0], [0, 0], [0, 1]],
      [[0, 0], [1, 1], [0, 0]],
    ]);
    const b = mixVideo({ video, partner: [1, 0], causalMask: frameMask }, { lambda: 0.7, frames: 'own' });
    expect(b.mixedMask.shape).toEqual([2, 3, 2]);
    const perFrame = 2 * 3;
    const yf = b.video.dataSync() as Float32Array;
    const ybits = float32Bits(b.video);
    const fm = frameMask.arraySync() as number[][][];
    for (let i = 0; i < 2; i++)
      for (let c = 0; c < 3; c++)
        for (let f = 0; f < 2; f++) {
          const base = ((i * 3 + c) * 2 + f) * perFrame;
          const pbase = (((1 - i) * 3 + c) * 2 + f) * perFrame;
          if (fm[i]![c]![f]) {
            expectMixed(yf.slice(base, base + perFrame), x.slice(base, base + perFrame), x.slice(pbase, pbase + perFrame), 0.7);
          } else {
            expect(Array.from(ybits.slice(base, base + perFrame))).toEqual(Array.from(xb.slice(base, base + perFrame)));
          }
        }
    tf.dispose([video, a, b, frameMask]);
  });

  it('rank-2 video [B, T] (one scalar per frame) works', () => {
    const video = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const { video: out, mixedMask } = mixVideo({ video, partner: [1, 0], causalMask: tf.tensor2d([[0, 1], [1, 0]]) }, { lambda: 0.5, frames: 'own' });
    expectTensorClose(out, [[1, 3], [2, 4]], { atol: 0 });
    tf.dispose([video, out, mixedMask]);
  });

  it('leaks no tensors (success and error paths)', async () => {
    const video = randomTensor([3, 4, 2], 7);
    const causalMask = tf.tensor2d(causal);
    const validMask = tf.ones([3, 4]);
    const soft = tf.tensor2d([[0.5, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]);
    const partnerT = tf.tensor1d(partner, 'int32');
    await expectNoTensorLeak(() => mixVideo({ video, partner, causalMask, validMask }, { lambda: 0.5, frames: 'own' }));
    await expectNoTensorLeak(() => mixVideo({ video, partner: partnerT, causalMask }, { lambda: 0.5, frames: 'own' }));
    await expectNoTensorLeak(() => mixVideo({ video, partner: [0, 1, 2] }, { lambda: 0.5 }));
    for (const bad of [
      () => mixVideo({ video, partner, causalMask: soft }, { lambda: 0.5, frames: 'own' }),
      () => mixVideo({ video, partner: [0, 1] }, { lambda: 0.5 }),
      () => mixVideo({ video, partner }, { lambda: 2 }),
    ]) {
      await expectNoTensorLeak(() => {
        expect(bad).toThrow();
        return undefined;
      });
    }
    tf.dispose([video, causalMask, validMask, soft, partnerT]);
  });
});

describe('mixVideo errors', () => {
  const video = () => randomTensor([4, 16, 8], 9);

  it('causalMask of the wrong shape: ShapeError naming both shapes', () => {
    const v = video();
    const mask = tf.zeros([4, 8]);
    const e = catchError(() => mixVideo({ video: v, partner: [1, 2, 3, 0], causalMask: mask }, { lambda: 0.5, frames: 'own' }), ShapeError.isInstance);
    expect(e.argument).toBe('causalMask');
    expect(e.expected).toBe('[B, T] = [4, 16] matching video [4, 16, 8]');
    expect(e.actual).toEqual([4, 8]);
    expect(e.message).toBe("mixVideo: causalMask must be [B, T] = [4, 16] matching video [4, 16, 8] (or a longer prefix of video's shape), got [4, 8]");
    const rank1 = catchError(() => mixVideo({ video: v, partner: [1, 2, 3, 0], validMask: tf.zeros([4]) }, { lambda: 0.5 }), ShapeError.isInstance);
    expect(rank1.argument).toBe('validMask');
    expect(rank1.actual).toEqual([4]);
    tf.dispose([v, mask]);
  });

  it('video of rank < 2 or non-float dtype', () => {
    const e = catchError(() => mixVideo({ video: tf.zeros([4]), partner: [0, 1, 2, 3] }, { lambda: 0.5 }), ShapeError.isInstance);
    expect(e.message).toBe('mixVideo: video must be [B, T, ...] (rank >= 2), got [4]');
    const d = catchError(() => mixVideo({ video: tf.zeros([2, 2], 'int32'), partner: [0, 1] }, { lambda: 0.5 }), ValueError.isInstance);
    expect(d.field).toBe('video.dtype');
    expect(d.message).toBe('mixVideo: video must have dtype float32, got int32');
  });

  it('partner: wrong length, wrong dtype, out of range', () => {
    const v = video();
    const len = catchError(() => mixVideo({ video: v, partner: [0, 1] }, { lambda: 0.5 }), ShapeError.isInstance);
    expect(len.message).toBe('mixVideo: partner must have length B = 4, got length 2');
    const shape = catchError(() => mixVideo({ video: v, partner: tf.zeros([4, 1], 'int32') as never }, { lambda: 0.5 }), ShapeError.isInstance);
    expect(shape.message).toBe('mixVideo: partner must be [B] = [4], got [4, 1]');
    const dtype = catchError(() => mixVideo({ video: v, partner: tf.zeros([4]) as tf.Tensor1D }, { lambda: 0.5 }), ValueError.isInstance);
    expect(dtype.field).toBe('partner.dtype');
    const range = catchError(() => mixVideo({ video: v, partner: [0, 1, 2, 4] }, { lambda: 0.5 }), ValueError.isInstance);
    expect(range.message).toBe('mixVideo: partner must be integers in [0, 4), got 4 at index 3');
    const t = tf.tensor1d([0, -1, 2, 3], 'int32');
    expect(catchError(() => mixVideo({ video: v, partner: t }, { lambda: 0.5 }), ValueError.isInstance).value).toBe(-1);
    tf.dispose([v, t]);
  });

  it('mask values other than 0/1 fail with checkValues and are treated as nonzero = 1 without', () => {
    const v = randomTensor([2, 2, 1], 1);
    const soft = tf.tensor2d([[0.5, 0], [0, 1]]);
    const e = catchError(() => mixVideo({ video: v, partner: [1, 0], causalMask: soft }, { lambda: 0.5, frames: 'own' }), ValueError.isInstance);
    expect(e.message).toBe('mixVideo: causalMask must hold only 0 and 1, got 0.5 at flat index 0');
    expect(e.constraint).toBe('values in {0, 1}');
    const out = mixVideo({ video: v, partner: [1, 0], causalMask: soft }, { lambda: 0.5, checkValues: false, frames: 'own' });
    expectTensorClose(out.mixedMask, [[1, 0], [0, 1]], { atol: 0 });
    tf.dispose([v, soft, out]);
  });

  it('lambda outside [0, 1], disposed and non-tensor inputs', () => {
    const v = randomTensor([2, 2, 1], 1);
    for (const lambda of [-0.1, 1.5, NaN]) {
      const e = catchError(() => mixVideo({ video: v, partner: [1, 0] }, { lambda }), ValueError.isInstance);
      expect(e.message).toBe(`mixVideo: lambda must be a number in [0, 1], got ${lambda}`);
    }
    expect(catchError(() => mixVideo({ video: [[1]] as never, partner: [0] }, { lambda: 0.5 }), ValueError.isInstance).message).toBe(
      'mixVideo: video must be a tf.Tensor, got an array',
    );
    const gone = tf.zeros([2, 2]);
    gone.dispose();
    expect(catchError(() => mixVideo({ video: gone, partner: [1, 0] }, { lambda: 0.5 }), ValueError.isInstance).message).toBe(
      'mixVideo: video was disposed',
    );
    v.dispose();
  });
});
