import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectArrayClose, expectNoTensorLeak, testBackend } from '@sparc-vqa/testing';
import { gru, type GRUWeights } from './gru.js';
import { referenceGRU } from './gru-reference.js';
import { seededRandom } from './seeded-random.js';

const TOL = testBackend() === 'wasm' ? 1e-5 : 1e-6;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** torch.nn.GRU written out in float64 for one row: returns the state after each step. */
function naiveGRU(x: number[][], w: { ih: number[][]; hh: number[][]; bih: number[]; bhh: number[] }, hidden: number): number[][] {
  let h = new Array<number>(hidden).fill(0);
  const out: number[][] = [];
  for (const xt of x) {
    const gi = w.ih.map((row, i) => row.reduce((s, v, j) => s + v * xt[j]!, w.bih[i]!));
    const gh = w.hh.map((row, i) => row.reduce((s, v, j) => s + v * h[j]!, w.bhh[i]!));
    const next = h.map((hj, j) => {
      const r = sigmoid(gi[j]! + gh[j]!);
      const z = sigmoid(gi[hidden + j]! + gh[hidden + j]!);
      const n = Math.tanh(gi[2 * hidden + j]! + r * gh[2 * hidden + j]!);
      return (1 - z) * n + z * hj;
    });
    h = next;
    out.push(h);
  }
  return out;
}

describe('gru', () => {
  const [n, steps, inSize, hidden] = [3, 5, 4, 6];
  const rng = seededRandom(1);
  const rand = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => 2 * rng() - 1));
  const raw = { ih: rand(3 * hidden, inSize), hh: rand(3 * hidden, hidden), bih: rand(1, 3 * hidden)[0]!, bhh: rand(1, 3 * hidden)[0]! };
  const xs = Array.from({ length: n }, () => rand(steps, inSize));
  const weights: GRUWeights = {
    weightIh: tf.tensor2d(raw.ih),
    weightHh: tf.tensor2d(raw.hh),
    biasIh: tf.tensor1d(raw.bih),
    biasHh: tf.tensor1d(raw.bhh),
  };
  const x = tf.tensor3d(xs);

  it('matches torch.nn.GRU (gate order r, z, n) step by step', () => {
    const { outputs, last } = gru(x, weights);
    const expected = xs.map((row) => naiveGRU(row, raw, hidden));
    expectArrayClose(outputs.arraySync(), expected, { rtol: TOL, atol: TOL });
    expectArrayClose(last.arraySync(), expected.map((o) => o[steps - 1]!), { rtol: TOL, atol: TOL });
  });

  it('with a length mask equals a packed sequence: zeros past the length, last = state at the last valid step', () => {
    const lengths = [5, 2, 1];
    const mask = tf.tensor2d(lengths.map((l) => Array.from({ length: steps }, (_, t) => (t < l ? 1 : 0))));
    const { outputs, last } = gru(x, weights, mask);
    const expected = xs.map((row, i) => naiveGRU(row.slice(0, lengths[i]), raw, hidden));
    const padded = expected.map((o) => [...o, ...Array.from({ length: steps - o.length }, () => new Array<number>(hidden).fill(0))]);
    expectArrayClose(outputs.arraySync(), padded, { rtol: TOL, atol: TOL });
    expectArrayClose(last.arraySync(), expected.map((o) => o[o.length - 1]!), { rtol: TOL, atol: TOL });
  });

  it('passes the state over masked steps anywhere in the sequence (= the gathered subsequence)', () => {
    const keep = [1, 0, 1, 1, 0];
    const mask = tf.tensor2d(Array.from({ length: n }, () => keep));
    const { outputs, last } = gru(x, weights, mask);
    const expected = xs.map((row) => naiveGRU(row.filter((_, t) => keep[t]), raw, hidden));
    expectArrayClose(last.arraySync(), expected.map((o) => o[o.length - 1]!), { rtol: TOL, atol: TOL });
    const o = outputs.arraySync();
    expect(o[0]![1]!.every((v) => v === 0)).toBe(true);
    expectArrayClose(o.map((r) => r[3]!), expected.map((e) => e[2]!), { rtol: TOL, atol: TOL });
  });

  it('leaks no tensor', async () => {
    const mask = tf.ones([n, steps]) as tf.Tensor2D;
    await expectNoTensorLeak(() => Object.values(gru(x, weights, mask)));
    mask.dispose();
  });

  describe('hand-written backpropagation through time equals automatic differentiation of the reference GRU', () => {
    const masks: ReadonlyArray<readonly [string, number[][] | undefined]> = [
      ['no mask', undefined],
      ['length mask', [[1, 1, 1, 1, 1], [1, 1, 0, 0, 0], [1, 0, 0, 0, 0]]],
      ['holes and an all-masked row', [[1, 0, 1, 1, 0], [0, 0, 0, 0, 0], [0, 1, 0, 0, 1]]],
    ];
    it.each(masks)('%s: value and gradients of x and all four weights', (_name, m) => {
      const mask = m ? tf.tensor2d(m) : undefined;
      const wOut = tf.tensor3d(xs.map(() => rand(steps, hidden)));
      const wLast = tf.tensor2d(rand(n, hidden));
      const loss = (impl: typeof gru) => (xv: tf.Tensor, wih: tf.Tensor, bih: tf.Tensor, whh: tf.Tensor, bhh: tf.Tensor) => {
        const w = { weightIh: wih as tf.Tensor2D, biasIh: bih as tf.Tensor1D, weightHh: whh as tf.Tensor2D, biasHh: bhh as tf.Tensor1D };
        const { outputs, last } = impl(xv as tf.Tensor3D, w, mask);
        // tanh makes the upstream gradient depend on the values (not only on the weights wOut, wLast).
        return tf.add(tf.sum(tf.mul(tf.tanh(outputs), wOut)), tf.sum(tf.mul(tf.square(last), wLast))) as tf.Scalar;
      };
      const args = [x, weights.weightIh, weights.biasIh, weights.weightHh, weights.biasHh];
      const fast = tf.valueAndGrads(loss(gru))(args);
      const ref = tf.valueAndGrads(loss(referenceGRU))(args);
      expectArrayClose(fast.value.dataSync(), ref.value.dataSync(), { rtol: TOL, atol: TOL });
      ref.grads.forEach((g, i) => {
        expect(fast.grads[i]!.shape).toEqual(g.shape);
        expectArrayClose(fast.grads[i]!.dataSync(), g.dataSync(), { rtol: 1e-5, atol: 1e-6 });
      });
      tf.dispose([fast.value, ref.value, ...fast.grads, ...ref.grads, wOut, wLast, ...(mask ? [mask] : [])]);
    });

    it('leaks no tensor in a gradient computation', async () => {
      const mask = tf.tensor2d(masks[2]![1]!);
      await expectNoTensorLeak(() => {
        const { value, grads } = tf.valueAndGrads((xv: tf.Tensor, wih: tf.Tensor) =>
          tf.sum(gru(xv as tf.Tensor3D, { ...weights, weightIh: wih as tf.Tensor2D }, mask).outputs) as tf.Scalar,
        )([x, weights.weightIh]);
        return [value, ...grads];
      });
      mask.dispose();
    });
  });
});
