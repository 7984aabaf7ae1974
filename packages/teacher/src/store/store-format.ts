// Byte-level encoding of the teacher store (format version 1; described in the package README).
// Pure: Uint8Array in, Uint8Array out, so the memory store, the file store and other tools share it.
//
//   frame   := head(16 bytes) payload
//   head    := marker(4) length(u32 LE) payloadCrc(u32 LE) headCrc(u32 LE)
//   marker  := "SPTH" for the header frame (first in the file), "SPTR" for a record frame
//   payloadCrc = CRC-32 of the payload bytes; headCrc = CRC-32 of head bytes 0..11
//   header payload := msgpack map (TeacherStoreHeader)
//   record payload := msgpack array [key: str, T: int, C: int, probs: Float32Array, frameIndices: Int32Array | nil]
//   typed arrays use msgpackr's `moreTypes` extension: ext type 0x74, first data byte = array kind
//   (7 = Float32Array, 5 = Int32Array), then the elements' little-endian bytes.
import { Packr } from 'msgpackr';
import { crc32 } from '../crc32.js';
import type { TeacherStoreHeader } from './store-header.js';

/** Bytes in a frame head. */
export const FRAME_HEAD_BYTES = 16;
/** Largest payload a reader accepts (a larger length field is treated as corruption). */
export const MAX_PAYLOAD_BYTES = 1 << 28;
/** "SPTH": marks the header frame. */
export const HEADER_MARKER: readonly number[] = Object.freeze([0x53, 0x50, 0x54, 0x48]);
/** "SPTR": marks a record frame. */
export const RECORD_MARKER: readonly number[] = Object.freeze([0x53, 0x50, 0x54, 0x52]);

const packr = new Packr({ moreTypes: true, useRecords: false, mapsAsObjects: true });

/** A decoded record payload. */
export interface RecordPayload {
  readonly key: string;
  readonly frames: number;
  readonly candidates: number;
  /** Row-major `[T, C]` probabilities. */
  readonly probs: Float32Array;
  /** Per-record frame positions, or null when the header's `frameIndices` apply. */
  readonly frameIndices: Int32Array | null;
}

function encodeFrame(marker: readonly number[], payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEAD_BYTES + payload.length);
  out.set(marker, 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, payload.length, true);
  view.setUint32(8, crc32(payload), true);
  view.setUint32(12, crc32(out, 0, 12), true);
  out.set(payload, FRAME_HEAD_BYTES);
  return out;
}

/** The header frame for `header`. */
export function encodeHeaderFrame(header: TeacherStoreHeader): Uint8Array {
  const plain = { ...header, frameIndices: [...header.frameIndices], shard: header.shard ? { ...header.shard } : null, meta: { ...header.meta } };
  return encodeFrame(HEADER_MARKER, packr.pack(plain));
}

/** A record frame. `probs` is row-major `[frames, candidates]`. */
export function encodeRecordFrame(record: RecordPayload): Uint8Array {
  return encodeFrame(RECORD_MARKER, packr.pack([record.key, record.frames, record.candidates, record.probs, record.frameIndices]));
}

/** A parsed frame head, or the reason it is invalid. */
export type FrameHead =
  | { readonly ok: true; readonly kind: 'header' | 'record'; readonly length: number; readonly payloadCrc: number }
  | { readonly ok: false; readonly reason: string };

function markerAt(bytes: Uint8Array, at: number, marker: readonly number[]): boolean {
  return marker.every((b, i) => bytes[at + i] === b);
}

/** Parses the 16-byte frame head at `bytes[at]` (the caller guarantees 16 bytes are there). */
export function parseFrameHead(bytes: Uint8Array, at = 0): FrameHead {
  const kind = markerAt(bytes, at, RECORD_MARKER) ? 'record' : markerAt(bytes, at, HEADER_MARKER) ? 'header' : null;
  if (kind === null) return { ok: false, reason: 'bad frame marker' };
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, FRAME_HEAD_BYTES);
  if (view.getUint32(12, true) !== crc32(bytes, at, at + 12)) return { ok: false, reason: 'frame head checksum mismatch (length field not trusted)' };
  const length = view.getUint32(4, true);
  if (length > MAX_PAYLOAD_BYTES) return { ok: false, reason: `payload length ${length} exceeds ${MAX_PAYLOAD_BYTES}` };
  return { ok: true, kind, length, payloadCrc: view.getUint32(8, true) };
}

/** True when `payload`'s CRC-32 equals `expected`. */
export function payloadChecksumOk(payload: Uint8Array, expected: number): boolean {
  return crc32(payload) === expected;
}

/** Decodes a header payload (msgpack map); throws on malformed bytes. */
export function decodeHeaderPayload(payload: Uint8Array): unknown {
  return packr.unpack(payload);
}

/** Decodes and checks a record payload; returns the record or the reason it is malformed. */
export function decodeRecordPayload(payload: Uint8Array): RecordPayload | string {
  let value: unknown;
  try {
    value = packr.unpack(payload);
  } catch (error) {
    return `payload does not decode: ${(error as Error).message}`;
  }
  if (!Array.isArray(value) || value.length !== 5) return 'record payload is not a 5-element array';
  const [key, frames, candidates, probs, frameIndices] = value as unknown[];
  if (typeof key !== 'string') return 'record key is not a string';
  if (!Number.isInteger(frames) || !Number.isInteger(candidates)) return 'record shape is not integer';
  if (!(probs instanceof Float32Array) || probs.length !== (frames as number) * (candidates as number)) return 'record probabilities are not a Float32Array of T*C elements';
  if (frameIndices !== null && !(frameIndices instanceof Int32Array && frameIndices.length === frames)) return 'record frameIndices is neither nil nor an Int32Array of T elements';
  return { key, frames: frames as number, candidates: candidates as number, probs, frameIndices: frameIndices as Int32Array | null };
}

/**
 * Best-effort key of a damaged record frame starting at `bytes[0]`: reads the first msgpack string of
 * the payload without verifying checksums. Returns undefined when it cannot be read.
 */
export function peekRecordKey(bytes: Uint8Array): string | undefined {
  if (bytes.length < FRAME_HEAD_BYTES + 2 || !markerAt(bytes, 0, RECORD_MARKER)) return undefined;
  let p = FRAME_HEAD_BYTES;
  const a = bytes[p]!;
  if (a >= 0x90 && a <= 0x9f) p += 1;
  else if (a === 0xdc) p += 3;
  else if (a === 0xdd) p += 5;
  else return undefined;
  const s = bytes[p];
  if (s === undefined) return undefined;
  let start: number;
  let len: number;
  if (s >= 0xa0 && s <= 0xbf) [start, len] = [p + 1, s & 31];
  else if (s === 0xd9 && p + 1 < bytes.length) [start, len] = [p + 2, bytes[p + 1]!];
  else if (s === 0xda && p + 2 < bytes.length) [start, len] = [p + 3, (bytes[p + 1]! << 8) | bytes[p + 2]!];
  else return undefined;
  if (start + len > bytes.length) return undefined;
  try {
    const key: unknown = packr.unpack(bytes.subarray(p, start + len));
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}
