import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@sparc-vqa/testing';
import { createRng } from './create-rng.js';
import { ValueError } from './errors.js';
import { sampleBeta } from './sample-beta.js';
import { catchError, ksCritical001, ksStatistic, moments } from './test-utils.js';

const N = 100_000;

/** Mean, variance and fourth central moment of Beta(a, b). */
function betaMoments(a: number, b: number): { mean: number; variance: number; m4: number } {
  const s = a + b;
  const variance = (a * b) / (s * s * (s + 1));
  const excessKurtosis = (6 * ((a - b) ** 2 * (s + 1) - a * b * (s + 2))) / (a * b * (s + 2) * (s + 3));
  return { mean: a / s, variance, m4: variance * variance * (excessKurtosis + 3) };
}

function draws(a: number, b: number, seed: number, n = N): number[] {
  const rng = createRng(Math.round(seed));
  return Array.from({ length: n }, () => sampleBeta(a, b, rng));
}

describe('sampleBeta', () => {
  // SE(mean) = sqrt(var / n); SE(sample variance) = sqrt((m4 - var^2) / n). Bound: 5 standard errors.
  it.each([
    [0.1, 0.1],
    [0.4, 0.4],
    [2, 5],
    [0.1, 2],
  ])('Beta(%s, %s) matches mean a/(a+b) and variance ab/((a+b)^2(a+b+1)) within 5 SE', (a, b) => {
    const xs = draws(a, b, 1000 * a + b);
    expect(xs.filter((x) => !(x >= 0 && x <= 1))).toEqual([]); // also catches NaN
    const want = betaMoments(a, b);
    const got = moments(xs);
    expect(Math.abs(got.mean - want.mean)).toBeLessThan(5 * Math.sqrt(want.variance / N));
    expect(Math.abs(got.variance - want.variance)).toBeLessThan(5 * Math.sqrt((want.m4 - want.variance ** 2) / N));
  });

  it('Beta(2, 5) passes a KS test against its CDF at the 0.1% level', () => {
    // I_x(2, 5) = 1 - (1 - x)^6 - 6 x (1 - x)^5 (integer parameters: a binomial tail).
    const cdf = (x: number) => 1 - (1 - x) ** 6 - 6 * x * (1 - x) ** 5;
    expect(ksStatistic(draws(2, 5, 3), cdf)).toBeLessThan(ksCritical001(N));
  });

  it('symmetric Beta(0.1, 0.1) puts half its mass below 1/2 and is U-shaped', () => {
    const xs = draws(0.1, 0.1, 99);
    const below = xs.filter((x) => x < 0.5).length / N;
    expect(Math.abs(below - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / N));
    // P(0.1 < x < 0.9) = 0.18723 for Beta(0.1, 0.1) (scipy.stats.beta): most mass sits near 0 and 1.
    const middle = xs.filter((x) => x > 0.1 && x < 0.9).length / N;
    expect(Math.abs(middle - 0.18723)).toBeLessThan(5 * Math.sqrt((0.18723 * 0.81277) / N));
  });

  it('never returns NaN or leaves [0, 1] for tiny parameters (log-space gammas)', () => {
    for (const [a, b] of [
      [0.001, 0.001],
      [0.01, 5],
      [1e-4, 1e-4],
    ] as const) {
      const xs = draws(a, b, 5, 20_000);
      expect(xs.filter((x) => !(x >= 0 && x <= 1))).toEqual([]);
    }
  });

  it('about 1.3% of Beta(0.1, 0.1) draws round to exactly 1 (the true mass within 2^-53 of 1)', () => {
    // P(x > 1 - 2^-53) = 0.012875 (scipy.stats.beta(0.1, 0.1).sf); bound: 5 binomial standard errors.
    const ones = draws(0.1, 0.1, 12).filter((x) => x === 1).length / N;
    expect(Math.abs(ones - 0.012875)).toBeLessThan(5 * Math.sqrt((0.012875 * 0.987125) / N));
  });

  it('same seed gives the same sequence; an injected rng works', () => {
    expect(draws(0.4, 0.4, 1, 200)).toEqual(draws(0.4, 0.4, 1, 200));
    expect(draws(0.4, 0.4, 1, 20)).not.toEqual(draws(0.4, 0.4, 2, 20));
    const a = mulberry32(5);
    const b = mulberry32(5);
    expect(sampleBeta(0.1, 0.1, a)).toBe(sampleBeta(0.1, 0.1, b));
  });

  it.each([
    ['alpha', 0, 1],
    ['alpha', -0.5, 1],
    ['alpha', NaN, 1],
    ['alpha', Infinity, 1],
    ['beta', 1, 0],
    ['beta', 1, NaN],
    ['beta', 1, -2],
  ] as const)('rejects %s (alpha = %s, beta = %s) with a ValueError', (field, a, b) => {
    const e = catchError(() => sampleBeta(a, b, createRng(0)), ValueError.isInstance);
    expect(e.field).toBe(field);
    expect(e.constraint).toBe('finite number > 0');
    expect(e.message).toBe(`sampleBeta: ${field} must be a finite number > 0, got ${field === 'alpha' ? a : b}`);
  });

  it('rejects a bad rng', () => {
    expect(catchError(() => sampleBeta(1, 1, 'x' as never), ValueError.isInstance).message).toBe(
      'sampleBeta: rng must be a function returning numbers in [0, 1), got string',
    );
    expect(catchError(() => sampleBeta(1, 1, () => NaN), ValueError.isInstance).message).toBe(
      'sampleBeta: rng must return numbers in [0, 1), got NaN',
    );
  });
});
