import { describe, expect, it } from 'vitest';
import { assertRng, createRng, drawUniform, isSeededRng } from './create-rng.js';
import { ConfigError, ValueError } from './errors.js';
import { catchError, moments } from './test-utils.js';

const take = (rng: () => number, n: number): number[] => Array.from({ length: n }, () => rng());

describe('createRng', () => {
  it('same seed gives the same sequence; different seeds differ', () => {
    expect(take(createRng(42), 100)).toEqual(take(createRng(42), 100));
    expect(take(createRng(42), 10)).not.toEqual(take(createRng(43), 10));
    expect(take(createRng(0), 10)).not.toEqual(take(createRng(2 ** 32), 10)); // high bits matter
    expect(take(createRng(-1), 10)).not.toEqual(take(createRng(2 ** 32 - 1), 10));
  });

  it('pins the first outputs of seed 0 (a regression guard on the generator)', () => {
    const first = take(createRng(0), 3).map((x) => Math.round(x * 2 ** 32));
    expect(first).toMatchInlineSnapshot(`
      [
        4085063417,
        2416232590,
        586005735,
      ]
    `);
  });

  it('matches an independent BigInt implementation of sfc32 from a given state', () => {
    // sfc32 (PractRand): t = a + b + counter; a = b ^ (b >> 9); b = c + (c << 3); c = rotl(c, 21) + t.
    const M = (1n << 32n) - 1n;
    let [a, b, c, d] = [0x12345678n, 0x9abcdef0n, 0x0fedcba9n, 0x87654321n];
    const reference = (): number => {
      const t0 = (a + b) & M;
      a = b ^ (b >> 9n);
      b = (c + (c << 3n)) & M;
      c = ((c << 21n) | (c >> 11n)) & M;
      d = (d + 1n) & M;
      const t = (t0 + d) & M;
      c = (c + t) & M;
      return Number(t);
    };
    const rng = createRng(0);
    rng.setState([0x12345678, 0x9abcdef0, 0x0fedcba9, 0x87654321]);
    const ours = take(rng, 1000).map((x) => x * 2 ** 32);
    expect(ours).toEqual(Array.from({ length: 1000 }, reference));
  });

  it('returns values in [0, 1) on a 2^-32 grid with uniform moments (mean 1/2, var 1/12)', () => {
    const xs = take(createRng(7), 100_000);
    expect(xs.filter((x) => !(x >= 0 && x < 1) || !Number.isInteger(x * 2 ** 32))).toEqual([]);
    const { mean, variance } = moments(xs);
    // Standard errors: sd(mean) = sqrt(1/12 / n) = 9.1e-4; sd(var) = sqrt((1/80 - 1/144) / n) = 2.4e-4. Bound: 5 SE.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / 1e5));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt((1 / 80 - 1 / 144) / 1e5));
  });

  it('getState/setState snapshot and restore the exact position', () => {
    const rng = createRng(123);
    take(rng, 17);
    const state = rng.getState();
    expect(Object.isFrozen(state)).toBe(true);
    expect(JSON.parse(JSON.stringify(state))).toEqual([...state]);
    const next = take(rng, 50);
    rng.setState(state);
    expect(take(rng, 50)).toEqual(next);
    const other = createRng(999);
    other.setState(JSON.parse(JSON.stringify(state)));
    expect(take(other, 50)).toEqual(next);
  });

  it.each([1.5, NaN, Infinity, 2 ** 53, '1'])('rejects seed %s with a ConfigError', (seed) => {
    const e = catchError(() => createRng(seed as number), ConfigError.isInstance);
    expect(e.field).toBe('seed');
    expect(e.constraint).toBe('safe integer');
    expect(e.message).toMatch(/^createRng: seed must be a safe integer, got /);
  });

  it.each([[[1, 2, 3]], [[1, 2, 3, -1]], [[1, 2, 3, 2 ** 32]], [[1, 2, 3, 0.5]], [null]])('setState rejects %j', (state) => {
    const rng = createRng(1);
    const e = catchError(() => rng.setState(state as never), ValueError.isInstance);
    expect(e.field).toBe('state');
    expect(e.message).toMatch(/^setState: state must be 4 unsigned 32-bit integers/);
  });

  it('drawUniform and assertRng report misbehaving generators', () => {
    for (const bad of [1, -0.1, NaN, 2]) {
      const e = catchError(() => drawUniform(() => bad, 'sampleBeta'), ValueError.isInstance);
      expect(e.message).toBe(`sampleBeta: rng must return numbers in [0, 1), got ${bad}`);
      expect(e.field).toBe('rng');
    }
    expect(drawUniform(() => 0, 'f')).toBe(0);
    const e = catchError(() => assertRng(42, 'sampleGamma'), ValueError.isInstance);
    expect(e.message).toBe('sampleGamma: rng must be a function returning numbers in [0, 1), got number');
    expect(isSeededRng(createRng(1))).toBe(true);
    expect(isSeededRng(() => 0.5)).toBe(false);
  });
});
