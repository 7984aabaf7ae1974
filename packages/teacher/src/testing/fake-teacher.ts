// A deterministic stand-in for the image-QA teacher, for other packages' tests and the runner's
// end-to-end tests. Its probabilities are a pure function of (key or question, frame position,
// question, candidates, seed); it never reads frame values (only their count T). Optionally a set of
// "causal frames" per key where the right answer gets a high probability, and a low one elsewhere.
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError } from '../errors.js';
import { createRng, fnv1a32 } from '../hash.js';
import type { ImageQATeacher, TeacherQuery } from '../image-qa-teacher.js';

/** The causal frames of one sample: the answer and the frame positions where the teacher "sees" it. */
export interface FakeCausalFrames {
  readonly answer: number;
  /** Frame positions (values of `frameIndices`, or row numbers 0..T-1 when the query has none). */
  readonly frames: readonly number[];
}

/** Options of the fake teacher. */
export interface FakeTeacherOptions {
  /** Seed of the pseudo-random probabilities (default 0). */
  readonly seed?: number;
  /** Teacher id (default `fake-teacher:<seed>`). */
  readonly id?: string;
  /** Causal frames by sample key, or a function of the query. */
  readonly causal?: Readonly<Record<string, FakeCausalFrames>> | ((query: FakeQueryInfo) => FakeCausalFrames | undefined);
  /** p_k[a] on causal frames (default 0.9). */
  readonly causalProbability?: number;
  /** Upper bound of p_k[a] on the other frames of a sample with causal frames (default 0.2). */
  readonly nonCausalMax?: number;
  /** Spread of the random logits (default 2: logits uniform in [-2, 2]). */
  readonly sharpness?: number;
}

/** What the fake teacher's probabilities depend on. */
export interface FakeQueryInfo {
  readonly key?: string;
  readonly question: string;
  readonly candidates: readonly string[];
  /** T. */
  readonly frames: number;
  readonly frameIndices?: readonly number[];
}

/** The fake teacher, with counters of what it was asked (to test batching and resume). */
export interface FakeTeacher extends ImageQATeacher {
  /** scoreBatch calls, queries scored, frames scored. */
  readonly calls: { batches: number; queries: number; frames: number };
}

/**
 * The fake teacher's probabilities, row-major `[T, C]` (a pure function; `createFakeTeacher` wraps it).
 *
 * @example
 * fakeTeacherProbs({ key: 'v1_q0', question: 'why?', candidates: ['a', 'b'], frames: 2 }, { causal: { v1_q0: { answer: 1, frames: [0] } } });
 * // row 0: p[1] = 0.9; row 1: p[1] <= 0.2
 */
export function fakeTeacherProbs(query: FakeQueryInfo, options: FakeTeacherOptions = {}): Float32Array {
  const { seed = 0, causalProbability = 0.9, nonCausalMax = 0.2, sharpness = 2 } = options;
  if (!(causalProbability > 0 && causalProbability < 1)) throw new ConfigError('fakeTeacherProbs', 'causalProbability', causalProbability, 'must be in (0, 1)');
  if (!(nonCausalMax > 0 && nonCausalMax < 1)) throw new ConfigError('fakeTeacherProbs', 'nonCausalMax', nonCausalMax, 'must be in (0, 1)');
  const C = query.candidates.length;
  const T = query.frames;
  const causal = typeof options.causal === 'function' ? options.causal(query) : query.key === undefined ? undefined : options.causal?.[query.key];
  if (causal && !(Number.isInteger(causal.answer) && causal.answer >= 0 && causal.answer < C)) {
    throw new ConfigError('fakeTeacherProbs', `causal['${query.key}'].answer`, causal.answer, `must be in [0, ${C - 1}]`);
  }
  const causalSet = new Set(causal?.frames ?? []);
  const out = new Float32Array(T * C);
  const id = query.key ?? query.question;
  for (let t = 0; t < T; t++) {
    const position = query.frameIndices?.[t] ?? t;
    const row = query.candidates.map((cand, c) => Math.exp(sharpness * (2 * createRng(fnv1a32(`${seed}|${id}|${query.question}|${position}|${c}|${cand}`))() - 1)));
    let sum = row.reduce((a, b) => a + b, 0);
    let p = row.map((x) => x / sum);
    if (causal) {
      const a = causal.answer;
      const target = causalSet.has(position) ? causalProbability : Math.min(p[a]!, nonCausalMax);
      const rest = 1 - p[a]!;
      p = p.map((x, c) => (c === a ? target : rest > 0 ? (x * (1 - target)) / rest : (1 - target) / (C - 1)));
      sum = p.reduce((x, y) => x + y, 0);
      p = p.map((x) => x / sum);
    }
    p.forEach((x, c) => (out[t * C + c] = x));
  }
  return out;
}

/**
 * A deterministic ImageQATeacher for tests.
 *
 * @example
 * const teacher = createFakeTeacher({ seed: 1, causal: { v1_q0: { answer: 2, frames: [3, 4] } } });
 * const probs = await teacher.scoreFrames({ key: 'v1_q0', frames, question, candidates }); // [T, C]
 */
export function createFakeTeacher(options: FakeTeacherOptions = {}): FakeTeacher {
  const calls = { batches: 0, queries: 0, frames: 0 };
  const score = (q: TeacherQuery, i: number): tf.Tensor2D => {
    const T = q.frames?.shape?.[0];
    if (!Number.isInteger(T) || T! < 1) throw new ShapeError('FakeTeacher.scoreBatch', `queries[${i}].frames`, '[T, ...] with T >= 1', String(q.frames?.shape));
    if (!Array.isArray(q.candidates) || q.candidates.length < 1) throw new ShapeError('FakeTeacher.scoreBatch', `queries[${i}].candidates`, 'a non-empty array', JSON.stringify(q.candidates));
    calls.queries++;
    calls.frames += T!;
    const info: FakeQueryInfo = { question: q.question, candidates: q.candidates, frames: T!, ...(q.key === undefined ? {} : { key: q.key }), ...(q.frameIndices ? { frameIndices: q.frameIndices } : {}) };
    return tf.tensor2d(fakeTeacherProbs(info, options), [T!, q.candidates.length]);
  };
  return {
    id: options.id ?? `fake-teacher:${options.seed ?? 0}`,
    calls,
    async scoreFrames(query) {
      calls.batches++;
      return score(query, 0);
    },
    async scoreBatch(queries) {
      calls.batches++;
      return queries.map(score);
    },
  };
}
