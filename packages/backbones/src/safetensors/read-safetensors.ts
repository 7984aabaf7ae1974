// Reader for the safetensors format (huggingface/safetensors: u64 LE header length, JSON header, packed
// little-endian row-major data), used to load weights trained with the PyTorch reference code.
import { WeightsError } from '../errors.js';

// TextDecoder is a global in every runtime we target (Node, Deno, browsers); the library compiles with
// lib ES2022 only, so declare the one member used.
declare const TextDecoder: new () => { decode(input: Uint8Array): string };

/** One tensor of a safetensors file, as plain data. I64 values are narrowed to int32 (checked). */
export interface SafetensorsTensor {
  readonly name: string;
  /** The file's dtype (F32, F64, F16, I64, I32, I16, I8, U8, BOOL). */
  readonly dtype: string;
  readonly shape: readonly number[];
  /** F32/F64/F16 -> Float32Array; integer and BOOL dtypes -> Int32Array. */
  readonly data: Float32Array | Int32Array;
}

/** A parsed safetensors file. */
export interface Safetensors {
  readonly tensors: ReadonlyMap<string, SafetensorsTensor>;
  /** The `__metadata__` string map (empty when absent). */
  readonly metadata: Readonly<Record<string, string>>;
}

const BYTES: Readonly<Record<string, number>> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/**
 * Parses a safetensors file. Every offset, size and shape is checked against the buffer; a malformed or
 * truncated file throws `WeightsError` naming the tensor and the problem.
 */
export function readSafetensors(bytes: Uint8Array | ArrayBuffer): Safetensors {
  const fn = 'readSafetensors';
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  if (u8.byteLength < 8) throw new WeightsError(fn, '<header>', `file is ${u8.byteLength} bytes, shorter than the 8-byte header length`);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > u8.byteLength - 8) {
    throw new WeightsError(fn, '<header>', `header length ${headerLength} exceeds the ${u8.byteLength - 8} bytes after it (truncated file?)`);
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(u8.subarray(8, 8 + headerLength))) as Record<string, unknown>;
  } catch (cause) {
    throw new WeightsError(fn, '<header>', 'header is not valid JSON', { cause });
  }
  const dataStart = 8 + headerLength;
  const dataLength = u8.byteLength - dataStart;
  const tensors = new Map<string, SafetensorsTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = { ...(entry as Record<string, string>) };
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = entry as { dtype: string; shape: number[]; data_offsets: [number, number] };
    const size = BYTES[dtype];
    if (size == null) throw new WeightsError(fn, name, `unsupported dtype ${JSON.stringify(dtype)}`);
    if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) throw new WeightsError(fn, name, `invalid shape ${JSON.stringify(shape)}`);
    const [start, end] = offsets ?? [];
    const count = shape.reduce((a, b) => a * b, 1);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start! < 0 || end! < start!) {
      throw new WeightsError(fn, name, `invalid data_offsets ${JSON.stringify(offsets)}`);
    }
    if (end! > dataLength) throw new WeightsError(fn, name, `data ends at byte ${end} but only ${dataLength} data bytes exist (truncated file?)`);
    if (end! - start! !== count * size) {
      throw new WeightsError(fn, name, `data_offsets span ${end! - start!} bytes but shape ${JSON.stringify(shape)} of ${dtype} needs ${count * size}`);
    }
    const at = dataStart + start!;
    let data: Float32Array | Int32Array;
    switch (dtype) {
      case 'F32':
        data = new Float32Array(count);
        for (let i = 0; i < count; i++) data[i] = view.getFloat32(at + 4 * i, true);
        break;
      case 'F64':
        data = new Float32Array(count);
        for (let i = 0; i < count; i++) data[i] = view.getFloat64(at + 8 * i, true);
        break;
      case 'F16':
        data = new Float32Array(count);
        for (let i = 0; i < count; i++) data[i] = halfToFloat(view.getUint16(at + 2 * i, true));
        break;
      case 'BF16':
        data = new Float32Array(count);
        for (let i = 0; i < count; i++) {
          const tmp = new DataView(new ArrayBuffer(4));
          tmp.setUint16(0, view.getUint16(at + 2 * i, true));
          data[i] = tmp.getFloat32(0);
        }
        break;
      case 'I64':
        data = new Int32Array(count);
        for (let i = 0; i < count; i++) {
          const v = view.getBigInt64(at + 8 * i, true);
          if (v > 2147483647n || v < -2147483648n) throw new WeightsError(fn, name, `I64 value ${v} at element ${i} does not fit in int32`);
          data[i] = Number(v);
        }
        break;
      case 'I32':
        data = new Int32Array(count);
        for (let i = 0; i < count; i++) data[i] = view.getInt32(at + 4 * i, true);
        break;
      case 'I16':
        data = new Int32Array(count);
        for (let i = 0; i < count; i++) data[i] = view.getInt16(at + 2 * i, true);
        break;
      case 'I8':
        data = new Int32Array(count);
        for (let i = 0; i < count; i++) data[i] = view.getInt8(at + i);
        break;
      default: // U8, BOOL
        data = new Int32Array(count);
        for (let i = 0; i < count; i++) data[i] = view.getUint8(at + i);
    }
    tensors.set(name, Object.freeze({ name, dtype, shape: Object.freeze([...shape]), data }));
  }
  return Object.freeze({ tensors, metadata: Object.freeze(metadata) });
}
