// Default (reference NExT-QA) sizes: runs on wasm (seconds); on cpu it takes minutes, so there it is opt-in
// (SPARC_VGT_FULL_SIZE=1).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { mulberry32, testBackend } from '@sparc-vqa/testing';
import { VGT_DEFAULTS } from './config.js';
import { randomVGTInputs } from './random-vgt-inputs.js';
import { createVGT } from './vgt.js';

const ENABLED = testBackend() === 'wasm' || process.env['SPARC_VGT_FULL_SIZE'] === '1';
const sizes = (batch: number) => ({ batch, clips: VGT_DEFAULTS.numClips, frames: VGT_DEFAULTS.framesPerClip, candidates: 5, tokens: 38 });

describe.runIf(ENABLED)('VGT at the reference sizes (8 clips x 4 frames x 5 regions x 2053; 5 x 38 x 768)', () => {
  it('runs inference on a batch of 64 and a training step on a batch of 14 (the VGT preset of the paper)', async () => {
    const model = createVGT();
    const big = randomVGTInputs(model.config, sizes(64), 1);
    let start = performance.now();
    const out = model.call(big);
    await out.logits.data();
    const forwardMs = performance.now() - start;
    expect(out.logits.shape).toEqual([64, 5]);
    tf.dispose([out, big] as unknown as tf.TensorContainer);

    const inputs = randomVGTInputs(model.config, sizes(14), 2);
    const answers = tf.zeros([14], 'int32') as tf.Tensor1D;
    const optimizer = tf.train.adam(1e-5);
    const rng = mulberry32(1);
    start = performance.now();
    const loss = optimizer.minimize(() => {
      const { logits } = model.call(inputs, { training: true, rng });
      return tf.losses.softmaxCrossEntropy(tf.oneHot(answers, 5), logits) as tf.Scalar;
    }, true, [...model.trainableWeights])!;
    const value = (await loss.data())[0]!;
    const stepMs = performance.now() - start;
    console.info(`[${testBackend()}] VGT default sizes: inference B=64 ${forwardMs.toFixed(0)} ms; adam step B=14 ${stepMs.toFixed(0)} ms`);
    expect(Number.isFinite(value)).toBe(true);
    tf.dispose([loss, answers, inputs] as unknown as tf.TensorContainer);
    optimizer.dispose();
    model.dispose();
  }, 900_000);
});
