import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak, testBackend } from '@sparc-vqa/testing';
import { initBackend } from './init-backend.js';
import { kernelCoverage, kernelsUsed } from './kernels-used.js';

/** A miniature of what our models do: a GRU-style recurrence, masked attention, a CE loss, gradients. */
function miniTrainingStep(): tf.Scalar {
  const b = 2, t = 3, d = 4, h = 5;
  const x = tf.randomNormal([b, t, d], 0, 1, 'float32', 1);
  const wx = tf.randomNormal([d, 3 * h], 0, 0.3, 'float32', 2);
  const wh = tf.randomNormal([h, 3 * h], 0, 0.3, 'float32', 3);
  const mask = tf.tensor2d([[1, 1, 0], [1, 1, 1]]);
  const loss = (wxv: tf.Tensor, whv: tf.Tensor): tf.Scalar => {
    const proj = tf.reshape(tf.matMul(tf.reshape(x, [b * t, d]), wxv), [b, t, 3 * h]);
    let state = tf.zeros([b, h]);
    const states: tf.Tensor[] = [];
    for (let k = 0; k < t; k++) {
      const [xz, xr, xn] = tf.split(tf.squeeze(tf.slice(proj, [0, k, 0], [b, 1, 3 * h]), [1]), 3, 1);
      const [hz, hr, hn] = tf.split(tf.matMul(state, whv), 3, 1);
      const z = tf.sigmoid(tf.add(xz!, hz!));
      const r = tf.sigmoid(tf.add(xr!, hr!));
      const n = tf.tanh(tf.add(xn!, tf.mul(r, hn!)));
      const next = tf.add(tf.mul(z, state), tf.mul(tf.sub(1, z), n));
      const m = tf.slice(mask, [0, k], [b, 1]);
      state = tf.add(tf.mul(m, next), tf.mul(tf.sub(1, m), state));
      states.push(state);
    }
    const seq = tf.stack(states, 1);
    const scores = tf.add(tf.squeeze(tf.matMul(seq, tf.expandDims(state, 2)), [2]), tf.mul(tf.sub(1, mask), -1e9));
    const pooled = tf.sum(tf.mul(seq, tf.expandDims(tf.softmax(scores), 2)), 1);
    const logits = tf.slice(pooled, [0, 0], [b, 4]);
    return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d([1, 3], 'int32'), 4), logits) as tf.Scalar;
  };
  const g = tf.grads(loss)([wx, wh]);
  return tf.add(tf.sum(g[0]!), tf.sum(g[1]!)) as tf.Scalar;
}

describe('kernelsUsed / kernelCoverage', () => {
  it('lists the kernels of a forward+backward pass, and wasm registers every one of them natively', async () => {
    const names = await kernelsUsed(miniTrainingStep);
    for (const k of ['BatchMatMul', 'Sigmoid', 'Tanh', 'Softmax', 'SplitV', 'Slice']) expect(names).toContain(k);
    const info = await initBackend('wasm');
    try {
      const coverage = kernelCoverage(names, 'wasm', info.bridgedKernels);
      expect(coverage.missing).toEqual([]);
      expect(coverage.bridged).toEqual([]);
      expect(coverage.native.length).toBe(names.length);
    } finally {
      await initBackend(testBackend() as 'cpu' | 'wasm');
    }
  });

  it('reports a kernel registered only for cpu as missing on wasm (the check can fail)', async () => {
    await initBackend('wasm');
    await initBackend(testBackend() as 'cpu' | 'wasm');
    tf.registerKernel({
      kernelName: 'SparcCpuOnlyTestKernel',
      backendName: 'cpu',
      kernelFunc: ({ inputs, backend }) => {
        const x = inputs['x'] as tf.TensorInfo;
        const cpu = backend as unknown as { readSync(id: unknown): Float32Array; write(v: Float32Array, s: number[], d: string): unknown };
        return { dataId: cpu.write(cpu.readSync(x.dataId).slice(), x.shape, x.dtype), shape: x.shape, dtype: x.dtype } as tf.TensorInfo;
      },
    });
    try {
      const coverage = kernelCoverage(['MatMul', 'BatchMatMul', 'SparcCpuOnlyTestKernel', 'UnsortedSegmentSum'], 'wasm', ['UnsortedSegmentSum']);
      expect(coverage.missing).toEqual(['MatMul', 'SparcCpuOnlyTestKernel']);
      expect(coverage.bridged).toEqual(['UnsortedSegmentSum']);
      expect(coverage.native).toEqual(['BatchMatMul']);
    } finally {
      tf.unregisterKernel('SparcCpuOnlyTestKernel', 'cpu');
    }
  });

  it('frees everything it runs', async () => {
    await expectNoTensorLeak(() => kernelsUsed(miniTrainingStep));
  });
});
