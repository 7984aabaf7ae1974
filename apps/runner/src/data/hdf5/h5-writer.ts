// Writing HDF5 files in the reference layouts (used by `sparc synth` and by tests): datasets are created
// chunked by row and filled row block by row block, so large files never sit in memory whole.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openH5File, type H5File } from './h5.js';

/** Element types the writers use: 32-bit float, 32-bit int, 64-bit int. */
export type WriteDtype = '<f' | '<i' | '<q';

/** Creates (or truncates) an HDF5 file, making its folder first. Close it when done. */
export async function createH5File(file: string): Promise<H5File> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return openH5File(file, 'w');
}

/**
 * Writes a 1-d id dataset: int64 when every id is a canonical non-negative integer (as NExT-QA's video
 * ids), fixed-length strings otherwise.
 */
export function writeIds(file: H5File, name: string, ids: readonly string[]): void {
  const numeric = ids.every((id) => /^(0|[1-9]\d{0,17})$/.test(id));
  if (numeric) file.create_dataset({ name, data: BigInt64Array.from(ids, (id) => BigInt(id)), dtype: '<q' });
  else file.create_dataset({ name, data: [...ids] });
}

/** Fills a dataset created by {@link createRowDataset}. */
export interface RowWriter {
  /** Writes whole rows starting at `startRow`; `data.length` must be a multiple of the row size. */
  write(startRow: number, data: Float32Array | Int32Array | BigInt64Array): void;
}

/**
 * Creates a dataset of `shape` (first dimension = rows), chunked one row per chunk, initially zero.
 */
export function createRowDataset(file: H5File, name: string, shape: readonly number[], dtype: WriteDtype = '<f'): RowWriter {
  const rest = shape.slice(1);
  const rowSize = rest.reduce((a, b) => a * b, 1);
  const empty = dtype === '<f' ? new Float32Array(0) : dtype === '<i' ? new Int32Array(0) : new BigInt64Array(0);
  const dataset = file.create_dataset({ name, data: empty, shape: [0, ...rest], maxshape: [null, ...rest], chunks: [1, ...rest.map((d) => Math.max(d, 1))], dtype });
  if (shape[0]! > 0) dataset.resize([...shape]);
  return {
    write: (startRow, data) => {
      const rows = data.length / rowSize;
      if (!Number.isInteger(rows)) throw new Error(`RowWriter(${name}).write: ${data.length} values is not a whole number of rows of ${rowSize}`);
      if (rows === 0) return;
      dataset.write_slice([[startRow, startRow + rows], ...rest.map((): [] => [])], data);
    },
  };
}

/** Writes a whole (small) dataset at once. */
export function writeDataset(file: H5File, name: string, shape: readonly number[], data: Float32Array | Int32Array | BigInt64Array, dtype: WriteDtype = '<f'): void {
  file.create_dataset({ name, data, shape: [...shape], dtype });
}
