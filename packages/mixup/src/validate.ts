// Internal argument checks shared by the public tensor functions. Messages start with the public
// function's name and show the shapes or values seen. Value checks read tensors (a device sync); they
// run only when the caller's `checkValues` is true.
import type { Tensor } from '@tensorflow/tfjs-core';
import { ShapeError, ValueError } from './errors.js';

/** `[4, 16, 4096]`. */
export function shapeStr(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  return typeof x;
}

/** Checks that `x` is a live tfjs tensor. */
export function assertTensor(x: unknown, argument: string, fn: string): asserts x is Tensor {
  const t = x as Partial<Tensor> | null | undefined;
  if (t == null || typeof t !== 'object' || !Array.isArray(t.shape) || typeof t.dtype !== 'string') {
    throw new ValueError(`${fn}: ${argument} must be a tf.Tensor, got ${describe(x)}`, {
      field: argument,
      value: x,
      constraint: 'tf.Tensor',
    });
  }
  if (t.isDisposed === true) {
    throw new ValueError(`${fn}: ${argument} was disposed`, {
      field: argument,
      value: x,
      constraint: 'a live (not disposed) tensor',
    });
  }
}

/** Checks a tensor's dtype is one of `allowed`. */
export function assertDtype(x: Tensor, allowed: readonly string[], argument: string, fn: string): void {
  if (!allowed.includes(x.dtype)) {
    throw new ValueError(`${fn}: ${argument} must have dtype ${allowed.join(' or ')}, got ${x.dtype}`, {
      field: `${argument}.dtype`,
      value: x.dtype,
      constraint: allowed.join(' | '),
    });
  }
}

/** Checks `x.rank >= minRank` (its leading dimension is the batch). */
export function assertMinRank(x: Tensor, minRank: number, expected: string, argument: string, fn: string): void {
  if (x.rank < minRank) {
    throw new ShapeError(`${fn}: ${argument} must be ${expected} (rank >= ${minRank}), got ${shapeStr(x.shape)}`, {
      argument,
      expected: `${expected} (rank >= ${minRank})`,
      actual: x.shape,
    });
  }
}

/** Checks `x.shape` equals `shape` exactly. `expected` names the dims, e.g. `'[B, C]'`. */
export function assertShape(
  x: Tensor,
  shape: readonly number[],
  expected: string,
  context: string,
  argument: string,
  fn: string,
): void {
  if (x.rank !== shape.length || x.shape.some((d, i) => d !== shape[i])) {
    const want = `${expected} = ${shapeStr(shape)}${context}`;
    throw new ShapeError(`${fn}: ${argument} must be ${want}, got ${shapeStr(x.shape)}`, {
      argument,
      expected: want,
      actual: x.shape,
    });
  }
}

/**
 * Checks that `x.shape` is a prefix of `ref.shape` of rank `minRank`..`ref.rank` (a per-frame mask
 * [B, T] or a longer prefix such as [B, clips, frames], broadcast over the remaining dims).
 * `dimNames` names the leading dims in messages (`['B', 'T']`).
 */
export function assertShapePrefix(
  x: Tensor,
  ref: Tensor,
  refName: string,
  minRank: number,
  dimNames: readonly string[],
  argument: string,
  fn: string,
): void {
  const rank = Math.min(Math.max(x.rank, minRank), ref.rank);
  const prefix = ref.shape.slice(0, rank);
  const ok = x.rank >= minRank && x.rank <= ref.rank && x.shape.every((d, i) => d === ref.shape[i]);
  if (!ok) {
    const names = prefix.map((_, i) => dimNames[i] ?? `d${i}`);
    const want = `[${names.join(', ')}] = ${shapeStr(prefix)} matching ${refName} ${shapeStr(ref.shape)}`;
    const longer = ref.rank > minRank ? ` (or a longer prefix of ${refName}'s shape)` : '';
    throw new ShapeError(`${fn}: ${argument} must be ${want}${longer}, got ${shapeStr(x.shape)}`, {
      argument,
      expected: want,
      actual: x.shape,
    });
  }
}

/** Checks a JS number is in [0, 1]. */
export function assertLambda(lambda: unknown, fn: string): asserts lambda is number {
  if (typeof lambda !== 'number' || !(lambda >= 0 && lambda <= 1)) {
    throw new ValueError(`${fn}: lambda must be a number in [0, 1], got ${String(lambda)}`, {
      field: 'lambda',
      value: lambda,
      constraint: 'number in [0, 1]',
    });
  }
}

function valuesOf(x: Tensor): ArrayLike<number> {
  return x.dataSync() as ArrayLike<number>;
}

/** Value check: every element is 0 or 1 (bool tensors pass trivially). */
export function checkBinary(x: Tensor, argument: string, fn: string): void {
  if (x.dtype === 'bool') return;
  const v = valuesOf(x);
  for (let i = 0; i < v.length; i++) {
    const e = v[i]!;
    if (e !== 0 && e !== 1) {
      throw new ValueError(`${fn}: ${argument} must hold only 0 and 1, got ${e} at flat index ${i}`, {
        field: argument,
        value: e,
        constraint: 'values in {0, 1}',
      });
    }
  }
}

/** Row-sum tolerance of the distribution check. */
export const ROW_SUM_TOLERANCE = 1e-3;

/** Value check: `targets` [B, C] rows are probability distributions. */
export function checkDistributions(targets: Tensor, argument: string, fn: string): void {
  const v = valuesOf(targets);
  const c = targets.shape[1] ?? 0;
  for (let i = 0; i < v.length; i++) {
    const e = v[i]!;
    if (!(e >= 0 && e <= 1)) {
      const row = Math.floor(i / c);
      throw new ValueError(
        `${fn}: ${argument} must be probabilities in [0, 1] (one-hot or soft), got ${e} at [${row}, ${i - row * c}]`,
        { field: argument, value: e, constraint: 'values in [0, 1]' },
      );
    }
  }
  for (let row = 0; row * c < v.length; row++) {
    let sum = 0;
    for (let k = 0; k < c; k++) sum += v[row * c + k]!;
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
      throw new ValueError(`${fn}: ${argument} rows must sum to 1, row ${row} sums to ${sum}`, {
        field: argument,
        value: sum,
        constraint: `row sums equal to 1 (within ${ROW_SUM_TOLERANCE})`,
      });
    }
  }
}

/** Value check: integer indices in [0, limit). */
export function checkIndices(x: Tensor | readonly number[], limit: number, argument: string, fn: string): void {
  const v = Array.isArray(x) ? (x as readonly number[]) : valuesOf(x as Tensor);
  for (let i = 0; i < v.length; i++) {
    const e = v[i]!;
    if (!(Number.isInteger(e) && e >= 0 && e < limit)) {
      throw new ValueError(`${fn}: ${argument} must be integers in [0, ${limit}), got ${e} at index ${i}`, {
        field: argument,
        value: e,
        constraint: `integer in [0, ${limit})`,
      });
    }
  }
}

/** Value check: lengths in [0, max] (max = Infinity when the padded axis is unknown). */
export function checkLengths(x: Tensor, max: number, argument: string, fn: string): void {
  const v = valuesOf(x);
  for (let i = 0; i < v.length; i++) {
    const e = v[i]!;
    if (!(e >= 0 && e <= max)) {
      const bound = Number.isFinite(max) ? `[0, ${max}]` : '>= 0';
      throw new ValueError(`${fn}: ${argument} must be in ${bound}, got ${e} at flat index ${i}`, {
        field: argument,
        value: e,
        constraint: `integer in ${bound}`,
      });
    }
  }
}
