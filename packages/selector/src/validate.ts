// Internal boundary checks shared by the public functions (not exported from the package).
// Shape and dtype checks read only metadata; value checks read data synchronously and only run when the
// caller leaves `checkValues` on.
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError, ValueError } from './errors.js';
import type { Rng } from './types.js';

/** Formats a value for an error message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (value instanceof tf.Tensor) return `a ${value.dtype} tensor of shape [${value.shape.join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

export function configError(fn: string, field: string, value: unknown, constraint: string): ConfigError {
  return new ConfigError(`${fn}: ${field} must be ${constraint}, got ${show(value)}`, { field, value, constraint });
}

export function valueError(fn: string, field: string, value: unknown, constraint: string, where = ''): ValueError {
  return new ValueError(`${fn}: ${field} must be ${constraint}, got ${show(value)}${where}`, {
    field,
    value,
    constraint,
  });
}

export function shapeError(fn: string, argument: string, expected: string, actual: readonly number[]): ShapeError {
  return new ShapeError(`${fn}: ${argument} must be ${expected}, got ${shapeText(actual)}`, {
    argument,
    expected,
    actual: [...actual],
  });
}

/** Throws a ValueError unless `x` is a tfjs tensor. */
export function checkIsTensor(fn: string, argument: string, x: unknown): asserts x is tf.Tensor {
  if (!(x instanceof tf.Tensor)) throw valueError(fn, argument, x, 'a tf.Tensor');
  if (x.isDisposed) throw valueError(fn, argument, 'a disposed tensor', 'a live (not disposed) tf.Tensor');
}

/** Throws a ShapeError unless `x` has rank `rank`. */
export function checkRank(fn: string, argument: string, x: tf.Tensor, rank: number, expected: string): void {
  if (x.rank !== rank) throw shapeError(fn, argument, expected, x.shape);
}

/** Throws a ValueError unless `x` is float32. */
export function checkFloat32(fn: string, argument: string, x: tf.Tensor): void {
  if (x.dtype !== 'float32') throw valueError(fn, `${argument}.dtype`, x.dtype, "'float32'");
}

function positionText(shape: readonly number[], flat: number): string {
  const index: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!;
    index.unshift(rest % size);
    rest = Math.floor(rest / size);
  }
  return ` at index [${index.join(', ')}]`;
}

/** Values must be real numbers in [0, 1] (reads data). */
export function checkProbabilityValues(fn: string, argument: string, x: tf.Tensor): void {
  const data = x.dataSync();
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v >= 0 && v <= 1)) throw valueError(fn, argument, v, 'probabilities in [0, 1] (no NaN)', positionText(x.shape, i));
  }
}

/** Values must be 0 or 1 (reads data; bool tensors always pass). */
export function checkBinaryValues(fn: string, argument: string, x: tf.Tensor): void {
  if (x.dtype === 'bool') return;
  const data = x.dataSync();
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v !== 0 && v !== 1) throw valueError(fn, argument, v, '0 or 1', positionText(x.shape, i));
  }
}

/** Validates `answers` as int32 [B] with values in [0, C) (values read only if `checkValues`). */
export function checkAnswers(fn: string, answers: unknown, numCandidates: number, checkValues: boolean): void {
  checkIsTensor(fn, 'answers', answers);
  checkRank(fn, 'answers', answers, 1, '[B] (rank 1)');
  if (answers.dtype !== 'int32') throw valueError(fn, 'answers.dtype', answers.dtype, "'int32' (integer candidate indices)");
  if (!checkValues) return;
  const data = answers.dataSync();
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v >= 0 && v < numCandidates)) {
      throw valueError(fn, 'answers', v, `an integer in [0, ${numCandidates}) (C = ${numCandidates} candidates)`, ` at index ${i}`);
    }
  }
}

/**
 * Validates an optional [B, T] 0/1 mask argument against the expected B and T.
 * `source` names where B and T come from, for the message.
 */
