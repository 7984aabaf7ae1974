// The store contract (the transformers.js CacheInterface idea, shared/STYLE.md 1.2): the runner and
// `extractTeacher` see only this interface; the in-memory and file implementations share its semantics.
import type { StoreProblem } from './scan-store.js';
import type { TeacherStoreHeader } from './store-header.js';

/** The teacher's probabilities for one sample `<video>_<qid>`. */
export interface TeacherRecord {
  readonly key: string;
  /** T (= header.framesPerVideo). */
  readonly frames: number;
  /** C (= header.candidates). */
  readonly candidates: number;
  /** Row-major `[T, C]`: row k is p_k, the teacher's distribution over candidates for frame k. */
  readonly probs: Float32Array;
  /** Frame positions of this record when they differ from the header's `frameIndices`, else null. */
  readonly frameIndices: Int32Array | null;
}

/** What `put` accepts: `probs` row-major `[T, C]` (Float32Array or nested rows). */
export interface TeacherRecordInput {
  readonly key: string;
  readonly probs: Float32Array | readonly (readonly number[])[];
  /** Per-record frame positions (length T), when they differ from the header's. */
  readonly frameIndices?: ArrayLike<number>;
}

/** Options of `put`. */
export interface PutOptions {
  /**
   * Write a key that is already stored: a new record is appended and supersedes the old one (the
   * last intact record of a key wins on open; the old bytes stay in the file). Default false:
   * DuplicateKeyError.
   */
  readonly overwrite?: boolean;
}

/** Counts for logs and `sparc teacher stats`. */
export interface TeacherStoreStats {
  /** Live keys. */
  readonly records: number;
  /** Records superseded by an overwrite (still in the file). */
  readonly superseded: number;
  /** Frames scored over live records: records x T. */
  readonly frames: number;
  /** Size of the store in bytes (file size). */
  readonly bytes: number;
  /** Damaged regions found when the store was opened (see `problems`). */
  readonly damagedRegions: number;
}

/**
 * A per-(video, qid) teacher probability store. Append-only; each record is length-prefixed and
 * checksummed. `has` and `keys` answer from the in-memory index built on open; `get` reads and
 * re-verifies the record.
 */
export interface TeacherStore {
  /** Where the store lives (a file path, or `memory`). */
  readonly location: string;
  readonly header: TeacherStoreHeader;
  /** Damaged regions found on open (torn tails are already truncated in read-write mode). */
  readonly problems: readonly StoreProblem[];
  /** Live keys. */
  readonly size: number;
  has(key: string): boolean;
  /** The record; throws CacheMissError when absent, StoreCorruptionError if its bytes changed since open. */
  get(key: string): Promise<TeacherRecord>;
  /** The record, or undefined when absent. */
  find(key: string): Promise<TeacherRecord | undefined>;
  /** Appends a record (validated first: shape [T, C], finite, rows are distributions). */
  put(record: TeacherRecordInput, options?: PutOptions): Promise<void>;
  /** Live keys in file order of their live record. */
  keys(): IterableIterator<string>;
  /** Live records in file order. */
  entries(): AsyncIterableIterator<TeacherRecord>;
  stats(): TeacherStoreStats;
  /** Makes every write so far durable (fsync for files). */
  sync(): Promise<void>;
  /** Syncs and releases the store; further calls throw StoreStateError. Idempotent. */
  close(): Promise<void>;
}
