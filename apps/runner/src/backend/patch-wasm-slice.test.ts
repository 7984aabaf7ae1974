// The Slice / SplitV / Unpack patch (patch-wasm-slice.ts): bit-identical to cpu, gradients included,
// for every rank, dtype and slice position, and no leaks.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32, testBackend } from '@sparc-vqa/testing';

type Run = () => tf.Tensor[];

const iota = (shape: number[], dtype: 'float32' | 'int32' | 'bool' = 'float32') => {
  const n = shape.reduce((a, b) => a * b, 1);
  if (dtype === 'bool') return tf.tensor(Array.from({ length: n }, (_, i) => (i * 7) % 3 === 0), shape, 'bool');
  const rng = mulberry32(n);
  return tf.tensor(Array.from({ length: n }, (_, i) => (dtype === 'int32' ? i - 5 : rng() * 2 - 1)), shape, dtype);
};

const CASES: ReadonlyArray<readonly [string, Run]> = [
  ['slice 1-D', () => [tf.slice(iota([9]), 2, 5)]],
  ['slice 2-D rows (contiguous)', () => [tf.slice(iota([6, 4]), [1, 0], [3, 4])]],
  ['slice 2-D columns', () => [tf.slice(iota([6, 4]), [1, 1], [4, 2])]],
  ['slice 3-D middle axis', () => [tf.slice(iota([3, 5, 4]), [0, 2, 0], [3, 2, 4])]],
  ['slice 3-D all axes', () => [tf.slice(iota([3, 5, 4]), [1, 1, 1], [2, 3, 2])]],
  ['slice 4-D', () => [tf.slice(iota([2, 3, 4, 5]), [1, 0, 2, 1], [1, 3, 2, 3])]],
  ['slice 5-D', () => [tf.slice(iota([2, 2, 3, 2, 3]), [0, 1, 1, 0, 1], [2, 1, 2, 2, 2])]],
  ['slice 6-D', () => [tf.slice(iota([2, 2, 2, 2, 2, 3]), [1, 0, 1, 0, 1, 1], [1, 2, 1, 2, 1, 2])]],
  ['slice size -1', () => [tf.slice(iota([4, 5]), [1, 2], [-1, -1])]],
  ['slice empty', () => [tf.slice(iota([4, 5]), [1, 2], [0, 3])]],
  ['slice scalar-like', () => [tf.slice(iota([1]), [0], [1])]],
  ['slice int32', () => [tf.slice(iota([4, 5], 'int32'), [1, 1], [2, 3])]],
  ['slice bool', () => [tf.slice(iota([4, 5], 'bool'), [0, 2], [4, 2])]],
  ['split axis 0', () => tf.split(iota([7, 3]), [2, 4, 1], 0)],
  ['split axis 1', () => tf.split(iota([3, 8, 2]), 4, 1)],
  ['split last axis', () => tf.split(iota([3, 2, 9]), [3, 5, 1], -1)],
  ['split int32', () => tf.split(iota([4, 6], 'int32'), 2, 1)],
  ['unstack axis 0', () => tf.unstack(iota([4, 3, 2]))],
  ['unstack axis 1', () => tf.unstack(iota([4, 3, 2]), 1)],
  ['unstack axis -1', () => tf.unstack(iota([4, 3, 2]), -1)],
  ['unstack bool', () => tf.unstack(iota([3, 4], 'bool'), 1)],
  ['stridedSlice', () => [tf.stridedSlice(iota([5, 6]), [1, 0], [5, 6], [2, 3])]],
];

async function run(f: Run, backend: string) {
  await tf.setBackend(backend);
  return tf.tidy(() => f().map((t) => ({ shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync() as ArrayLike<number>) })));
}

describe.runIf(testBackend() === 'wasm')('wasm Slice, SplitV, Unpack (patched) equal cpu', () => {
  afterAll(async () => {
    await tf.setBackend('wasm');
  });

  it.each(CASES.map(([name, f]) => [name, f] as const))('%s', async (_name, f) => {
    const cpu = await run(f, 'cpu');
    const wasm = await run(f, 'wasm');
    expect(wasm).toEqual(cpu);
  });

  it('gradients of slice, split and unstack equal cpu', async () => {
    const f = (x: tf.Tensor) => {
      const [p, q] = tf.split(x, [2, 3], 1);
      const rows = tf.unstack(q!, 2);
      const s = tf.slice(x, [1, 0, 1], [2, 4, 2]);
      // Only exact float32 operations, so that cpu and wasm must agree bit for bit.
      return tf.addN([tf.sum(tf.mul(p!, 3)), tf.sum(tf.mul(rows[1]!, rows[0]!)), tf.sum(tf.square(s))]) as tf.Scalar;
    };
    const grad = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => Array.from(tf.grad(f)(iota([3, 5, 4])).dataSync()));
    };
    const cpu = await grad('cpu');
    expect(await grad('wasm')).toEqual(cpu);
  });

  it('frees everything it allocates, and reads the input after the heap grows', async () => {
    await tf.setBackend('wasm');
    const x = iota([8, 6, 5]);
    const before = tf.memory();
    for (let i = 0; i < 3; i++) tf.dispose([tf.slice(x, [1, 2, 1], [6, 3, 3]), ...tf.split(x, 4, 0), ...tf.unstack(x, 1)]);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numDataBuffers).toBe(before.numDataBuffers);
    // A slice whose output forces the heap to grow still reads the right input values.
    const big = tf.zeros([64, 1024, 1024]); // 256 MiB
    const part = tf.slice(big, [0, 0, 0], [64, 1024, 1024 - 1]);
    const y = tf.slice(x, [7, 5, 0], [1, 1, 5]);
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync().slice(-5)));
    tf.dispose([big, part, y, x]);
  });
});