export function checkMask(
  fn: string,
  argument: string,
  mask: unknown,
  batch: number,
  frames: number,
  source: string,
  checkValues: boolean,
): void {
  checkIsTensor(fn, argument, mask);
  const expected = `[B, T] with B = ${batch}, T = ${frames} from ${source}`;
  if (mask.rank !== 2 || mask.shape[0] !== batch || mask.shape[1] !== frames) throw shapeError(fn, argument, expected, mask.shape);
  if (mask.dtype === 'string' || mask.dtype === 'complex64') throw valueError(fn, `${argument}.dtype`, mask.dtype, "'float32', 'int32' or 'bool'");
  if (checkValues) checkBinaryValues(fn, argument, mask);
}

/** The full teacher-input check shared by selectCausalFrames, softFrameWeights and gatherAnswerProbs. */
export function checkTeacherInputs(
  fn: string,
  inputs: unknown,
  checkValues: boolean,
): { batch: number; frames: number; candidates: number } {
  if (typeof inputs !== 'object' || inputs === null) throw valueError(fn, 'inputs', inputs, 'an object { teacherProbs, answers, validMask? }');
  const { teacherProbs, answers, validMask } = inputs as Record<string, unknown>;
  checkIsTensor(fn, 'teacherProbs', teacherProbs);
  checkIsTensor(fn, 'answers', answers);
  checkRank(fn, 'answers', answers, 1, '[B] (rank 1)');
  const batch = answers.shape[0]!;
  if (teacherProbs.rank !== 3 || teacherProbs.shape[0] !== batch) {
    throw shapeError(fn, 'teacherProbs', `[B, T, C] with B = ${batch} from answers`, teacherProbs.shape);
  }
  const frames = teacherProbs.shape[1]!;
  const candidates = teacherProbs.shape[2]!;
  if (frames < 1 || candidates < 1) {
    throw shapeError(fn, 'teacherProbs', '[B, T, C] with T >= 1 and C >= 1', teacherProbs.shape);
  }
  checkFloat32(fn, 'teacherProbs', teacherProbs);
  checkAnswers(fn, answers, candidates, checkValues);
  if (validMask !== undefined) checkMask(fn, 'validMask', validMask, batch, frames, 'teacherProbs', checkValues);
  if (checkValues) checkProbabilityValues(fn, 'teacherProbs', teacherProbs);
  return { batch, frames, candidates };
}

/** Rejects option keys that are not in `known` (catches typos such as `treshold`). */
export function checkKnownKeys(fn: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw configError(fn, key, (options as Record<string, unknown>)[key], `absent (unknown option; known: ${known.join(', ')})`);
  }
}

export function checkOptionsObject(fn: string, options: unknown): asserts options is object {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw configError(fn, 'options', options, 'an object');
  }
}

export function checkBoolean(fn: string, field: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') throw configError(fn, field, value, 'a boolean');
}

export function checkOneOf<T extends string>(fn: string, field: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw configError(fn, field, value, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
}

export function checkUnitInterval(fn: string, field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw configError(fn, field, value, 'a number in [0, 1]');
}

export function checkPositive(fn: string, field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw configError(fn, field, value, 'a finite number > 0');
}

export function checkInteger(fn: string, field: string, value: unknown, min: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw configError(fn, field, value, `an integer >= ${min}`);
  }
}

/**
 * Exactly one random source: `seed` (a safe integer) or `rng` (a function); returns the one given.
 * Throws ConfigError naming `fn`.
 */
export function checkSeedOrRng(fn: string, o: { readonly seed?: unknown; readonly rng?: unknown }): { seed: number | null; rng: Rng | null } {
  const hasSeed = o.seed !== undefined;
  const hasRng = o.rng !== undefined;
  if (hasSeed === hasRng) {
    const constraint = 'exactly one of seed and rng';
    throw new ConfigError(`${fn}: options must contain ${constraint}, got ${hasSeed ? 'both' : 'neither'}`, { field: 'seed', value: o.seed, constraint });
  }
  if (hasSeed && (typeof o.seed !== 'number' || !Number.isSafeInteger(o.seed))) throw configError(fn, 'seed', o.seed, 'a safe integer');
  if (hasRng && typeof o.rng !== 'function') throw configError(fn, 'rng', o.rng, 'a function returning numbers in [0, 1)');
  return { seed: hasSeed ? (o.seed as number) : null, rng: hasRng ? (o.rng as Rng) : null };
}
