import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng.js';
import { ValueError } from './errors.js';
import { sampleGamma, sampleLogGamma } from './sample-gamma.js';
import { catchError, ksCritical001, ksStatistic, moments } from './test-utils.js';

const N = 100_000;

function draws(shape: number, seed: number, n = N): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => sampleGamma(shape, rng));
}

describe('sampleGamma', () => {
  // Gamma(k, 1): mean = var = k; fourth central moment m4 = 3k^2 + 6k, so SE(sample var) = sqrt((m4 - k^2)/n).
  // Bound: 5 standard errors (a false failure has probability < 1e-6 per check).
  it.each([0.1, 0.5, 1, 2.5, 7, 30])('Gamma(%s) has mean and variance k within 5 SE', (k) => {
    const xs = draws(k, Math.round(k * 1000));
    expect(xs.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    const { mean, variance } = moments(xs);
    expect(Math.abs(mean - k)).toBeLessThan(5 * Math.sqrt(k / N));
    expect(Math.abs(variance - k)).toBeLessThan(5 * Math.sqrt((3 * k * k + 6 * k - k * k) / N));
  });

  it('passes KS tests against Exp(1) = Gamma(1) and Gamma(2) at the 0.1% level', () => {
    expect(ksStatistic(draws(1, 21), (x) => 1 - Math.exp(-x))).toBeLessThan(ksCritical001(N));
    expect(ksStatistic(draws(2, 22), (x) => 1 - Math.exp(-x) * (1 + x))).toBeLessThan(ksCritical001(N));
  });

  it('is deterministic for a seed', () => {
    expect(draws(0.3, 9, 50)).toEqual(draws(0.3, 9, 50));
    expect(draws(0.3, 9, 50)).not.toEqual(draws(0.3, 10, 50));
  });
});

describe('sampleLogGamma', () => {
  it('stays finite for tiny shapes where Gamma itself underflows', () => {
    const rng = createRng(4);
    const logs = Array.from({ length: 20_000 }, () => sampleLogGamma(0.005, rng));
    expect(logs.every(Number.isFinite)).toBe(true);
    // P(G < 1e-300) = (1e-300)^0.005 / Gamma(1.005) ~ 0.03: a few hundred draws are below exp(-690).
    expect(logs.filter((l) => l < -690).length).toBeGreaterThan(100);
  });

  it('E[log G] equals the digamma function psi(k) (psi(1) = -0.5772, psi(0.1) = -10.4238)', () => {
    // Var(log G) = trigamma(k): 1.6449 for k = 1, 101.43 for k = 0.1. Bound: 5 SE.
    for (const [k, psi, trigamma] of [
      [1, -0.5772156649, 1.644934067],
      [0.1, -10.42375494, 101.4332991],
    ] as const) {
      const rng = createRng(77);
      const logs = Array.from({ length: N }, () => sampleLogGamma(k, rng));
      expect(Math.abs(moments(logs).mean - psi)).toBeLessThan(5 * Math.sqrt(trigamma / N));
    }
  });

  it('exp(sampleLogGamma) is sampleGamma for the same stream', () => {
    const a = createRng(8);
    const b = createRng(8);
    for (let i = 0; i < 100; i++) expect(Math.exp(sampleLogGamma(0.7, a))).toBe(sampleGamma(0.7, b));
  });
});

describe('gamma argument errors', () => {
  it.each([0, -1, NaN, Infinity, '2'])('rejects shape %s', (shape) => {
    for (const [fn, f] of [
      ['sampleGamma', sampleGamma],
      ['sampleLogGamma', sampleLogGamma],
    ] as const) {
      const e = catchError(() => f(shape as number, createRng(0)), ValueError.isInstance);
      expect(e.field).toBe('shape');
      expect(e.constraint).toBe('finite number > 0');
      expect(e.message).toBe(`${fn}: shape must be a finite number > 0, got ${String(shape)}`);
    }
  });

  it('rejects a bad rng', () => {
    expect(catchError(() => sampleGamma(1, null as never), ValueError.isInstance).field).toBe('rng');
    expect(catchError(() => sampleLogGamma(0.5, () => -1), ValueError.isInstance).message).toBe(
      'sampleLogGamma: rng must return numbers in [0, 1), got -1',
    );
  });
});
