import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak, mulberry32 } from '@sparc-vqa/testing';
import { createMixup } from '@sparc-vqa/mixup';
import { mixVideoInputs } from './mix-video-inputs.js';

const B = 4;
const K = 5;

function random(shape: number[], seed: number): tf.Tensor {
  const rng = mulberry32(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 2 * rng() - 1), shape);
}

/** A VGT-shaped batch: regions [B, K, 2, 3, 4], frames [B, K, 2, 6], qa [B, 5, 3, 2]. */
function batch() {
  const causal = [[1, 0, 1, 0, 0], [0, 1, 1, 1, 0], [1, 1, 1, 1, 1], [0, 0, 0, 0, 1]];
  return {
    video: [random([B, K, 2, 3, 4], 1), random([B, K, 2, 6], 2)],
    qa: random([B, 5, 3, 2], 3),
    targets: tf.oneHot(tf.tensor1d([0, 3, 2, 4], 'int32'), 5).toFloat(),
    causalMask: tf.tensor2d(causal),
    validMask: tf.ones([B, K]),
    qaLengths: tf.tensor2d([[3, 2, 1, 3, 3], [1, 1, 1, 1, 1], [2, 2, 2, 2, 2], [3, 3, 3, 3, 3]], [B, 5], 'int32'),
    causal,
  };
}

describe('mixVideoInputs', () => {
  it('mixes regions and frames at the same clips with one draw (at least the causal ones); every other clip is bit-identical', () => {
    const b = batch();
    const { video, mixed } = mixVideoInputs(createMixup({ mode: 'tgm', alpha: 0.4, beta: 0.4, seed: 9, partner: 'derangement' }), b);
    const { lambda } = mixed;
    const partner = mixed.draw.partner;
    expect(lambda).toBeGreaterThan(0);
    expect(lambda).toBeLessThan(1);
    // Every causal clip is mixed (a derangement has no self-partner; all clips are real). Whether the
    // partner's causal clips are mixed too is the mixer's rule; both tensors follow its mixedMask.
    const where = mixed.mixedMask.arraySync() as number[][];
    b.causal.forEach((row, i) => row.forEach((c, k) => expect(where[i]![k]!).toBeGreaterThanOrEqual(c)));
    expect(where.flat()).toContain(0); // some clips stay unmixed, so "bit-identical" below is checked
    const lam = Math.fround(lambda);
    b.video.forEach((input, t) => {
      expect(video[t]!.shape).toEqual(input.shape);
      const per = input.size / (B * K);
      const x = input.dataSync();
      const y = video[t]!.dataSync();
      for (let i = 0; i < B; i++) {
        for (let k = 0; k < K; k++) {
          for (let d = 0; d < per; d++) {
            const at = (i * K + k) * per + d;
            const own = x[at]!;
            const other = x[(partner[i]! * K + k) * per + d]!;
            if (where[i]![k]) expect(Math.abs(y[at]! - (lam * own + (1 - lam) * other))).toBeLessThan(1e-6);
            else expect(Object.is(y[at], own)).toBe(true);
          }
        }
      }
    });
    // The draw is the mixer's first draw: the same as mixing the first tensor alone with a fresh mixer.
    const alone = createMixup({ mode: 'tgm', alpha: 0.4, beta: 0.4, seed: 9, partner: 'derangement' }).mix({ ...b, video: b.video[0]! });
    expect([alone.lambda, alone.draw.partner]).toEqual([lambda, partner]);
    expect(Array.from(alone.video.dataSync())).toEqual(Array.from(video[0]!.dataSync()));
    expect(Array.from(alone.qa.dataSync())).toEqual(Array.from(mixed.qa.dataSync()));
    tf.dispose([video, mixed, alone, b.video, b.qa, b.targets, b.causalMask, b.validMask, b.qaLengths] as unknown as tf.TensorContainer);
  });

  it('leaks no tensor inside tf.tidy', async () => {
    const b = batch();
    const mixer = createMixup({ mode: 'tgm', alpha: 0.4, seed: 1 });
    await expectNoTensorLeak(() => tf.tidy(() => mixVideoInputs(mixer, b).video));
    tf.dispose([b.video, b.qa, b.targets, b.causalMask, b.validMask, b.qaLengths] as unknown as tf.TensorContainer);
  });
});
