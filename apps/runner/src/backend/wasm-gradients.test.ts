// Proves the patched wasm backend computes the same gradients as the reference cpu backend for every
// kernel family our models, losses and teacher use (shared/research/ecosystem.md section 3).
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { expectArrayClose, mulberry32, testBackend } from '@sparc-vqa/testing';

type Case = {
  readonly name: string;
  /** Input shapes; values are drawn from a seeded normal (mixed signs). */
  readonly shapes: ReadonlyArray<readonly number[]>;
  /** Scalar function of the inputs. */
  readonly f: (...xs: tf.Tensor[]) => tf.Scalar;
  readonly positive?: boolean;
};

const sumSq = (t: tf.Tensor): tf.Scalar => tf.sum(tf.mul(t, tf.sin(t)));

const CASES: readonly Case[] = [
  { name: 'matMul', shapes: [[6, 5], [5, 4]], f: (a, b) => sumSq(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D)) },
  { name: 'matMul transposeA', shapes: [[5, 6], [5, 4]], f: (a, b) => sumSq(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, true, false)) },
  { name: 'matMul transposeB', shapes: [[6, 5], [4, 5]], f: (a, b) => sumSq(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, false, true)) },
  { name: 'matMul transposeA+B', shapes: [[5, 6], [4, 5]], f: (a, b) => sumSq(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, true, true)) },
  { name: 'batchMatMul 3D', shapes: [[3, 6, 5], [3, 5, 4]], f: (a, b) => sumSq(tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D)) },
  { name: 'batchMatMul 3D transposeB', shapes: [[3, 6, 5], [3, 4, 5]], f: (a, b) => sumSq(tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D, false, true)) },
  { name: 'batchMatMul 4D transposeA', shapes: [[2, 3, 5, 6], [2, 3, 5, 4]], f: (a, b) => sumSq(tf.matMul(a!, b!, true, false)) },
  // Not listed: batchMatMul with a broadcast batch dimension. tfjs-core 4.22's BatchMatMul gradient does not
  // reduce broadcast dimensions and throws on every backend, so our models tile or reshape instead.
  {
    name: 'fused matMul + bias + relu',
    shapes: [[6, 5], [5, 4], [4]],
    f: (a, b, c) => sumSq(tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: c, activation: 'relu' })),
  },
  {
    name: 'fused matMul transposeB + bias + elu',
    shapes: [[6, 5], [4, 5], [4]],
    f: (a, b, c) => sumSq(tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, transposeB: true, bias: c, activation: 'elu' })),
  },
  { name: 'softmax / logSoftmax', shapes: [[4, 7]], f: (a) => tf.add(sumSq(tf.softmax(a!)), sumSq(tf.logSoftmax(a!))) },
  { name: 'sigmoid tanh relu elu', shapes: [[4, 7]], f: (a) => sumSq(tf.addN([tf.sigmoid(a!), tf.tanh(a!), tf.relu(a!), tf.elu(a!)])) },
  { name: 'leakyRelu gelu-erf', shapes: [[4, 7]], f: (a) => sumSq(tf.add(tf.leakyRelu(a!, 0.1), tf.mul(a!, tf.erf(a!)))) },
  { name: 'exp log sqrt rsqrt', shapes: [[4, 7]], positive: true, f: (a) => sumSq(tf.addN([tf.exp(tf.neg(a!)), tf.log(a!), tf.sqrt(a!), tf.rsqrt(a!)])) },
  { name: 'div pow square abs', shapes: [[4, 7], [4, 7]], positive: true, f: (a, b) => sumSq(tf.addN([tf.div(a!, b!), tf.pow(a!, b!), tf.square(a!), tf.abs(tf.sub(a!, b!))])) },
  { name: 'broadcast add/mul/sub', shapes: [[3, 4, 5], [5], [4, 1]], f: (a, b, c) => sumSq(tf.sub(tf.mul(tf.add(a!, b!), c!), b!)) },
  { name: 'maximum minimum clip', shapes: [[4, 7], [4, 7]], f: (a, b) => sumSq(tf.add(tf.maximum(a!, b!), tf.clipByValue(tf.minimum(a!, b!), -0.5, 0.5))) },
  { name: 'sum mean max over axes', shapes: [[3, 4, 5]], f: (a) => tf.addN([tf.sum(tf.square(tf.sum(a!, 1))), tf.sum(tf.mean(a!, [0, 2])), tf.sum(tf.max(a!, 2))]) as tf.Scalar },
  { name: 'logSumExp', shapes: [[4, 7]], f: (a) => sumSq(tf.logSumExp(a!, 1)) },
  { name: 'moments (layer norm)', shapes: [[4, 8], [8], [8]], f: (a, g, b) => { const { mean, variance } = tf.moments(a!, -1, true); return sumSq(tf.add(tf.mul(tf.div(tf.sub(a!, mean), tf.sqrt(tf.add(variance, 1e-5))), g!), b!)); } },
  { name: 'concat slice split stack', shapes: [[3, 4], [3, 2]], f: (a, b) => { const c = tf.concat([a!, b!], 1); const [p, q] = tf.split(c, [2, 4], 1); return sumSq(tf.stack([tf.slice(q!, [0, 1], [3, 2]), p!])); } },
  { name: 'transpose reshape tile pad', shapes: [[2, 3, 4]], f: (a) => sumSq(tf.pad(tf.tile(tf.reshape(tf.transpose(a!, [2, 0, 1]), [4, 6]), [2, 1]), [[1, 0], [0, 2]])) },
  { name: 'reverse cumsum', shapes: [[3, 5]], f: (a) => sumSq(tf.cumsum(tf.reverse(a!, 1), 1)) },
  { name: 'gather (UnsortedSegmentSum grad)', shapes: [[6, 4]], f: (a) => sumSq(tf.gather(a!, tf.tensor1d([0, 2, 2, 5, 1, 0], 'int32'))) },
  { name: 'gather axis 1 batch', shapes: [[2, 6, 3]], f: (a) => sumSq(tf.gather(a!, tf.tensor1d([5, 0, 0, 3], 'int32'), 1)) },
  // Comparisons have no gradient in tfjs 4.22, so the condition must be a constant (as a frame mask is).
  { name: 'gather batchDims 1 (wasm GatherV2 bug)', shapes: [[3, 5, 2]], f: (a) => sumSq(tf.gather(a!, tf.tensor2d([[4], [0], [2]], [3, 1], 'int32'), 1, 1)) },
  { name: 'gather batchDims 1, 2-D indices per row', shapes: [[2, 6, 3]], f: (a) => sumSq(tf.gather(a!, tf.tensor2d([[5, 1, 1], [0, 3, 2]], [2, 3], 'int32'), 1, 1)) },
  { name: 'where mask (select)', shapes: [[4, 6]], f: (a) => sumSq(tf.where(tf.greater(tf.sin(tf.range(0, 24).reshape([4, 6])), 0), a!, tf.mul(a!, 2))) },
  { name: 'softmax with -inf-like mask', shapes: [[3, 6]], f: (a) => sumSq(tf.softmax(tf.add(a!, tf.tensor2d([[0, 0, -1e9, 0, -1e9, 0], [0, 0, 0, 0, 0, -1e9], [-1e9, 0, 0, 0, 0, 0]])))) },
  { name: 'softmaxCrossEntropy', shapes: [[4, 5]], f: (a) => tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d([0, 3, 1, 4], 'int32'), 5), a!) as tf.Scalar },
  { name: 'dropout (seeded)', shapes: [[5, 8]], f: (a) => sumSq(tf.dropout(a!, 0.3, undefined, 7)) },
  { name: 'conv1d input+filter', shapes: [[2, 9, 3], [3, 3, 4]], f: (x, w) => sumSq(tf.conv1d(x as tf.Tensor3D, w as tf.Tensor3D, 1, 'same')) },
  { name: 'conv2d input+filter (Conv2DBackpropFilter)', shapes: [[2, 6, 6, 3], [3, 3, 3, 4]], f: (x, w) => sumSq(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same')) },
  { name: 'depthwiseConv2d (DepthwiseConv2dNativeBackprop*)', shapes: [[2, 6, 6, 3], [3, 3, 3, 2]], f: (x, w) => sumSq(tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same')) },
  { name: 'maxPool with negative maxima (MaxPoolGrad)', shapes: [[2, 7, 7, 3]], f: (x) => sumSq(tf.maxPool(x as tf.Tensor4D, 2, 1, 'same')) },
  { name: 'maxPool k3 s2 valid', shapes: [[2, 7, 7, 3]], f: (x) => sumSq(tf.maxPool(x as tf.Tensor4D, 3, 2, 'valid')) },
  { name: 'avgPool', shapes: [[2, 6, 6, 3]], f: (x) => sumSq(tf.avgPool(x as tf.Tensor4D, 2, 2, 'valid')) },
  { name: 'resizeBilinear', shapes: [[1, 4, 4, 2]], f: (x) => sumSq(tf.image.resizeBilinear(x as tf.Tensor4D, [6, 6])) },
];

function inputs(c: Case, seed: number): Float32Array[] {
  const rng = mulberry32(seed);
  return c.shapes.map((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const u1 = Math.max(rng(), 1e-12);
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * rng());
      v[i] = c.positive ? 0.5 + Math.abs(z) : z;
    }
    return v;
  });
}

async function valueAndGrads(c: Case, data: Float32Array[], backend: string) {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const xs = data.map((d, i) => tf.tensor(d, c.shapes[i] as number[]));
    const { value, grads } = tf.valueAndGrads((...args: tf.Tensor[]) => c.f(...args))(xs);
    return { value: value.dataSync()[0]!, grads: grads.map((g) => Float32Array.from(g.dataSync())) };
  });
}

describe.runIf(testBackend() === 'wasm')('wasm gradients equal cpu gradients', () => {
  afterAll(async () => {
    await tf.setBackend('wasm');
  });
  it.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const data = inputs(c, 1000 + i);
    const cpu = await valueAndGrads(c, data, 'cpu');
    const wasm = await valueAndGrads(c, data, 'wasm');
    expect(Number.isFinite(cpu.value)).toBe(true);
    expectArrayClose([wasm.value], [cpu.value], { rtol: 1e-4, atol: 1e-5 });
    expect(wasm.grads.length).toBe(cpu.grads.length);
    for (let k = 0; k < cpu.grads.length; k++) {
      expectArrayClose(wasm.grads[k]!, cpu.grads[k]!, { rtol: 1e-4, atol: 1e-5 });
    }
  });
});
