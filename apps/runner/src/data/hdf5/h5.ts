// Loading h5wasm's Node build once and opening HDF5 files with one-line errors (no HDF5-DIAG noise for
// the common cases: a missing file or a file that is not HDF5).
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Dataset, File as H5File } from 'h5wasm/node';
import { DataError } from '../data-error.js';

export type { Dataset, H5File };
/** The h5wasm module (`h5wasm/node`) after `ready`. */
export type H5Wasm = typeof import('h5wasm/node');

let loading: Promise<H5Wasm> | undefined;

/** Imports `h5wasm/node` and waits for its wasm to be ready (once per process). */
export function loadH5wasm(): Promise<H5Wasm> {
  loading ??= (async () => {
    const h5 = await import('h5wasm/node');
    await h5.ready;
    return h5;
  })();
  return loading;
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]; // \x89HDF\r\n\x1a\n

/** True when the file has the HDF5 signature at offset 0, 512, 1024, 2048, ... (the spec's user-block sizes). */
function hasHdf5Signature(file: string): boolean {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(8);
    for (let offset = 0; offset + 8 <= size; offset = offset === 0 ? 512 : offset * 2) {
      readSync(fd, buf, 0, 8, offset);
      if (SIGNATURE.every((b, i) => buf[i] === b)) return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens an HDF5 file for reading ('r'), read-write ('a') or creates/truncates it ('w'). Paths are made
 * absolute (the Node build reads the real file system, no copy into memory).
 * @throws DataError when a file to read is missing or not HDF5
 */
export async function openH5File(file: string, mode: 'r' | 'a' | 'w' = 'r'): Promise<H5File> {
  const h5 = await loadH5wasm();
  const abs = path.resolve(file);
  if (mode !== 'w') {
    if (!existsSync(abs)) throw new DataError(abs, { file: true }, 'an HDF5 file', 'no such file');
    if (!hasHdf5Signature(abs)) throw new DataError(abs, { file: true }, 'an HDF5 file (signature \\x89HDF)', 'another format');
  }
  const handle = new h5.File(abs, mode);
  if (handle.file_id < 0n) throw new DataError(abs, { file: true }, 'an HDF5 file h5wasm can open', `error (file id ${handle.file_id})`);
  return handle;
}
