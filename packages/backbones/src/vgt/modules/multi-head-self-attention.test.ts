import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { expectGradientMatchesFiniteDifference, expectTensorClose } from '@sparc-vqa/testing';
import type { ForwardContext } from './forward-context.js';
import { multiHeadSelfAttention } from './multi-head-self-attention.js';
import { paramLookup } from './param-lookup.js';

const ctx: ForwardContext = { training: false, dropoutRate: 0.3 };
const D = 4;
const weights = new Map<string, tf.Variable>();
for (const [i, name] of ['q_lin', 'k_lin', 'v_lin', 'out_lin'].entries()) {
  weights.set(`a.${name}.weight`, tf.variable(tf.randomNormal([D, D], 0, 0.7, 'float32', 10 + i)));
  weights.set(`a.${name}.bias`, tf.variable(tf.randomNormal([D], 0, 0.2, 'float32', 20 + i)));
}
const params = paramLookup(weights);

/** Straightforward per-sample, per-head loop in JS (float64). */
function naive(x: number[][][], mask: number[][], heads: number): number[][][] {
  const w = (n: string): number[][] => params(`a.${n}.weight`).arraySync() as number[][];
  const b = (n: string): number[] => params(`a.${n}.bias`).arraySync() as number[];
  const lin = (rows: number[][], n: string): number[][] => rows.map((r) => w(n).map((wo, o) => wo.reduce((s, v, i) => s + v * r[i]!, b(n)[o]!)));
  const dh = D / heads;
  return x.map((rows, s) => {
    const [q, k, v] = ['q_lin', 'k_lin', 'v_lin'].map((n) => lin(rows, n));
    const context = rows.map(() => new Array<number>(D).fill(0));
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < rows.length; i++) {
        const scores = rows.map((_, j) => (mask[s]![j] ? q![i]!.slice(h * dh, (h + 1) * dh).reduce((a, qv, t) => a + (qv / Math.sqrt(dh)) * k![j]![h * dh + t]!, 0) : -Infinity));
        const max = Math.max(...scores);
        const e = scores.map((z) => Math.exp(z - max));
        const sum = e.reduce((a, z) => a + z, 0);
        for (let j = 0; j < rows.length; j++) for (let t = 0; t < dh; t++) context[i]![h * dh + t]! += (e[j]! / sum) * v![j]![h * dh + t]!;
      }
    }
    return lin(context, 'out_lin');
  });
}

describe('multiHeadSelfAttention', () => {
  const x = tf.randomNormal([2, 3, D], 0, 1, 'float32', 1) as tf.Tensor3D;
  const mask = [[1, 0, 1], [1, 1, 1]];
  const bias = tf.tensor3d(mask.flatMap((r) => r.map((m) => (m ? 0 : -1e9))), [2, 1, 3]);
  afterAll(() => tf.dispose([x, bias, ...weights.values()]));

  it('matches a naive loop, with heads as contiguous slices and masked keys ignored', () => {
    const { context, weights: attn } = multiHeadSelfAttention(x, params, 'a', 2, bias, ctx, true);
    expectTensorClose(context, naive(x.arraySync(), mask, 2), { rtol: 1e-5, atol: 1e-5 });
    expect(attn!.shape).toEqual([2, 2, 3, 3]);
    expect(tf.slice(attn!, [0, 0, 0, 1], [1, 2, 3, 1]).dataSync().every((v) => v === 0)).toBe(true);
    tf.dispose([context, attn!]);
  });

  it('has the right gradient with respect to its input', () => {
    expectGradientMatchesFiniteDifference((t) => tf.sum(tf.square(multiHeadSelfAttention(t as tf.Tensor3D, params, 'a', 2, bias, ctx).context)), x);
  });
});
