// One pass over a store image: validates the header, indexes every intact record, and reports every
// damaged region (LevelDB-log style recovery: a bad region followed by an intact record is skipped and
// reported; a bad region reaching the end of the file is the torn or corrupt tail).
import { StoreCorruptionError } from '../errors.js';
import {
  FRAME_HEAD_BYTES,
  RECORD_MARKER,
  decodeHeaderPayload,
  decodeRecordPayload,
  parseFrameHead,
  payloadChecksumOk,
  peekRecordKey,
} from './store-format.js';
import type { RecordPayload } from './store-format.js';
import { headerProblem } from './store-header.js';
import type { TeacherStoreHeader } from './store-header.js';

/** Random-access bytes: a file or a memory image. `read` may return fewer bytes only at the end. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A damaged region found while scanning. */
export interface StoreProblem {
  /**
   * `torn-tail`: the last record was cut short (a writer died mid-write); `corrupt-tail`: the bytes from
   * `offset` to the end fail their checksums; `corrupt-record`: a damaged record with intact records
   * after it (skipped, never used).
   */
  readonly kind: 'torn-tail' | 'corrupt-tail' | 'corrupt-record';
  /** Byte offset where the damage starts (a frame boundary). */
  readonly offset: number;
  /** Length of the damaged region. */
  readonly bytes: number;
  /** Key of the damaged record when it could be read from the damaged bytes (unverified). */
  readonly key?: string;
  /** What check failed. */
  readonly reason: string;
}

/** An intact record frame found by the scan. */
export interface ScannedRecord {
  readonly key: string;
  readonly offset: number;
  /** Frame length (head + payload). */
  readonly bytes: number;
}

/** What `scanStore` found. */
export interface StoreScan {
  readonly header: TeacherStoreHeader;
  /** End of the header frame (offset of the first record). */
  readonly headerBytes: number;
  /** Intact records in file order (a superseded key appears more than once). */
  readonly records: readonly ScannedRecord[];
  readonly problems: readonly StoreProblem[];
  /** Offset after the last intact frame: the length the file is truncated to when its tail is bad. */
  readonly end: number;
  readonly size: number;
}

type FrameResult =
  | { readonly status: 'ok'; readonly record: RecordPayload; readonly end: number }
  | { readonly status: 'truncated' | 'corrupt'; readonly reason: string };

/** Reads through a window cache so a sequential scan makes few large reads. */
class WindowedReader {
  private start = 0;
  private window: Uint8Array = new Uint8Array(0);
  constructor(
    private readonly source: ByteSource,
    private readonly windowBytes = 1 << 20,
  ) {}
  get size(): number {
    return this.source.size;
  }
  async bytes(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(offset + length, this.source.size);
    if (offset >= this.start && end <= this.start + this.window.length) {
      return this.window.subarray(offset - this.start, end - this.start);
    }
    if (end - offset > this.windowBytes) return this.source.read(offset, end - offset);
    this.start = offset;
    this.window = await this.source.read(offset, Math.min(this.windowBytes, this.source.size - offset));
    return this.window.subarray(0, end - offset);
  }
}

async function readFrame(reader: WindowedReader, pos: number): Promise<FrameResult> {
  if (reader.size - pos < FRAME_HEAD_BYTES) return { status: 'truncated', reason: `only ${reader.size - pos} bytes of a frame head` };
  const head = parseFrameHead(await reader.bytes(pos, FRAME_HEAD_BYTES));
  if (!head.ok) return { status: 'corrupt', reason: head.reason };
  if (head.kind !== 'record') return { status: 'corrupt', reason: 'a header frame where a record was expected' };
  const end = pos + FRAME_HEAD_BYTES + head.length;
  if (end > reader.size) return { status: 'truncated', reason: `record needs ${end - pos} bytes, ${reader.size - pos} present` };
  const payload = await reader.bytes(pos + FRAME_HEAD_BYTES, head.length);
  if (!payloadChecksumOk(payload, head.payloadCrc)) return { status: 'corrupt', reason: 'payload checksum mismatch' };
  const record = decodeRecordPayload(payload);
  if (typeof record === 'string') return { status: 'corrupt', reason: `checksum ok but ${record}` };
  return { status: 'ok', record, end };
}

