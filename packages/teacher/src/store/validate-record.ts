import { InvalidValueError, ShapeError } from '../errors.js';
import type { RecordPayload } from './store-format.js';
import type { TeacherStoreHeader } from './store-header.js';
import type { TeacherRecordInput } from './teacher-store.js';

/** Tolerance on |sum(p_k) - 1| for a row to count as a probability distribution. */
export const ROW_SUM_TOLERANCE = 1e-3;

/**
 * Checks `probs` (row-major `[frames, candidates]`): finite, within [0, 1] and each row sums to 1
 * within ROW_SUM_TOLERANCE. Throws InvalidValueError naming the first bad row.
 */
export function assertProbabilityRows(fn: string, argument: string, probs: ArrayLike<number>, frames: number, candidates: number): void {
  for (let t = 0; t < frames; t++) {
    let sum = 0;
    for (let c = 0; c < candidates; c++) {
      const p = probs[t * candidates + c]!;
      if (!Number.isFinite(p)) throw new InvalidValueError(fn, argument, `has a non-finite value ${p} at [${t}, ${c}]`);
      if (p < -1e-6 || p > 1 + 1e-6) throw new InvalidValueError(fn, argument, `has ${p} at [${t}, ${c}], outside [0, 1]`);
      sum += p;
    }
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) throw new InvalidValueError(fn, argument, `row ${t} sums to ${sum}, expected 1 (±${ROW_SUM_TOLERANCE})`);
  }
}

/** Validates a `put` input against the header and returns the payload to encode (copies the data). */
export function validateRecordInput(fn: string, header: TeacherStoreHeader, input: TeacherRecordInput): RecordPayload {
  if (typeof input.key !== 'string' || input.key.length === 0) throw new InvalidValueError(fn, 'key', `must be a non-empty string, got ${JSON.stringify(input.key)}`);
  const T = header.framesPerVideo;
  const C = header.candidates;
  let probs: Float32Array;
  if (input.probs instanceof Float32Array) {
    if (input.probs.length !== T * C) throw new ShapeError(fn, `probs of '${input.key}'`, `${T * C} values ([T=${T}, C=${C}] row-major)`, `${input.probs.length}`);
    probs = Float32Array.from(input.probs);
  } else {
    const rows = input.probs;
    if (!Array.isArray(rows) || rows.length !== T || rows.some((r) => !Array.isArray(r) || r.length !== C)) {
      const shape = Array.isArray(rows) ? `[${rows.length}, ${rows.map((r) => (Array.isArray(r) ? r.length : '?')).join('|')}]` : typeof rows;
      throw new ShapeError(fn, `probs of '${input.key}'`, `[T=${T}, C=${C}]`, shape);
    }
    probs = Float32Array.from(rows.flat());
  }
  assertProbabilityRows(fn, `probs of '${input.key}'`, probs, T, C);
  let frameIndices: Int32Array | null = null;
  if (input.frameIndices !== undefined) {
    const fi = Array.from(input.frameIndices);
    if (fi.length !== T || fi.some((i) => !Number.isInteger(i) || i < 0 || i > 0x7fffffff)) {
      throw new ShapeError(fn, `frameIndices of '${input.key}'`, `${T} non-negative integers`, JSON.stringify(fi));
    }
    frameIndices = Int32Array.from(fi);
  }
  return { key: input.key, frames: T, candidates: C, probs, frameIndices };
}
