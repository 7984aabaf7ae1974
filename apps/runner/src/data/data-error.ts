// The one error type of the data layer: a bad input file, named with where and what was expected.
// main.ts prints it as `sparc: DataError: <message>` (exit code 1); --debug adds the stack.
import path from 'node:path';

const MARKER = Symbol.for('@sparc-vqa/runner/DataError');

/** Where in a file the problem is: a CSV row, a JSON key, an HDF5 dataset (and row), or a line. */
export type DataLocation =
  | { readonly row: number; readonly line?: number; readonly column?: string }
  | { readonly key: string }
  | { readonly dataset: string; readonly row?: number }
  | { readonly line: number }
  | { readonly file: true };

/** Formats a location for a one-line message: `line 13 (row 11), column 'type'`, `key '123_4'`, ... */
export function formatLocation(location: DataLocation): string {
  if ('file' in location) return 'file';
  if ('key' in location) return `key '${location.key}'`;
  if ('dataset' in location) return `dataset '${location.dataset}'${location.row === undefined ? '' : ` row ${location.row}`}`;
  if ('row' in location) {
    const where = location.line === undefined ? `row ${location.row}` : `line ${location.line} (row ${location.row})`;
    return location.column === undefined ? where : `${where}, column '${location.column}'`;
  }
  return `line ${location.line}`;
}

/**
 * A data file is malformed or inconsistent with another file. The message is one line:
 * `<file>: <location>: expected <expected>, got <actual>`; `row` numbers are 0-based data rows (the
 * index ATP-hard and the QA feature files use), `line` numbers are 1-based lines of the text file.
 */
export class DataError extends Error {
  readonly [MARKER] = true;
  override readonly name = 'DataError';
  constructor(
    /** The offending file (absolute or as given). */
    readonly file: string,
    readonly location: DataLocation,
    /** What the reader expected, in words. */
    readonly expected: string,
    /** What it found (kept short). */
    readonly actual: string,
    options?: { cause?: unknown },
  ) {
    super(`${displayPath(file)}: ${formatLocation(location)}: expected ${expected}, got ${actual}`, options);
  }

  /** True for any DataError, also one thrown by a second copy of this module. */
  static isInstance(error: unknown): error is DataError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** A path for messages: relative to the working directory when inside it, else as given. */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Quotes a value for a DataError's `actual` field, cut to `max` characters. */
export function describeValue(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? `'${value}'` : typeof value === 'bigint' ? `${value}` : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