/** Offset of the next intact record frame at or after `from`, or -1. */
async function findNextFrame(reader: WindowedReader, from: number): Promise<number> {
  const chunk = 1 << 16;
  for (let off = from; off + FRAME_HEAD_BYTES <= reader.size; off += chunk) {
    const bytes = await reader.bytes(off, chunk + RECORD_MARKER.length - 1);
    for (let i = bytes.indexOf(RECORD_MARKER[0]!); i >= 0 && i < chunk; i = bytes.indexOf(RECORD_MARKER[0]!, i + 1)) {
      if (RECORD_MARKER.every((b, j) => bytes[i + j] === b) && (await readFrame(reader, off + i)).status === 'ok') return off + i;
    }
  }
  return -1;
}

async function readHeader(reader: WindowedReader, file: string): Promise<{ header: TeacherStoreHeader; end: number }> {
  if (reader.size < FRAME_HEAD_BYTES) throw new StoreCorruptionError(file, 0, `file has ${reader.size} bytes, less than a header frame`);
  const head = parseFrameHead(await reader.bytes(0, FRAME_HEAD_BYTES));
  if (!head.ok || head.kind !== 'header') throw new StoreCorruptionError(file, 0, head.ok ? 'first frame is not a header frame' : `header frame: ${head.reason}`);
  const end = FRAME_HEAD_BYTES + head.length;
  if (end > reader.size) throw new StoreCorruptionError(file, 0, `header frame needs ${end} bytes, file has ${reader.size}`);
  const payload = await reader.bytes(FRAME_HEAD_BYTES, head.length);
  if (!payloadChecksumOk(payload, head.payloadCrc)) throw new StoreCorruptionError(file, FRAME_HEAD_BYTES, 'header payload checksum mismatch');
  let value: unknown;
  try {
    value = decodeHeaderPayload(payload);
  } catch (error) {
    throw new StoreCorruptionError(file, FRAME_HEAD_BYTES, 'header payload does not decode', undefined, { cause: error });
  }
  const problem = headerProblem(value);
  if (problem) throw new StoreCorruptionError(file, FRAME_HEAD_BYTES, problem);
  return { header: value as TeacherStoreHeader, end };
}

/**
 * Scans a store image in one pass. Throws StoreCorruptionError when the header itself is damaged
 * (nothing in the file can be trusted then); every other problem is reported, not thrown.
 * `onRecord` sees each intact record's payload in file order (used to build indexes and stats).
 */
export async function scanStore(
  source: ByteSource,
  file: string,
  onRecord?: (record: RecordPayload, offset: number) => void,
): Promise<StoreScan> {
  const reader = new WindowedReader(source);
  const { header, end: headerBytes } = await readHeader(reader, file);
  const records: ScannedRecord[] = [];
  const problems: StoreProblem[] = [];
  let pos = headerBytes;
  let end = headerBytes;
  while (pos < reader.size) {
    const frame = await readFrame(reader, pos);
    if (frame.status === 'ok') {
      records.push({ key: frame.record.key, offset: pos, bytes: frame.end - pos });
      onRecord?.(frame.record, pos);
      pos = end = frame.end;
      continue;
    }
    const key = peekRecordKey(await reader.bytes(pos, FRAME_HEAD_BYTES + 512));
    const next = await findNextFrame(reader, pos + 1);
    const base = { offset: pos, ...(key === undefined ? {} : { key }), reason: frame.reason };
    if (next < 0) {
      problems.push({ kind: frame.status === 'truncated' ? 'torn-tail' : 'corrupt-tail', bytes: reader.size - pos, ...base });
      break;
    }
    problems.push({ kind: 'corrupt-record', bytes: next - pos, ...base });
    pos = next;
  }
  return { header, headerBytes, records, problems, end, size: reader.size };
}

/** Reads and verifies the record frame at `offset` (used by `get`); throws StoreCorruptionError if it fails. */
export async function readRecordAt(source: ByteSource, file: string, offset: number, key: string): Promise<RecordPayload> {
  const frame = await readFrame(new WindowedReader(source, 0), offset);
  if (frame.status !== 'ok') throw new StoreCorruptionError(file, offset, `record changed since the store was opened: ${frame.reason}`, key);
  if (frame.record.key !== key) throw new StoreCorruptionError(file, offset, `record holds key '${frame.record.key}'`, key);
  return frame.record;
}
