import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectArrayClose, expectNoTensorLeak, testBackend } from '@sparc-vqa/testing';
import { gru, type GRUWeights } from './gru.js';
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
});
