import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak, expectTensorClose } from '@sparc-vqa/testing';
import { SMALL_BENCH, type BenchPreset } from '../bench/bench-config.js';
import { benchData } from '../bench/bench-dataset.js';
import { benchAdapter } from '../bench/run-bench.js';
import type { BackboneAdapter } from '../engine/backbone-adapter.js';
import { gradientFrameImportance, importanceByFrame } from './gradient-frame-importance.js';

/** A linear "backbone": logits_c = sum over every video tensor of <W_c, x> (the QA inputs are ignored). */
function linearAdapter(weights: readonly tf.Tensor[]): BackboneAdapter {
  return {
    frames: weights[0]!.shape[1]!,
    teacherFrameOf: null,
    video: () => [],
    inputs: (video, qa, qaLengths) => ({ video, qa, qaLengths }) as never,
    backbone: {
      call: (inputs: { video: tf.Tensor[] }) => ({
        logits: tf.addN(inputs.video.map((x, i) => tf.stack(Array.from({ length: weights[i]!.shape[0]! }, (_, c) => tf.sum(tf.mul(x, tf.gather(weights[i]!, c)), Array.from({ length: x.rank - 1 }, (_, a) => a + 1))), 1))),
      }),
    } as never,
  };
}

describe('gradientFrameImportance: gradient x input per frame', () => {
  const qa = tf.zeros([1, 2, 1, 1]);
  const qaLengths = tf.ones([1, 2], 'int32');

  it('hand-derived on a linear model: |p0 (W1 - W0) * x| summed per frame, normalised', () => {
    // logits = (-1, 1.5): the model predicts 1; d log p1 / dx = p0 (W1 - W0) with p0 = sigmoid(-2.5).
    const W = tf.tensor4d([[[[1, 0], [0, 1], [2, 0]]], [[[0, 1], [1, 1], [0, -1]]]]).reshape([2, 3, 2]);
    const x = tf.tensor3d([[[1, 2], [0, 0], [-1, 0.5]]]);
    const importance = gradientFrameImportance(linearAdapter([W]), [x], qa, qaLengths);
    // (W1 - W0) * x = [[-1, 2], [0, 0], [2, -0.5]] -> |.| sums 3, 0, 2.5 (p0 cancels in the normalisation).
    expectTensorClose(importance, tf.tensor2d([[3 / 5.5, 0, 2.5 / 5.5]]), { atol: 1e-6 });
    tf.dispose([W, x, importance]);
  });

  it('adds the saliency of every video tensor at each position (VGT: regions and frames)', () => {
    const Wa = tf.tensor3d([[[1], [0]], [[0], [0]]]); // C = 2, K = 2, D = 1
    const Wb = tf.tensor4d([[[[0, 0]], [[0, 0]]], [[[1, 1]], [[0, 2]]]]); // C = 2, K = 2, [1, 2]
    const a = tf.tensor3d([[[3], [5]]]);
    const b = tf.tensor4d([[[[1, 1]], [[1, 1]]]]);
    // logits = (3, 1 + 1 + 2 = 4): predicts 1; d log p1 / dx = p0 (W1 - W0).
    // a: (W1 - W0) * a = [-3, 0]; b: [[1, 1], [0, 2]] -> per position 3 + 2 = 5 and 0 + 2 = 2.
    const importance = gradientFrameImportance(linearAdapter([Wa, Wb]), [a, b], qa, qaLengths);
    expectTensorClose(importance, tf.tensor2d([[5 / 7, 2 / 7]]), { atol: 1e-6 });
    tf.dispose([Wa, Wb, a, b, importance]);
  });

  it('HGA: rows sum to 1, a frame with zero features gets 0, and it frees its intermediates', async () => {
    const preset: BenchPreset = { ...SMALL_BENCH, batch: 4, tokens: 6, tokenDim: 8, evalQuestions: 4, hga: { ...SMALL_BENCH.hga, clips: 6, videoDim: 10, hidden: 8, wordDim: 8, blockDim: 16 } };
    const data = benchData(preset, 'hga', 2);
    const adapter = benchAdapter(preset, 'hga', data, 3);
    const [video0] = adapter.video(data.batch);
    const zeroFrame2 = tf.tensor3d([1, 1, 0, 1, 1, 1], [1, 6, 1]);
    const video = tf.mul(video0!, zeroFrame2);
    const B = data.batch.keys.length;
    const bqa = tf.tensor4d(data.batch.qa, [B, 5, preset.tokens, preset.tokenDim]);
    const bLengths = tf.tensor2d(data.batch.qaLengths, [B, 5], 'int32');
    const importance = gradientFrameImportance(adapter, [video], bqa, bLengths);
    const rows = importance.arraySync();
    for (const row of rows) {
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
      expect(row[2]).toBe(0);
      expect(row.filter((v) => v > 0).length).toBe(5);
    }
    await expectNoTensorLeak(() => gradientFrameImportance(adapter, [video], bqa, bLengths));
    tf.dispose([video0!, zeroFrame2, video, bqa, bLengths, importance]);
    adapter.backbone.dispose();
  });

  it('VGT: one row per sample over its K clips, each a distribution; zeroing one clip\'s regions and frames zeroes it', () => {
    const preset: BenchPreset = { ...SMALL_BENCH, batch: 3, tokens: 6, tokenDim: 8, evalQuestions: 3, vgt: { ...SMALL_BENCH.vgt, clips: 4, framesPerClip: 2, featureDim: 8, dModel: 8, ffDim: 8, heads: 2, boxHidden: 4 } };
    const data = benchData(preset, 'vgt', 2);
    const adapter = benchAdapter(preset, 'vgt', data, 3);
    const K = adapter.frames;
    const keep = Array.from({ length: K }, (_, k) => (k === 1 ? 0 : 1));
    const video = adapter.video(data.batch).map((v) => tf.mul(v, tf.tensor(keep, [1, K, ...v.shape.slice(2).map(() => 1)])));
    const B = data.batch.keys.length;
    const bqa = tf.tensor4d(data.batch.qa, [B, 5, preset.tokens, preset.tokenDim]);
    const bLengths = tf.tensor2d(data.batch.qaLengths, [B, 5], 'int32');
    const importance = gradientFrameImportance(adapter, video, bqa, bLengths);
    expect(importance.shape).toEqual([B, K]);
    for (const row of importance.arraySync()) {
      expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
      expect(row[1]).toBe(0);
      expect(row.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    }
    tf.dispose([...video, bqa, bLengths, importance]);
    adapter.backbone.dispose();
  });

  it('importanceByFrame folds positions onto teacher frames', () => {
    expect(Array.from(importanceByFrame([0.1, 0.2, 0.3, 0.4], Int32Array.from([0, 0, 1, 2]), 3))).toEqual([0.1 + 0.2, 0.3, 0.4].map(Math.fround));
    expect(Array.from(importanceByFrame([0.5, 0.5], null, 2))).toEqual([0.5, 0.5]);
  });
});
