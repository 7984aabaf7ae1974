// Internal: reads a 0/1 mask (tensor or nested arrays) into plain rows, for the diagnostics.
import * as tf from '@tensorflow/tfjs-core';
import type { MaskLike } from './types.js';
import { shapeError, valueError } from './validate.js';

/** @internal Rows of 0/1 numbers, validated rectangular [B, T] (B and T checked against `expect` if given). */
export function readMask(
  fn: string,
  argument: string,
  mask: MaskLike | undefined,
  expect?: { batch: number; frames: number; source: string },
): number[][] {
  let rows: unknown[];
  let shape: number[];
  if (mask instanceof tf.Tensor) {
    if (mask.isDisposed) throw valueError(fn, argument, 'a disposed tensor', 'a live (not disposed) tf.Tensor');
    shape = [...mask.shape];
    if (mask.rank !== 2) throw shapeError(fn, argument, '[B, T] (rank 2)', shape);
    rows = mask.arraySync() as unknown[];
  } else if (Array.isArray(mask)) {
    rows = mask as unknown[];
    if (!rows.every((r) => Array.isArray(r))) throw valueError(fn, argument, 'a non-array row', 'a [B, T] tensor or an array of rows');
    const widths = new Set((rows as unknown[][]).map((r) => r.length));
    if (widths.size > 1) throw valueError(fn, argument, `rows of lengths ${[...widths].join(', ')}`, 'rows of equal length');
    shape = [rows.length, rows.length > 0 ? (rows[0] as unknown[]).length : 0];
  } else {
    throw valueError(fn, argument, mask, 'a [B, T] tensor or an array of rows');
  }
  if (expect !== undefined && (shape[0] !== expect.batch || shape[1] !== expect.frames)) {
    throw shapeError(fn, argument, `[B, T] with B = ${expect.batch}, T = ${expect.frames} from ${expect.source}`, shape);
  }
  return (rows as unknown[][]).map((row, b) =>
    row.map((v, k) => {
      if (v === 1 || v === true) return 1;
      if (v === 0 || v === false) return 0;
      throw valueError(fn, argument, v, '0 or 1', ` at index [${b}, ${k}]`);
    }),
  );
}

/** @internal Reads a 1-D tensor or array of numbers/booleans of length `length`. */
export function readVector(fn: string, argument: string, x: tf.Tensor | ReadonlyArray<number | boolean>, length: number, source: string): number[] {
  let values: unknown[];
  if (x instanceof tf.Tensor) {
    if (x.isDisposed) throw valueError(fn, argument, 'a disposed tensor', 'a live (not disposed) tf.Tensor');
    if (x.rank !== 1 || x.shape[0] !== length) throw shapeError(fn, argument, `[B] with B = ${length} from ${source}`, x.shape);
    values = x.arraySync() as unknown[];
  } else if (Array.isArray(x)) {
    if (x.length !== length) throw shapeError(fn, argument, `[B] with B = ${length} from ${source}`, [x.length]);
    values = x as unknown[];
  } else {
    throw valueError(fn, argument, x, 'a [B] tensor or array');
  }
  return values.map((v, b) => {
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw valueError(fn, argument, v, 'a finite number or boolean', ` at index ${b}`);
    return v;
  });
}
