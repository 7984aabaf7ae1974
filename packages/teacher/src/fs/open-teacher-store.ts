/// <reference types="node" />
// The file-backed TeacherStore. One writer at a time (a `<file>.lock` next to it); any number of
// read-only readers. See the package README for the format, crash-safety guarantees and fsync policy.
import { access } from 'node:fs/promises';
import { StoreStateError } from '../errors.js';
import { AppendOnlyTeacherStore } from '../store/append-only-teacher-store.js';
import type { OpenStoreOptions } from '../store/append-only-teacher-store.js';
import { encodeHeaderFrame } from '../store/store-format.js';
import { resolveStoreHeader } from '../store/store-header.js';
import type { TeacherStoreHeaderInit } from '../store/store-header.js';
import type { TeacherStore } from '../store/teacher-store.js';
import { writeFileAtomic } from './atomic-write.js';
import { FileMedium } from './file-medium.js';
import { acquireStoreLock } from './file-lock.js';

/** Options of `openTeacherStore`. */
export interface OpenTeacherStoreOptions extends OpenStoreOptions {
  /**
   * Create the store with this header if the file does not exist (atomically: temp file, fsync,
   * rename). When the file exists, it is compared with this header like `expect`.
   */
  readonly create?: TeacherStoreHeaderInit;
  /** ISO timestamp for a created header (default now). */
  readonly createdAt?: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens (or creates) a teacher store file.
 *
 * Read-write (default): takes the writer lock, scans the file once to build the index, reports every
 * damaged region (`store.problems`, `onProblem`), truncates a torn or corrupt tail, and appends after
 * the last intact record. Read-only: no lock, no truncation.
 *
 * Throws StoreCorruptionError (damaged header), StoreMismatchError (other teacher/dataset/split/
 * candidates/frames/shard), StoreStateError (missing file without `create`, or locked by a live process).
 *
 * @example
 * const store = await openTeacherStore('out/teacher-train.sptk', { create: { teacherId: teacher.id, dataset: 'synthetic', split: 'train', candidates: 5, framesPerVideo: 16 } });
 * await store.put({ key: 'v1_q0', probs });  // probs: Float32Array [16 * 5]
 * await store.close();
 */
export async function openTeacherStore(path: string, options: OpenTeacherStoreOptions = {}): Promise<TeacherStore> {
  const expect = options.expect ?? options.create;
  const common: OpenStoreOptions = { ...options, ...(expect ? { expect } : {}) };
  if (options.readonly) {
    if (!(await exists(path))) throw new StoreStateError(path, 'teacher store does not exist');
    const medium = await FileMedium.open(path, false);
    try {
      return await AppendOnlyTeacherStore.open(medium, common);
    } catch (error) {
      await medium.close();
      throw error;
    }
  }
  const release = await acquireStoreLock(path);
  let medium: FileMedium | undefined;
  try {
    if (!(await exists(path))) {
      if (!options.create) throw new StoreStateError(path, 'teacher store does not exist (pass `create` with a header to create it)');
      const header = resolveStoreHeader(options.create, options.createdAt ?? new Date().toISOString());
      await writeFileAtomic(path, [encodeHeaderFrame(header)]);
    }
    medium = await FileMedium.open(path, true, release);
    return await AppendOnlyTeacherStore.open(medium, common);
  } catch (error) {
    if (medium) await medium.close();
    else await release();
    throw error;
  }
}
