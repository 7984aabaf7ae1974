// The in-memory store: the same bytes as a store file, kept in a growable buffer. Platform-neutral;
// `toBytes()` gives a file image and `openMemoryTeacherStore(bytes)` reads one.
import { AppendOnlyTeacherStore } from './append-only-teacher-store.js';
import type { OpenStoreOptions, StoreMedium } from './append-only-teacher-store.js';
import { encodeHeaderFrame } from './store-format.js';
import { resolveStoreHeader } from './store-header.js';
import type { TeacherStoreHeaderInit } from './store-header.js';

class MemoryMedium implements StoreMedium {
  readonly location = 'memory';
  private buffer: Uint8Array;
  private length: number;
  constructor(initial: Uint8Array) {
    this.buffer = Uint8Array.from(initial);
    this.length = initial.length;
  }
  get size(): number {
    return this.length;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    return this.buffer.slice(offset, Math.min(this.length, offset + length));
  }
  async write(offset: number, bytes: Uint8Array): Promise<void> {
    const need = offset + bytes.length;
    if (need > this.buffer.length) {
      const grown = new Uint8Array(Math.max(need, this.buffer.length * 2, 4096));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(bytes, offset);
    this.length = Math.max(this.length, need);
  }
  async truncate(length: number): Promise<void> {
    this.length = Math.min(this.length, length);
  }
  async sync(): Promise<void> {}
  async close(): Promise<void> {}
  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** A TeacherStore held in memory, with its bytes available as a store-file image. */
export interface MemoryTeacherStore extends AppendOnlyTeacherStore {
  /** The store as file bytes (format version 1), e.g. to write with any file API. */
  toBytes(): Uint8Array;
}

function withBytes(store: AppendOnlyTeacherStore, medium: MemoryMedium): MemoryTeacherStore {
  return Object.assign(store, { toBytes: () => medium.bytes() });
}

/**
 * A new, empty in-memory store.
 *
 * @example
 * const store = await createMemoryTeacherStore({ teacherId: 'fake', dataset: 'synthetic', split: 'train', candidates: 5, framesPerVideo: 8 });
 */
export async function createMemoryTeacherStore(
  header: TeacherStoreHeaderInit,
  options: Omit<OpenStoreOptions, 'expect' | 'readonly'> & { readonly createdAt?: string } = {},
): Promise<MemoryTeacherStore> {
  const medium = new MemoryMedium(encodeHeaderFrame(resolveStoreHeader(header, options.createdAt ?? new Date().toISOString())));
  return withBytes(await AppendOnlyTeacherStore.open(medium, options), medium);
}

/**
 * Opens a store image (e.g. a file's bytes) in memory: scans it, reports damaged regions through
 * `problems`/`onProblem`, drops a bad tail (unless `readonly`), and checks `expect`.
 * Throws StoreCorruptionError if the header is damaged, StoreMismatchError on a header mismatch.
 */
export async function openMemoryTeacherStore(bytes: Uint8Array, options: OpenStoreOptions = {}): Promise<MemoryTeacherStore> {
  const medium = new MemoryMedium(bytes);
  return withBytes(await AppendOnlyTeacherStore.open(medium, options), medium);
}
