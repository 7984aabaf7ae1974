// Training behaviour of VGT: gradients, a toy optimisation, BatchNorm running statistics, kernel coverage.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectArrayClose, expectNoTensorLeak, mulberry32, testBackend } from '@sparc-vqa/testing';
import type { VGTConfig } from './config.js';
import { dense } from './modules/dense.js';
import { randomVGTInputs } from './random-vgt-inputs.js';
import { createVGT, type VGTBackbone } from './vgt.js';
import type { VGTInputs } from './vgt-inputs.js';

const SMALL: Partial<VGTConfig> = {
  featureDim: 12, wordDim: 16, dModel: 16, ffDim: 24, numHeads: 4, boxHiddenDim: 8, numClips: 3, framesPerClip: 2, seed: 21,
};
const SIZES = { batch: 2, clips: 3, frames: 2, candidates: 3, tokens: 4 };

/**
 * Weights whose gradient is exactly zero in the reference too: attention key biases add the same amount
 * to every score of a query (softmax is shift invariant), and `satt_pool.2.bias` the same amount to
 * every region score of the region softmax.
 */
const ZERO_GRADIENT = /(attention\.k_lin\.bias|satt_pool\.2\.bias)$/;

function crossEntropy(model: VGTBackbone, inputs: VGTInputs, answers: tf.Tensor1D, rng?: () => number): tf.Scalar {
  const { logits } = model.call(inputs, rng ? { training: true, rng } : {});
  return tf.losses.softmaxCrossEntropy(tf.oneHot(answers, logits.shape[1]), logits) as tf.Scalar;
}

function namesOf(model: VGTBackbone): Map<tf.Variable, string> {
  return new Map([...model.weights].map(([name, v]) => [v, name]));
}

