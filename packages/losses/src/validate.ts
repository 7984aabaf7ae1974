// Internal boundary checks shared by the public functions (not exported from the package).
// Shape and dtype checks read only metadata and always run; value checks read data synchronously
// (one device sync per input) and only run when the caller leaves `checkValues` on.
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError, ShapeError, ValueError } from './errors.js';

/** Largest accepted |sum_c p_c - 1| for a row of soft targets or teacher probabilities. */
export const DISTRIBUTION_SUM_TOLERANCE = 1e-3;

/** Formats a value for an error message. */
export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (value instanceof tf.Tensor) return `a ${value.dtype} tensor of shape ${shapeText(value.shape)}`;
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
  return new ValueError(`${fn}: ${field} must be ${constraint}, got ${show(value)}${where}`, { field, value, constraint });
}

export function shapeError(fn: string, argument: string, expected: string, actual: readonly number[]): ShapeError {
  return new ShapeError(`${fn}: ${argument} must be ${expected}, got ${shapeText(actual)}`, { argument, expected, actual });
}

// ---------------------------------------------------------------------------------------------------
// Options

export function checkOptionsObject(fn: string, partial: unknown): asserts partial is Record<string, unknown> {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) {
    throw configError(fn, 'options', partial, 'an object');
  }
}

export function checkKnownKeys(fn: string, partial: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(partial)) {
    if (!known.includes(key)) throw configError(fn, key, partial[key], `a known option (one of ${known.join(', ')})`);
  }
}

export function checkOneOf<T extends string>(fn: string, field: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (!allowed.includes(value as T)) throw configError(fn, field, value, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
}

export function checkBoolean(fn: string, field: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') throw configError(fn, field, value, 'a boolean');
}

export function checkPositive(fn: string, field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw configError(fn, field, value, 'a finite number > 0');
}

export function checkNonNegative(fn: string, field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw configError(fn, field, value, 'a finite number >= 0');
}

// ---------------------------------------------------------------------------------------------------
// Tensor metadata (always checked)

export function checkInputsObject(fn: string, inputs: unknown, expected: string): asserts inputs is Record<string, unknown> {
  if (typeof inputs !== 'object' || inputs === null || inputs instanceof tf.Tensor || Array.isArray(inputs)) {
    throw valueError(fn, 'inputs', inputs, `an object ${expected}`);
  }
}

/** Throws a ValueError unless `x` is a live tfjs tensor. `need` explains why it is required. */
export function checkIsTensor(fn: string, argument: string, x: unknown, need = 'a tf.Tensor'): asserts x is tf.Tensor {
  if (!(x instanceof tf.Tensor)) throw valueError(fn, argument, x, need);
  if (x.isDisposed) throw valueError(fn, argument, 'a disposed tensor', 'a live (not disposed) tf.Tensor');
}

function checkFloat32(fn: string, argument: string, x: tf.Tensor): void {
  if (x.dtype !== 'float32') throw valueError(fn, `${argument}.dtype`, x.dtype, "'float32'");
}

/** The first logits argument of a loss: float32 [B, C] with C >= 1. Returns its shape. */
export function checkLogits(fn: string, argument: string, x: unknown, need?: string): [number, number] {
  checkIsTensor(fn, argument, x, need ?? 'a float32 [B, C] tf.Tensor');
  if (x.rank !== 2 || x.shape[1]! < 1) throw shapeError(fn, argument, '[B, C] (rank 2, C >= 1)', x.shape);
  checkFloat32(fn, argument, x);
  return [x.shape[0]!, x.shape[1]!];
}

/** A further float32 [B, C] argument that must have exactly the shape of `refName`. */
export function checkSameShape(
  fn: string,
  argument: string,
  x: unknown,
  refName: string,
  refShape: readonly [number, number],
  need?: string,
): asserts x is tf.Tensor2D {
  checkIsTensor(fn, argument, x, need ?? 'a float32 [B, C] tf.Tensor');
  if (x.rank !== 2 || x.shape[0] !== refShape[0] || x.shape[1] !== refShape[1]) {
    throw shapeError(fn, argument, `[B, C] = ${shapeText(refShape)} matching ${refName}`, x.shape);
  }
  checkFloat32(fn, argument, x);
}

/**
 * `answers`: int32 [B] (hard labels) or float32 [B, C] (soft targets) matching `refName`.
 * Returns `'hard'` or `'soft'`.
 */
export function checkAnswers(
  fn: string,
  answers: unknown,
  refName: string,
  refShape: readonly [number, number],
): 'hard' | 'soft' {
  checkIsTensor(fn, 'answers', answers, 'an int32 [B] or float32 [B, C] tf.Tensor');
  const [b, c] = refShape;
  if (answers.rank === 1) {
    if (answers.shape[0] !== b) throw shapeError(fn, 'answers', `[B] = [${b}] matching ${refName} ${shapeText(refShape)}`, answers.shape);
    if (answers.dtype !== 'int32') {
      throw valueError(fn, 'answers.dtype', answers.dtype, "'int32' for [B] answer indices (soft targets are float32 [B, C])");
    }
    return 'hard';
  }
  if (answers.rank === 2) {
    if (answers.shape[0] !== b || answers.shape[1] !== c) {
      throw shapeError(fn, 'answers', `[B, C] = ${shapeText(refShape)} soft targets matching ${refName}`, answers.shape);
    }
    checkFloat32(fn, 'answers', answers);
    return 'soft';
  }
  throw shapeError(fn, 'answers', `int32 [B] or soft targets [B, C] matching ${refName} ${shapeText(refShape)}`, answers.shape);
}

/** Optional per-sample weights: [B] matching `refName`, dtype float32, int32 or bool. */
export function checkWeights(
  fn: string,
  argument: string,
  w: unknown,
  refName: string,
  refShape: readonly [number, number],
): asserts w is tf.Tensor1D {
  checkIsTensor(fn, argument, w, 'a [B] tf.Tensor or undefined');
  if (w.rank !== 1 || w.shape[0] !== refShape[0]) {
    throw shapeError(fn, argument, `[B] = [${refShape[0]}] matching ${refName} ${shapeText(refShape)}`, w.shape);
  }
  if (w.dtype !== 'float32' && w.dtype !== 'int32' && w.dtype !== 'bool') {
    throw valueError(fn, `${argument}.dtype`, w.dtype, "'float32', 'int32' or 'bool'");
  }
}

// ---------------------------------------------------------------------------------------------------
// Values (read data; only when checkValues)

/** Reads weights and checks they are finite and >= 0. Returns the values. */
export function readWeights(fn: string, argument: string, w: tf.Tensor1D): Float64Array {
  const data = w.dataSync();
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]!);
    if (!(Number.isFinite(v) && v >= 0)) throw valueError(fn, argument, v, 'finite and >= 0', ` at index ${i}`);
    out[i] = v;
  }
  return out;
}

