// Dataset access with shape checks and row reads by slices (never a whole large dataset at once).
import { DataError, describeValue } from '../data-error.js';
import type { Dataset, H5File } from './h5.js';

const H5T_INTEGER = 0;
const H5T_FLOAT = 1;
const H5T_STRING = 3;

/** One expected dimension: a fixed size, a named size that must agree across datasets, or any size. */
export type DimSpec = number | string | null;

/**
 * Returns the dataset `name` of an open file.
 * @throws DataError naming the file and the dataset, with the names the file does have
 */
export function requireDataset(file: H5File, name: string): Dataset {
  const entity = file.get(name);
  if (entity === null || entity === undefined || entity.constructor.name !== 'Dataset') {
    const keys = file.keys();
    throw new DataError(file.filename, { dataset: name }, 'a dataset', `${entity == null ? 'none' : 'a group'} (the file has ${keys.length === 0 ? 'nothing' : keys.join(', ')})`);
  }
  return entity as Dataset;
}

function formatSpec(spec: readonly DimSpec[]): string {
  return `[${spec.map((d) => (d === null ? '*' : String(d))).join(', ')}]`;
}

/**
 * Checks a dataset's rank and dimensions. Numbers must match exactly; a string names a dimension that
 * must be equal wherever the same name appears in `sizes` (filled on first sight); null accepts any size.
 * @returns the dataset's shape
 * @throws DataError naming the file and dataset, the expected and the actual shape
 */
export function checkShape(file: H5File, name: string, dataset: Dataset, spec: readonly DimSpec[], sizes: Map<string, number> = new Map()): number[] {
  const shape = dataset.shape ?? [];
  const expected = () => formatSpec(spec.map((d) => (typeof d === 'string' && sizes.has(d) ? `${d}=${sizes.get(d)}` : d)));
  if (shape.length !== spec.length) throw new DataError(file.filename, { dataset: name }, `shape ${expected()}`, `[${shape.join(', ')}]`);
  spec.forEach((d, i) => {
    const actual = shape[i]!;
    if (typeof d === 'number' && actual !== d) throw new DataError(file.filename, { dataset: name }, `shape ${expected()}`, `[${shape.join(', ')}]`);
    if (typeof d === 'string') {
      const known = sizes.get(d);
      if (known !== undefined && known !== actual) throw new DataError(file.filename, { dataset: name }, `shape ${expected()}`, `[${shape.join(', ')}]`);
      sizes.set(d, actual);
    }
  });
  return shape;
}

/** Checks that a dataset holds floats (for feature datasets). */
export function requireFloat(file: H5File, name: string, dataset: Dataset): void {
  if (dataset.metadata.type !== H5T_FLOAT) throw new DataError(file.filename, { dataset: name }, 'a float dataset', `dtype ${describeValue(dataset.dtype)}`);
}

/** Checks that a dataset holds integers. */
export function requireInteger(file: H5File, name: string, dataset: Dataset): void {
  if (dataset.metadata.type !== H5T_INTEGER) throw new DataError(file.filename, { dataset: name }, 'an integer dataset', `dtype ${describeValue(dataset.dtype)}`);
}

/**
 * Reads a 1-d id dataset (integers or strings) as strings, checking that ids are unique.
 * @returns the ids in row order
 */
export function readIds(file: H5File, name: string, dataset: Dataset): string[] {
  const shape = checkShape(file, name, dataset, [null]);
  const type = dataset.metadata.type;
  if (type !== H5T_INTEGER && type !== H5T_STRING) throw new DataError(file.filename, { dataset: name }, 'integer or string ids', `dtype ${describeValue(dataset.dtype)}`);
  const raw = shape[0] === 0 ? [] : dataset.value;
  const values = ArrayBuffer.isView(raw) ? Array.from(raw as unknown as ArrayLike<number | bigint>) : (raw as unknown[]);
  const ids = values.map((v) => (typeof v === 'string' ? v.replace(/\0+$/, '') : String(v)));
  const seen = new Map<string, number>();
  ids.forEach((id, row) => {
    const first = seen.get(id);
    if (first !== undefined) throw new DataError(file.filename, { dataset: name, row }, 'unique ids', `'${id}' again (first at row ${first})`);
    seen.set(id, row);
  });
  return ids;
}

/** Consecutive runs of row indices: [[start, end), ...] with their positions in the request. */
function runs(rows: readonly number[]): Array<{ start: number; end: number; at: number }> {
  const out: Array<{ start: number; end: number; at: number }> = [];
  rows.forEach((row, at) => {
    const last = out[out.length - 1];
    if (last !== undefined && last.end === row && last.at + (last.end - last.start) === at) last.end += 1;
    else out.push({ start: row, end: row + 1, at });
  });
  return out;
}

/**
 * Reads the given rows of a float dataset, slicing only what is asked (consecutive rows in one slice).
 * `inner` restricts the trailing dimensions (h5wasm slice ranges, e.g. `[[], [], [0, 5], []]`).
 *
 * @param rowSize elements per row after the `inner` restriction
 * @returns a Float32Array of `rows.length * rowSize` values, in request order
 */
export function readRows(dataset: Dataset, rows: readonly number[], rowSize: number, inner: ReadonlyArray<[] | [number, number]> = []): Float32Array {
  const out = new Float32Array(rows.length * rowSize);
  for (const run of runs(rows)) {
    const data = dataset.slice([[run.start, run.end], ...inner]) as ArrayLike<number> | null;
    if (data === null || data.length !== (run.end - run.start) * rowSize) {
      throw new Error(`readRows: slice of rows ${run.start}..${run.end} returned ${data?.length ?? 'nothing'} values, expected ${(run.end - run.start) * rowSize}`);
    }
    out.set(data instanceof Float32Array ? data : Float32Array.from(data), run.at * rowSize);
  }
  return out;
}

/** Like {@link readRows} for integer datasets, as Int32Array (BigInt values converted). */
export function readIntRows(dataset: Dataset, rows: readonly number[], rowSize: number): Int32Array {
  const out = new Int32Array(rows.length * rowSize);
  for (const run of runs(rows)) {
    const data = dataset.slice([[run.start, run.end]]) as ArrayLike<number | bigint> | null;
    if (data === null || data.length !== (run.end - run.start) * rowSize) throw new Error(`readIntRows: slice of rows ${run.start}..${run.end} returned ${data?.length ?? 'nothing'} values`);
    for (let i = 0; i < data.length; i += 1) out[run.at * rowSize + i] = Number(data[i]);
  }
  return out;
}
