import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WeightsError } from '../errors.js';
import { readSafetensors } from './read-safetensors.js';

function encode(entries: Record<string, { dtype: string; shape: number[]; bytes: Uint8Array }>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const [name, e] of Object.entries(entries)) {
    header[name] = { dtype: e.dtype, shape: e.shape, data_offsets: [offset, offset + e.bytes.length] };
    offset += e.bytes.length;
  }
  let json = JSON.stringify(header);
  while (json.length % 8) json += ' ';
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(new TextEncoder().encode(json), 8);
  let at = 8 + json.length;
  for (const e of Object.values(entries)) {
    out.set(e.bytes, at);
    at += e.bytes.length;
  }
  return out;
}

const f32 = (xs: number[]) => new Uint8Array(Float32Array.from(xs).buffer);
const i64 = (xs: bigint[]) => new Uint8Array(BigInt64Array.from(xs).buffer);

describe('readSafetensors', () => {
  it('reads F32 and I64 tensors, shapes and metadata', () => {
    const file = encode({ a: { dtype: 'F32', shape: [2, 2], bytes: f32([1, -2, 3.5, 0]) }, n: { dtype: 'I64', shape: [3], bytes: i64([0n, 7n, -3n]) } }, { mode: 'eval' });
    const st = readSafetensors(file);
    expect([...st.tensors.keys()]).toEqual(['a', 'n']);
    expect(st.tensors.get('a')!.shape).toEqual([2, 2]);
    expect(Array.from(st.tensors.get('a')!.data)).toEqual([1, -2, 3.5, 0]);
    expect(st.tensors.get('n')!.data).toBeInstanceOf(Int32Array);
    expect(Array.from(st.tensors.get('n')!.data)).toEqual([0, 7, -3]);
    expect(st.metadata).toEqual({ mode: 'eval' });
  });

  it('reads the HGA fixture: 126 tensors, logits [3, 5], lengths as int32', () => {
    const st = readSafetensors(fs.readFileSync(new URL('../../../../../shared/fixtures/hga/hga-a.safetensors', import.meta.url)));
    expect(st.tensors.size).toBe(126);
    expect(st.tensors.get('output.logits')!.shape).toEqual([3, 5]);
    const lengths = st.tensors.get('input.qa_lengths')!;
    expect(lengths.dtype).toBe('I64');
    expect(Math.min(...lengths.data)).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(st.metadata['constructor']!).torch_manual_seed).toBe(0);
  });

  it('a truncated file names the tensor whose data is cut off', () => {
    const file = encode({ a: { dtype: 'F32', shape: [2], bytes: f32([1, 2]) }, b: { dtype: 'F32', shape: [4], bytes: f32([1, 2, 3, 4]) } });
    expect(() => readSafetensors(file.subarray(0, file.length - 4))).toThrow(
      new WeightsError('readSafetensors', 'b', 'data ends at byte 24 but only 20 data bytes exist (truncated file?)'),
    );
    expect(() => readSafetensors(file.subarray(0, 5))).toThrow(/shorter than the 8-byte header length/);
    expect(() => readSafetensors(file.subarray(0, 12))).toThrow(/exceeds the 4 bytes after it/);
  });

  it('rejects a shape that disagrees with the byte span, an unknown dtype and bad JSON', () => {
    const bad = encode({ a: { dtype: 'F32', shape: [3], bytes: f32([1, 2]) } });
    expect(() => readSafetensors(bad)).toThrow("readSafetensors: a: data_offsets span 8 bytes but shape [3] of F32 needs 12");
    const odd = encode({ a: { dtype: 'C64', shape: [1], bytes: f32([1, 2]) } });
    expect(() => readSafetensors(odd)).toThrow('readSafetensors: a: unsupported dtype "C64"');
    const junk = new Uint8Array(17);
    new DataView(junk.buffer).setBigUint64(0, 9n, true);
    junk.set(new TextEncoder().encode('{not json'), 8);
    const error = (() => { try { readSafetensors(junk); } catch (e) { return e; } })();
    expect(WeightsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('readSafetensors: <header>: header is not valid JSON');
  });

  it('rejects I64 values that do not fit in int32', () => {
    const file = encode({ n: { dtype: 'I64', shape: [1], bytes: i64([1n << 40n]) } });
    expect(() => readSafetensors(file)).toThrow('readSafetensors: n: I64 value 1099511627776 at element 0 does not fit in int32');
  });
});
