// Seeded pseudo-random numbers for deterministic weight initialisation and dropout seeds. Backend
// independent: values are drawn in JavaScript, never by a tfjs kernel.
import type { Rng } from '../backbone.js';

/**
 * A uniform [0, 1) generator (mulberry32) from a 32-bit integer seed. Same seed, same sequence, on every
 * platform.
 *
 * @example
 * const rng = seededRandom(7);
 * rng(); // 0.0935...
 */
export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed derived from a base seed and a name (FNV-1a over the name, mixed with the seed), so that
 * each weight gets its own stream: adding or removing a weight never changes the others.
 */
export function deriveSeed(seed: number, name: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // One round of mulberry32 finalisation to spread nearby seeds.
  h = Math.imul(h ^ (h >>> 15), h | 1) >>> 0;
  return (h ^ (h >>> 14)) >>> 0;
}

/** An integer seed in [0, 2^31) for a tfjs op (dropout), drawn from `rng`. */
export function seedFromRng(rng: Rng): number {
  return Math.floor(rng() * 2147483648);
}
