import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.js';

describe('createSeededRandom', () => {
  it('is deterministic per seed', () => {
    const draw = (seed: number): number[] => {
      const r = createSeededRandom(seed);
      return Array.from({ length: 5 }, (_, i) => (i % 2 ? r.normal() : r.uniform()));
    };
    expect(draw(4)).toEqual(draw(4));
    expect(draw(4)).not.toEqual(draw(5));
  });

  it('draws uniforms in [0, 1) and standard normals', () => {
    const r = createSeededRandom(1);
    const n = 20000;
    const u = Array.from({ length: n }, () => r.uniform());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const z = Array.from({ length: n }, () => r.normal());
    const mean = z.reduce((a, b) => a + b, 0) / n;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});
