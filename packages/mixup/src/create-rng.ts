// Seeded uniform generator: sfc32 (Chris Doty-Humphrey's PractRand "small fast counting" generator)
// seeded through splitmix32. Every random step of this package draws from an injected `Rng`.
import { ConfigError, ValueError } from './errors.js';

/**
 * A source of uniform random numbers in [0, 1): each call returns the next number of the stream.
 * Any function of this type can be injected (e.g. a test's `mulberry32(seed)`); only generators made
 * by {@link createRng} can be snapshotted and restored.
 *
 * @example
 * ```ts
 * const rng: Rng = createRng(42);
 * rng(); // 0.9029477783478796 (always, for seed 42)
 * ```
 */
export type Rng = () => number;

/**
 * The complete state of a {@link SeededRng}: the four 32-bit words of sfc32 as unsigned integers.
 * Plain JSON-serializable data (write it into a checkpoint, read it back, pass it to `setState`).
 *
 * @example
 * ```ts
 * const state: RngState = createRng(1).getState(); // [4 unsigned 32-bit integers]
 * ```
 */
export type RngState = readonly [number, number, number, number];

/**
 * A seeded {@link Rng} whose position in its stream can be saved and restored exactly.
 *
 * @example
 * ```ts
 * const rng = createRng(7);
 * const saved = rng.getState();
 * const a = rng();
 * rng.setState(saved);
 * rng() === a; // true
 * ```
 */
export interface SeededRng extends Rng {
  /** A copy of the current state (frozen). */
  getState(): RngState;
  /** Moves the generator to `state` (as returned by `getState`). Throws `ValueError` on a malformed state. */
  setState(state: RngState): void;
}

const TWO_POW_32 = 4294967296;

/** splitmix32 (bryc's port of Vigna's splitmix finaliser): a bijective 32-bit mixer over a Weyl sequence. */
function splitmix32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

function isUint32(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < TWO_POW_32;
}

/**
 * Creates a seeded uniform generator: sfc32 (32-bit state words a, b, c, d; period at least 2^32,
 * passes PractRand/BigCrush), its state filled from splitmix32 and advanced 12 steps before the first
 * output. Each output is a 32-bit integer divided by 2^32, so values lie in [0, 1) on a 2^-32 grid.
 *
 * `seed` may be any safe integer (negative and values >= 2^32 included): its low 32 bits seed words
 * a..d through splitmix32 and its high bits are mixed into c and d, so different seeds give different
 * streams. The generator has no hidden global state: two generators with the same seed produce the same
 * sequence, and `getState()`/`setState()` snapshot and restore the exact position.
 *
 * @param seed - Any safe integer.
 * @returns A {@link SeededRng}.
 * @throws ConfigError when `seed` is not a safe integer.
 * @example
 * ```ts
 * const rng = createRng(2024);
 * const xs = [rng(), rng(), rng()]; // [0.8687346484512091, 0.8113665110431612, 0.5297264088876545]
 * ```
 */
export function createRng(seed: number): SeededRng {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new ConfigError(`createRng: seed must be a safe integer, got ${String(seed)}`, {
      field: 'seed',
      value: seed,
      constraint: 'safe integer',
    });
  }
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_POW_32) >>> 0;
  const fromLo = splitmix32(lo);
  const fromHi = splitmix32(hi);
  let a = fromLo();
  let b = fromLo();
  let c = (fromLo() ^ fromHi()) >>> 0;
  let d = (fromLo() ^ fromHi()) >>> 0;

  const nextUint32 = (): number => {
    const t0 = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const t = (t0 + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32();

  const rng = (() => nextUint32() / TWO_POW_32) as SeededRng;
  rng.getState = () => Object.freeze([a >>> 0, b >>> 0, c >>> 0, d >>> 0] as const);
  rng.setState = (state: RngState) => {
    if (!Array.isArray(state) || state.length !== 4 || !state.every(isUint32)) {
      throw new ValueError(
        `setState: state must be 4 unsigned 32-bit integers (from getState()), got ${JSON.stringify(state)}`,
        { field: 'state', value: state, constraint: '[uint32, uint32, uint32, uint32]' },
      );
    }
    [a, b, c, d] = state;
  };
  return rng;
}

/**
 * Draws one number from `rng` and checks it lies in [0, 1) (a misbehaving injected rng would
 * otherwise turn into NaN or infinite samples far from its cause). Internal.
 */
export function drawUniform(rng: Rng, fn: string): number {
  const u = rng();
  if (!(u >= 0 && u < 1)) {
    throw new ValueError(`${fn}: rng must return numbers in [0, 1), got ${String(u)}`, {
      field: 'rng',
      value: u,
      constraint: 'number in [0, 1)',
    });
  }
  return u;
}

/** Checks that `rng` is a function. Internal. */
export function assertRng(rng: unknown, fn: string): asserts rng is Rng {
  if (typeof rng !== 'function') {
    throw new ValueError(`${fn}: rng must be a function returning numbers in [0, 1), got ${typeof rng}`, {
      field: 'rng',
      value: rng,
      constraint: 'function () => number in [0, 1)',
    });
  }
}

/** True when `rng` can be snapshotted (a {@link SeededRng} or anything with the same two methods). */
export function isSeededRng(rng: Rng): rng is SeededRng {
  const r = rng as Partial<SeededRng>;
  return typeof r.getState === 'function' && typeof r.setState === 'function';
}
