// Helpers shared by this package's tests (not part of the build).
import { createRng, fnv1a32 } from './hash.js';
import type { TeacherStoreHeaderInit } from './store/store-header.js';

/** A deterministic probability matrix `[T, C]` (row-major) for `key`. */
export function demoProbs(key: string, T: number, C: number): Float32Array {
  const rng = createRng(fnv1a32(key));
  const out = new Float32Array(T * C);
  for (let t = 0; t < T; t++) {
    const row = Array.from({ length: C }, () => Math.exp(3 * rng()));
    const sum = row.reduce((a, b) => a + b, 0);
    row.forEach((v, c) => (out[t * C + c] = v / sum));
  }
  return out;
}

/** A small store header for tests. */
export function demoHeader(overrides: Partial<TeacherStoreHeaderInit> = {}): TeacherStoreHeaderInit {
  return { teacherId: 'demo-teacher', dataset: 'synthetic', split: 'train', candidates: 3, framesPerVideo: 4, ...overrides };
}

/** Fixed creation time so byte images are reproducible. */
export const FIXED_TIME = '2026-01-01T00:00:00.000Z';

/** A toy image-QA task: each frame shows one action; the answer's action is shown in most frames. */
export interface ToyExample {
  readonly key: string;
  readonly frames: Float32Array;
  readonly T: number;
  readonly question: string;
  readonly candidates: string[];
  readonly answer: number;
}

const ACTIONS = ['run', 'jump', 'sit', 'eat', 'read', 'wave', 'swim', 'sing'];

/** `n` toy examples with frames [T, D]: action embedding (fixed by `seed`) + 0.3 noise. */
export function toyExamples({ n, T = 4, D = 16, C = 4, seed = 1, answerShare = 0.75 }: { n: number; T?: number; D?: number; C?: number; seed?: number; answerShare?: number }): ToyExample[] {
  const embRng = createRng(99);
  const emb = ACTIONS.map(() => Array.from({ length: D }, () => 2 * embRng() - 1));
  const rng = createRng(seed);
  const pick = <X>(xs: readonly X[]) => xs[Math.floor(rng() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const actions = [...ACTIONS].sort(() => rng() - 0.5).slice(0, C);
    const answer = Math.floor(rng() * C);
    const frames = new Float32Array(T * D);
    for (let t = 0; t < T; t++) {
      const shown = rng() < answerShare ? answer : pick(actions.map((_, j) => j));
      const e = emb[ACTIONS.indexOf(actions[shown]!)]!;
      for (let d = 0; d < D; d++) frames[t * D + d] = e[d]! + 0.3 * (2 * rng() - 1);
    }
    const question = pick(['what does the person do?', 'what is the man doing in the video?', 'what happens?']);
    return { key: `toy${i}_q0`, frames, T, question, candidates: actions.map((a) => `to ${a}`), answer };
  });
}
