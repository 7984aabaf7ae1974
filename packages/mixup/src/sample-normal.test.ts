import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng.js';
import { ValueError } from './errors.js';
import { sampleNormal } from './sample-normal.js';
import { catchError, ksCritical001, ksStatistic, moments } from './test-utils.js';

/** Standard normal CDF via erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7: far below the KS bound). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

describe('sampleNormal', () => {
  const n = 100_000;
  const xs = (() => {
    const rng = createRng(11);
    return Array.from({ length: n }, () => sampleNormal(rng));
  })();

  it('has mean 0 and variance 1 within 5 standard errors', () => {
    const { mean, variance } = moments(xs);
    // SE(mean) = sqrt(1/n); SE(var) = sqrt((m4 - 1)/n) = sqrt(2/n) for the normal (m4 = 3).
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(1 / n));
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });

  it('passes a Kolmogorov-Smirnov test against N(0, 1) at the 0.1% level', () => {
    expect(ksStatistic(xs, normalCdf)).toBeLessThan(ksCritical001(n));
  });

  it('consumes exactly two uniforms per draw and is deterministic', () => {
    let calls = 0;
    const base = createRng(5);
    const counting = () => (calls++, base());
    sampleNormal(counting);
    expect(calls).toBe(2);
    const a = createRng(3);
    const b = createRng(3);
    expect(Array.from({ length: 20 }, () => sampleNormal(a))).toEqual(Array.from({ length: 20 }, () => sampleNormal(b)));
  });

  it('stays finite at the edges of the uniform grid', () => {
    const edges = [0, 0, 0, 0.5, 1 - 2 ** -32, 0.25];
    let i = 0;
    const rng = () => edges[i++ % edges.length]!;
    for (let k = 0; k < 3; k++) expect(Number.isFinite(sampleNormal(rng))).toBe(true);
  });

  it('rejects a non-function rng and out-of-range uniforms', () => {
    expect(catchError(() => sampleNormal(undefined as never), ValueError.isInstance).message).toBe(
      'sampleNormal: rng must be a function returning numbers in [0, 1), got undefined',
    );
    expect(catchError(() => sampleNormal(() => 1), ValueError.isInstance).message).toBe(
      'sampleNormal: rng must return numbers in [0, 1), got 1',
    );
  });
});
