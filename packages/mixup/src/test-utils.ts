// Local test helpers (not exported from the package).
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { createRng } from './create-rng.js';

/** The raw IEEE-754 bits of a float32 tensor (compare with toEqual for bit identity, -0 and NaN included). */
export function float32Bits(t: tf.Tensor): Uint32Array {
  const values = t.dataSync() as Float32Array;
  return new Uint32Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
}

/** Sample mean and (unbiased) variance of `xs`, in float64. */
export function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  let mean = 0;
  for (let i = 0; i < xs.length; i++) mean += xs[i]!;
  mean /= xs.length;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) ss += (xs[i]! - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1) };
}

/** A float32 tensor of the given shape with uniform values in [-scale, scale) from a seeded stream. */
export function randomTensor(shape: number[], seed: number, scale = 1): tf.Tensor {
  const rng = createRng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => (2 * rng() - 1) * scale), shape, 'float32');
}

/** Row-major flat index of `index` in `shape`. */
export function flatIndex(shape: readonly number[], index: readonly number[]): number {
  let flat = 0;
  for (let d = 0; d < shape.length; d++) flat = flat * shape[d]! + (index[d] ?? 0);
  return flat;
}

/** Calls `fn`, expects it to throw an error accepted by `guard`, and returns that error. */
export function catchError<E>(fn: () => unknown, guard: (e: unknown) => e is E): E {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected an error').toBeDefined();
  if (!guard(caught)) throw new Error(`unexpected error: ${String(caught)}`, { cause: caught });
  return caught;
}

/** Kolmogorov-Smirnov statistic D = sup |F_n(x) - F(x)| of `xs` against the CDF `cdf`. */
export function ksStatistic(xs: readonly number[], cdf: (x: number) => number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** KS critical value at significance 0.001 for large n: 1.949 / sqrt(n). */
export function ksCritical001(n: number): number {
  return 1.949 / Math.sqrt(n);
}

/**
 * Asserts actual[k] = lambda * x[k] + (1 - lambda) * y[k] in float32: the bound is 2^-22 (a few float32
 * ulps) of |lambda x| + |(1 - lambda) y|, which absorbs cancellation; NaN/Inf must match exactly.
 */
export function expectMixed(
  actual: ArrayLike<number>,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  lambda: number,
  where = '',
): void {
  const l = Math.fround(lambda);
  const m = Math.fround(1 - lambda);
  expect(actual.length).toBe(x.length);
  for (let k = 0; k < x.length; k++) {
    const want = l * x[k]! + m * y[k]!;
    const got = actual[k]!;
    if (!Number.isFinite(want)) {
      expect(Object.is(got, Math.fround(want)) || (Number.isNaN(got) && Number.isNaN(want)), `${where}[${k}]`).toBe(true);
      continue;
    }
    const bound = 2 ** -22 * (Math.abs(l * x[k]!) + Math.abs(m * y[k]!));
    if (!(Math.abs(got - want) <= bound)) {
      throw new Error(`${where}[${k}]: got ${got}, want ${want} (lambda ${lambda}, x ${x[k]}, y ${y[k]})`);
    }
  }
}
