import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

type Nested = number | Nested[];

function flatten(x: Nested | ArrayLike<number>): number[] {
  if (typeof x === 'number') return [x];
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) out.push(...flatten((x as ArrayLike<Nested>)[i] as Nested));
  return out;
}

/**
 * Asserts |a - b| <= atol + rtol * |b| elementwise (numpy's allclose). Reports the worst element.
 */
export function expectArrayClose(
  actual: Nested | ArrayLike<number>,
  expected: Nested | ArrayLike<number>,
  { rtol = 1e-5, atol = 1e-6 }: { rtol?: number; atol?: number } = {},
): void {
  const a = flatten(actual);
  const b = flatten(expected);
  expect(a.length, 'element count').toBe(b.length);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i]!;
    const bi = b[i]!;
    if (Number.isNaN(ai) || Number.isNaN(bi)) {
      if (!(Number.isNaN(ai) && Number.isNaN(bi))) throw new Error(`element ${i}: ${ai} vs ${bi}`);
      continue;
    }
    const excess = Math.abs(ai - bi) - (atol + rtol * Math.abs(bi));
    if (excess > worstExcess) {
      worstExcess = excess;
      worst = i;
    }
  }
  if (worst >= 0) {
    throw new Error(
      `arrays differ beyond rtol=${rtol}, atol=${atol}: worst at flat index ${worst}: actual ${a[worst]} vs expected ${b[worst]}`,
    );
  }
}

/** expectArrayClose on a tensor, also checking its shape. */
export function expectTensorClose(
  actual: tf.Tensor,
  expected: tf.Tensor | Nested,
  options: { rtol?: number; atol?: number } = {},
): void {
  if (expected instanceof tf.Tensor) {
    expect(actual.shape).toEqual(expected.shape);
    expectArrayClose(actual.dataSync() as Float32Array, expected.dataSync() as Float32Array, options);
  } else {
    expectArrayClose(actual.dataSync() as Float32Array, expected, options);
  }
}
