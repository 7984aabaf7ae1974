// The batched-matMul patch (patch-wasm-batch-matmul.ts): wasm results and gradients equal cpu's for every
// attribute combination the patch serves (and for the ones it hands back to the original kernel), and
// no tensor or buffer leaks.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { expectArrayClose, mulberry32, testBackend } from '@sparc-vqa/testing';

/** `grads`: false where tfjs-core's BatchMatMul gradient itself throws (broadcast batch, on every backend). */
type Case = readonly [name: string, a: number[], b: number[], transposeA: boolean, transposeB: boolean, grads?: false];

const CASES: readonly Case[] = [
  ['3-D', [4, 6, 5], [4, 5, 3], false, false],
  ['3-D transposeA', [4, 5, 6], [4, 5, 3], true, false],
  ['3-D transposeB', [4, 6, 5], [4, 3, 5], false, true],
  ['3-D transposeA+B', [4, 5, 6], [4, 3, 5], true, true],
  ['4-D', [2, 3, 6, 5], [2, 3, 5, 4], false, false],
  ['4-D transposeB', [2, 3, 6, 5], [2, 3, 4, 5], false, true],
  ['b broadcast (batch 1)', [5, 6, 7], [1, 7, 3], false, false, false],
  ['b broadcast rank 2', [5, 6, 7], [7, 3], false, false, false],
  ['b broadcast transposeB', [5, 6, 7], [1, 3, 7], false, true, false],
  ['a broadcast (batch 1)', [1, 6, 7], [5, 7, 3], false, false, false],
  ['a broadcast transposeA', [1, 7, 6], [5, 7, 3], true, false, false],
  ['one row, one column', [3, 1, 9], [3, 9, 1], false, false],
  ['larger (XNNPACK tiles)', [7, 33, 70], [7, 70, 41], false, false],
  // Handed back to the original kernel:
  ['batch 1', [1, 6, 5], [1, 5, 3], false, false],
  ['2-D', [6, 5], [5, 3], false, false],
  ['mixed broadcast (original)', [2, 1, 6, 5], [1, 3, 5, 4], false, false, false],
];

function values(shape: readonly number[], seed: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => 2 * rng() - 1);
}

async function run(c: Case, backend: string) {
  await tf.setBackend(backend);
  const [, aShape, bShape, ta, tb, withGrads] = c;
  return tf.tidy(() => {
    const a = tf.tensor(values(aShape, 1), aShape);
    const b = tf.tensor(values(bShape, 2), bShape);
    const weight = tf.tensor(values(tf.matMul(a, b, ta, tb).shape, 3), tf.matMul(a, b, ta, tb).shape);
    const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, ta, tb), weight)) as tf.Scalar;
    const out = tf.matMul(a, b, ta, tb);
    const [da, db] = withGrads === false ? [tf.zeros([1]), tf.zeros([1])] : tf.grads(f)([a, b]);
    return { shape: out.shape, out: out.dataSync().slice(), da: da!.dataSync().slice(), db: db!.dataSync().slice() };
  });
}

describe.runIf(testBackend() === 'wasm')('wasm batched matMul (patched) equals cpu', () => {
  afterAll(async () => {
    await tf.setBackend('wasm');
  });

  // XNNPACK sums in another order than the cpu kernel (and than the original wasm kernel): with inputs in
  // [-1, 1] the float32 difference grows with the inner size K (~K·2^-24), so 1e-6 up to K = 9 and 4e-6 for
  // the K = 70 case.
  it.each(CASES.map((c) => [c[0], c] as const))('%s: values and gradients', async (_name, c) => {
    const cpu = await run(c, 'cpu');
    const wasm = await run(c, 'wasm');
    const k = Math.max(...c[1].slice(-2), ...c[2].slice(-2));
    const tol = { rtol: 0, atol: k > 9 ? 4e-6 : 1e-6 };
    expect(wasm.shape).toEqual(cpu.shape);
    expectArrayClose(wasm.out, cpu.out, tol);
    expectArrayClose(wasm.da, cpu.da, tol);
    expectArrayClose(wasm.db, cpu.db, tol);
  });

  it('frees every temporary (tensors, buffers) and survives repeated calls on the same operands', async () => {
    await tf.setBackend('wasm');
    const a = tf.tensor(values([6, 9, 8], 4), [6, 9, 8]);
    const b = tf.tensor(values([6, 8, 7], 5), [6, 8, 7]);
    const c = tf.tensor(values([6, 5, 8], 7), [6, 5, 8]);
    const first = tf.matMul(a, b).dataSync().slice();
    const before = tf.memory();
    for (let i = 0; i < 3; i++) {
      const out = tf.matMul(a, b);
      expect(Array.from(out.dataSync())).toEqual(Array.from(first));
      out.dispose();
      tf.matMul(b, c, true, true).dispose();
    }
    // A product on new operands of the same shape must not reuse operators cached for the old ones.
    const b2 = tf.tensor(values([6, 8, 7], 6), [6, 8, 7]);
    const expected = await (async () => {
      await tf.setBackend('cpu');
      const r = tf.tidy(() => tf.matMul(tf.tensor(a.dataSync(), a.shape), tf.tensor(b2.dataSync(), b2.shape)).dataSync().slice());
      await tf.setBackend('wasm');
      return r;
    })();
    const out2 = tf.matMul(a, b2);
    expectArrayClose(out2.dataSync(), expected, { rtol: 1e-6, atol: 1e-6 });
    tf.dispose([out2, b2]);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
    tf.dispose([a, b, c]);
  });
});
