import { describe, expect, it } from 'vitest';
import { createRng } from './create-rng.js';
import { ConfigError, ValueError } from './errors.js';
import { samplePartner } from './sample-partner.js';
import { catchError } from './test-utils.js';

const isPermutation = (p: readonly number[]) => [...p].sort((a, b) => a - b).every((v, i) => v === i);

describe('samplePartner', () => {
  it("'permutation' returns a permutation, uniformly: each i -> j has probability 1/B", () => {
    const b = 5;
    const n = 50_000;
    const rng = createRng(2);
    const counts = Array.from({ length: b }, () => new Array<number>(b).fill(0));
    let fixedPoints = 0;
    let invalid = 0;
    for (let k = 0; k < n; k++) {
      const p = samplePartner(b, { rng });
      if (!isPermutation(p)) invalid++;
      p.forEach((j, i) => {
        counts[i]![j]!++;
        if (i === j) fixedPoints++;
      });
    }
    expect(invalid).toBe(0);
    // Each cell ~ Binomial(n, 1/B): SE = sqrt(n p (1 - p)); bound 5 SE.
    const se = Math.sqrt(n * (1 / b) * (1 - 1 / b));
    for (const row of counts) for (const c of row) expect(Math.abs(c - n / b)).toBeLessThan(5 * se);
    // A uniform permutation has on average one fixed point per batch: a sample can be its own partner.
    expect(fixedPoints / n).toBeGreaterThan(0.95);
    expect(fixedPoints / n).toBeLessThan(1.05);
  });

  it("'derangement' never pairs a sample with itself and covers all 9 derangements of 4 uniformly", () => {
    const rng = createRng(3);
    const seen = new Map<string, number>();
    const n = 18_000;
    let invalid = 0;
    for (let k = 0; k < n; k++) {
      const p = samplePartner(4, { rng, strategy: 'derangement' });
      if (!isPermutation(p) || p.some((j, i) => j === i)) invalid++;
      seen.set(p.join(), (seen.get(p.join()) ?? 0) + 1);
    }
    expect(invalid).toBe(0);
    expect(seen.size).toBe(9);
    const se = Math.sqrt(n * (1 / 9) * (8 / 9));
    for (const c of seen.values()) expect(Math.abs(c - n / 9)).toBeLessThan(5 * se);
    expect(samplePartner(2, { rng, strategy: 'derangement' })).toEqual([1, 0]);
  });

  it("'flip' is timm's reversed batch and consumes no randomness", () => {
    let calls = 0;
    const rng = () => (calls++, 0.5);
    expect(samplePartner(4, { rng, strategy: 'flip' })).toEqual([3, 2, 1, 0]);
    expect(samplePartner(5, { rng, strategy: 'flip' })).toEqual([4, 3, 2, 1, 0]);
    expect(calls).toBe(0);
  });

  it('a batch of one is its own partner for every strategy', () => {
    for (const strategy of ['permutation', 'derangement', 'flip'] as const) {
      expect(samplePartner(1, { rng: createRng(0), strategy })).toEqual([0]);
    }
  });

  it("'permutation' consumes B - 1 uniforms and is deterministic per seed", () => {
    let calls = 0;
    const base = createRng(0);
    samplePartner(8, { rng: () => (calls++, base()) });
    expect(calls).toBe(7);
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 10 }, () => samplePartner(16, { rng }));
    };
    expect(draw(4)).toEqual(draw(4));
    expect(draw(4)).not.toEqual(draw(5));
  });

  it('validates its arguments', () => {
    for (const b of [0, -1, 2.5, NaN, '4']) {
      const e = catchError(() => samplePartner(b as number, { rng: createRng(0) }), ValueError.isInstance);
      expect(e.field).toBe('batchSize');
      expect(e.message).toBe(`samplePartner: batchSize must be an integer >= 1, got ${String(b)}`);
    }
    const c = catchError(() => samplePartner(4, { rng: createRng(0), strategy: 'shuffle' as never }), ConfigError.isInstance);
    expect(c.field).toBe('partner');
    expect(c.message).toBe(`samplePartner: partner must be one of 'permutation', 'derangement', 'flip', got "shuffle"`);
    expect(catchError(() => samplePartner(4, { rng: 3 as never }), ValueError.isInstance).field).toBe('rng');
  });
});