/** Elementwise product of optional weight vectors (null when none is given). */
export function combineWeightValues(...ws: ReadonlyArray<Float64Array | null>): Float64Array | null {
  let out: Float64Array | null = null;
  for (const w of ws) {
    if (w === null) continue;
    if (out === null) out = Float64Array.from(w);
    else for (let i = 0; i < out.length; i++) out[i]! *= w[i]!;
  }
  return out;
}

/** Hard answers must be integers in [0, C) on every row whose weight is > 0 (or every row). */
export function checkAnswerValues(fn: string, answers: tf.Tensor, numCandidates: number, rowWeights: Float64Array | null): void {
  const data = answers.dataSync();
  for (let i = 0; i < data.length; i++) {
    if (rowWeights !== null && !(rowWeights[i]! > 0)) continue;
    const v = data[i]!;
    if (!(v >= 0 && v < numCandidates)) {
      throw valueError(fn, 'answers', v, `an integer in [0, ${numCandidates}) (C = ${numCandidates} candidates)`, ` at index ${i}`);
    }
  }
}

/**
 * Rows of a float32 [B, C] tensor must be probability distributions: every entry finite and >= 0 and the
 * row summing to 1 within DISTRIBUTION_SUM_TOLERANCE. Rows whose weight is 0 are skipped.
 */
export function checkDistributionValues(fn: string, argument: string, x: tf.Tensor, rowWeights: Float64Array | null): void {
  const data = x.dataSync();
  const [rows, cols] = [x.shape[0]!, x.shape[1]!];
  for (let r = 0; r < rows; r++) {
    if (rowWeights !== null && !(rowWeights[r]! > 0)) continue;
    let sum = 0;
    for (let c = 0; c < cols; c++) {
      const v = data[r * cols + c]!;
      if (!(Number.isFinite(v) && v >= 0)) {
        throw valueError(fn, argument, v, 'a probability distribution per row (finite entries >= 0)', ` at index [${r}, ${c}]`);
      }
      sum += v;
    }
    if (!(Math.abs(sum - 1) <= DISTRIBUTION_SUM_TOLERANCE)) {
      throw valueError(
        fn,
        argument,
        sum,
        `a probability distribution per row (row sum 1 ± ${DISTRIBUTION_SUM_TOLERANCE})`,
        ` as the sum of row ${r}`,
      );
    }
  }
}
