// The shared engine of the memory and file stores: an index over an append-only medium.
import { CacheMissError, DuplicateKeyError, StoreStateError } from '../errors.js';
import { encodeRecordFrame } from './store-format.js';
import type { RecordPayload } from './store-format.js';
import { readRecordAt, scanStore } from './scan-store.js';
import type { ByteSource, StoreProblem, StoreScan } from './scan-store.js';
import { assertHeaderMatches } from './store-header.js';
import type { TeacherStoreHeader, TeacherStoreHeaderInit } from './store-header.js';
import type { PutOptions, TeacherRecord, TeacherRecordInput, TeacherStore, TeacherStoreStats } from './teacher-store.js';
import { validateRecordInput } from './validate-record.js';

/** Where the bytes live: a growable memory image or a file. */
export interface StoreMedium extends ByteSource {
  /** A file path or `memory`. */
  readonly location: string;
  /** Writes `bytes` at `offset` (always the current end). */
  write(offset: number, bytes: Uint8Array): Promise<void>;
  truncate(length: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** Options shared by the memory and file stores when opening existing bytes. */
export interface OpenStoreOptions {
  /** Header fields the store must have; a difference throws StoreMismatchError. */
  readonly expect?: TeacherStoreHeaderInit;
  /** Read-only: never writes, never truncates (a bad tail is reported and ignored). Default false. */
  readonly readonly?: boolean;
  /** Called once per damaged region found on open (after truncation of a bad tail in read-write mode). */
  readonly onProblem?: (problem: StoreProblem) => void;
  /** fsync after every N puts (0: only on sync() and close()). Default 64. */
  readonly syncEvery?: number;
  /** Testing aid: split each record write into writes of at most this many bytes (simulates torn writes). */
  readonly writeChunkBytes?: number;
}

interface IndexEntry {
  readonly offset: number;
  readonly bytes: number;
}

/** An opened store over a medium. Use `openMemoryTeacherStore` / `openTeacherStore` (./fs) to get one. */
export class AppendOnlyTeacherStore implements TeacherStore {
  private readonly index = new Map<string, IndexEntry>();
  private readonly pending = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private end: number;
  private superseded = 0;
  private unsynced = 0;
  private closed = false;
  private broken: Error | null = null;

  private constructor(
    private readonly medium: StoreMedium,
    readonly header: TeacherStoreHeader,
    readonly problems: readonly StoreProblem[],
    private readonly options: OpenStoreOptions,
    scan: StoreScan,
  ) {
    for (const r of scan.records) {
      if (this.index.delete(r.key)) this.superseded++;
      this.index.set(r.key, { offset: r.offset, bytes: r.bytes });
    }
    this.end = medium.size;
  }

  /** Scans `medium`, checks expectations, truncates a bad tail (read-write) and builds the index. */
  static async open(medium: StoreMedium, options: OpenStoreOptions = {}): Promise<AppendOnlyTeacherStore> {
    const scan = await scanStore(medium, medium.location);
    if (options.expect) assertHeaderMatches(medium.location, scan.header, options.expect);
    const tail = scan.problems.find((p) => p.kind !== 'corrupt-record');
    if (tail && !options.readonly) {
      await medium.truncate(scan.end);
      await medium.sync();
    }
    for (const p of scan.problems) options.onProblem?.(p);
    return new AppendOnlyTeacherStore(medium, scan.header, Object.freeze([...scan.problems]), options, scan);
  }

  get location(): string {
    return this.medium.location;
  }

  get size(): number {
    return this.index.size;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  async get(key: string): Promise<TeacherRecord> {
    const record = await this.find(key);
    if (!record) throw new CacheMissError(this.location, key);
    return record;
  }

  async find(key: string): Promise<TeacherRecord | undefined> {
    this.assertOpen();
    const entry = this.index.get(key);
    if (!entry) return undefined;
    return readRecordAt(this.medium, this.location, entry.offset, key);
  }

  put(input: TeacherRecordInput, options: PutOptions = {}): Promise<void> {
    let payload: RecordPayload;
    try {
      this.assertWritable();
      payload = validateRecordInput('TeacherStore.put', this.header, input);
      const exists = this.index.has(payload.key) || this.pending.has(payload.key);
      if (exists && !options.overwrite) throw new DuplicateKeyError(this.location, payload.key);
    } catch (error) {
      return Promise.reject(error);
    }
    const frame = encodeRecordFrame(payload);
    this.pending.add(payload.key);
    const task = this.queue.then(async () => {
      this.assertWritable();
      const offset = this.end;
      try {
        const chunk = this.options.writeChunkBytes ?? frame.length;
        for (let i = 0; i < frame.length; i += chunk) await this.medium.write(offset + i, frame.subarray(i, Math.min(frame.length, i + chunk)));
      } catch (error) {
        this.broken = error as Error;
        throw new StoreStateError(this.location, `write of '${payload.key}' failed; reopen the store to drop the partial record`, { cause: error });
      } finally {
        this.pending.delete(payload.key);
      }
      this.end = offset + frame.length;
      if (this.index.delete(payload.key)) this.superseded++;
      this.index.set(payload.key, { offset, bytes: frame.length });
      const every = this.options.syncEvery ?? 64;
      if (every > 0 && ++this.unsynced >= every) await this.syncNow();
    });
    this.queue = task.catch(() => undefined);
    return task;
  }

  keys(): IterableIterator<string> {
    return this.index.keys();
  }

  async *entries(): AsyncIterableIterator<TeacherRecord> {
    for (const [key, entry] of [...this.index]) {
      this.assertOpen();
      yield await readRecordAt(this.medium, this.location, entry.offset, key);
    }
  }

  stats(): TeacherStoreStats {
    return Object.freeze({
      records: this.index.size,
      superseded: this.superseded,
      frames: this.index.size * this.header.framesPerVideo,
      bytes: this.end,
      damagedRegions: this.problems.length,
    });
  }

  async sync(): Promise<void> {
    this.assertOpen();
    await this.queue;
    await this.syncNow();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    this.closed = true;
    try {
      if (!this.options.readonly && !this.broken) await this.syncNow();
    } finally {
      await this.medium.close();
    }
  }

  private async syncNow(): Promise<void> {
    if (this.options.readonly) return;
    this.unsynced = 0;
    await this.medium.sync();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreStateError(this.location, 'the teacher store is closed');
  }

  private assertWritable(): void {
    this.assertOpen();
    if (this.options.readonly) throw new StoreStateError(this.location, 'the teacher store was opened read-only');
    if (this.broken) throw new StoreStateError(this.location, `an earlier write failed (${this.broken.message}); reopen the store`);
  }
}