describe('VGT training', () => {
  const model = createVGT(SMALL);
  const inputs = randomVGTInputs(model.config, SIZES, 4);
  const answers = tf.tensor1d([2, 0], 'int32');
  const mask = tf.tensor2d([[1, 0, 1], [1, 1, 1]]);
  afterAll(() => {
    model.dispose();
    tf.dispose([inputs, answers, mask] as unknown as tf.TensorContainer);
  });

  it('gradients reach every trainable weight (training mode, with a frameMask)', () => {
    const names = namesOf(model);
    const { value, grads } = tf.variableGrads(
      () => crossEntropy(model, { ...inputs, frameMask: mask }, answers, mulberry32(3)),
      [...model.trainableWeights],
    );
    expect(Object.keys(grads)).toHaveLength(model.trainableWeights.length);
    for (const v of model.trainableWeights) {
      const name = names.get(v)!;
      const g = grads[v.name];
      expect(g, name).toBeDefined();
      const values = Array.from(g!.dataSync());
      expect(values.every(Number.isFinite), name).toBe(true);
      const max = values.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      if (ZERO_GRADIENT.test(name)) expect(max, name).toBeLessThan(1e-5);
      else expect(max, name).toBeGreaterThan(0);
    }
    tf.dispose([value, grads] as unknown as tf.TensorContainer);
  });

  it('gradients with respect to an input match finite differences (inference mode)', () => {
    const f = (frames: tf.Tensor): tf.Scalar => crossEntropy(model, { ...inputs, frames: frames as tf.Tensor4D }, answers);
    const x = tf.tidy(() => tf.slice(inputs.frames, [0, 0, 0, 0], [2, 3, 2, 12]));
    const analytic = tf.tidy(() => tf.grad(f)(x).dataSync());
    // Central differences on 12 sampled coordinates (float64 on the JS side).
    const base = x.dataSync();
    const rng = mulberry32(8);
    for (let n = 0; n < 12; n++) {
      const i = Math.floor(rng() * base.length);
      const at = (delta: number): number => tf.tidy(() => {
        const data = Float32Array.from(base);
        data[i]! += delta;
        return f(tf.tensor(data, x.shape)).dataSync()[0]!;
      });
      const numeric = (at(1e-2) - at(-1e-2)) / 2e-2;
      expectArrayClose([analytic[i]!], [numeric], { rtol: 5e-2, atol: 2e-3 });
    }
    x.dispose();
  });

  it('a short training run on a toy task drives the loss down', () => {
    const toy = createVGT({ ...SMALL, dropout: 0.1, seed: 5 });
    const data = randomVGTInputs(toy.config, { ...SIZES, batch: 6 }, 9);
    const labels = tf.tensor1d([0, 1, 2, 2, 1, 0], 'int32');
    const optimizer = tf.train.adam(1e-2);
    const rng = mulberry32(17);
    const evalLoss = (): number => tf.tidy(() => crossEntropy(toy, data, labels).dataSync()[0]!);
    const before = evalLoss();
    for (let step = 0; step < 25; step++) {
      optimizer.minimize(() => crossEntropy(toy, data, labels, rng), false, [...toy.trainableWeights]);
    }
    const after = evalLoss();
    console.info(`[${testBackend()}] toy cross-entropy ${before.toFixed(4)} -> ${after.toFixed(4)} in 25 adam steps`);
    expect(after).toBeLessThan(before * 0.5);
    optimizer.dispose();
    toy.dispose();
    tf.dispose([data, labels] as unknown as tf.TensorContainer);
  });

  it('updates BatchNorm running statistics like PyTorch (momentum 0.1, unbiased variance, valid clips only)', () => {
    const bn = (s: string): tf.Variable => model.weights.get(`encode_vid.bbox_conv.1.${s}`)!;
    const [mean0, var0, count0] = ['running_mean', 'running_var', 'num_batches_tracked'].map((s) => bn(s).dataSync().slice());
    // Pre-BN activations of the box encoder, over the regions of valid clips only.
    const stats = tf.tidy(() => {
      const rows = tf.reshape(inputs.regions, [2, 3, -1, 17]);
      const valid = tf.concat([tf.slice(rows, [0, 0, 0, 0], [1, 1, -1, -1]), tf.slice(rows, [0, 2, 0, 0], [1, 1, -1, -1]),
        tf.slice(rows, [1, 0, 0, 0], [1, 3, -1, -1])], 1);
      const box = tf.reshape(tf.slice(valid, [0, 0, 0, 12], [-1, -1, -1, 5]), [-1, 5]);
      const h = dense(box, model.weights.get('encode_vid.bbox_conv.0.weight')!, model.weights.get('encode_vid.bbox_conv.0.bias')!);
      const n = h.shape[0]!;
      const { mean, variance } = tf.moments(h, 0);
      return [mean.dataSync(), tf.mul(variance, n / (n - 1)).dataSync()];
    });
    const out = model.call({ ...inputs, frameMask: mask }, { training: true, rng: mulberry32(1) });
    tf.dispose(out as unknown as tf.TensorContainer);
    const expectedMean = Array.from(mean0!, (r, i) => 0.9 * r + 0.1 * stats[0]![i]!);
    const expectedVar = Array.from(var0!, (r, i) => 0.9 * r + 0.1 * stats[1]![i]!);
    expectArrayClose(bn('running_mean').dataSync(), expectedMean, { rtol: 1e-5, atol: 1e-6 });
    expectArrayClose(bn('running_var').dataSync(), expectedVar, { rtol: 1e-5, atol: 1e-6 });
    expect(bn('num_batches_tracked').dataSync()[0]).toBe(count0![0]! + 1);
    // Inference leaves them alone.
    const snapshot = bn('running_mean').dataSync().slice();
    tf.dispose(model.call(inputs) as unknown as tf.TensorContainer);
    expect(bn('running_mean').dataSync()).toEqual(snapshot);
  });

  it('leaks no tensor in a gradient step', async () => {
    await expectNoTensorLeak(() =>
      tf.variableGrads(() => crossEntropy(model, inputs, answers, mulberry32(2)), [...model.trainableWeights]));
  });

  it(`uses only kernels that tfjs-backend-wasm 4.22 implements natively (${testBackend()})`, async () => {
    const missingOnWasm = new Set([
      'Complex', 'ComplexAbs', 'Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput',
      'Draw', 'Einsum', 'FFT', 'IFFT', 'Imag', 'RaggedGather', 'RaggedRange', 'RaggedTensorToTensor', 'Real',
      'StaticRegexReplace', 'UnsortedSegmentSum', 'MaxPoolGrad',
    ]);
    const info = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(
        () => crossEntropy(model, { ...inputs, frameMask: mask }, answers, mulberry32(4)),
        [...model.trainableWeights],
      );
      tf.dispose([value, grads] as unknown as tf.TensorContainer);
    });
    const kernels = [...new Set(info.kernelNames.filter((k) => tf.getKernel(k, 'cpu') != null))].sort();
    console.info(`[${testBackend()}] VGT forward+backward kernels: ${kernels.join(' ')}`);
    expect(kernels.length).toBeGreaterThan(10);
    expect(kernels.filter((k) => missingOnWasm.has(k))).toEqual([]);
    expect(kernels.filter((k) => tf.getKernel(k, 'wasm') == null)).toEqual([]);
  });
});
