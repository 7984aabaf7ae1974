// Corruption and truncation at every byte offset of a small store image: the header, every field of
// a record's frame head (marker, length, payload CRC, head CRC), payload bytes (key, shape, floats),
// and the tail. Invariant: a damaged record is reported at its exact offset and never returned; every
// other record reads back exactly; a bad tail is truncated and appending continues.
import { testBackend } from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import { StoreCorruptionError } from '../errors.js';
import { FIXED_TIME, demoHeader, demoProbs } from '../test-utils.js';
import { createMemoryTeacherStore, openMemoryTeacherStore } from './memory-teacher-store.js';
import type { MemoryTeacherStore } from './memory-teacher-store.js';
import { scanStore } from './scan-store.js';
import { crc32 } from '../crc32.js';

const KEYS = ['video0_q0', 'video1_q3', 'video_long_name_2_q1', 'v3_q9'];

async function buildImage(): Promise<{ bytes: Uint8Array; starts: number[]; headerBytes: number }> {
  const store = await createMemoryTeacherStore(demoHeader(), { createdAt: FIXED_TIME });
  const starts: number[] = [];
  for (const key of KEYS) {
    starts.push(store.stats().bytes);
    await store.put({ key, probs: demoProbs(key, 4, 3) });
  }
  starts.push(store.stats().bytes);
  return { bytes: store.toBytes(), starts, headerBytes: starts[0]! };
}

async function expectIntactExcept(store: MemoryTeacherStore, lost: number | null, upTo = KEYS.length): Promise<void> {
  const expected = KEYS.slice(0, upTo).filter((_, i) => i !== lost);
  expect([...store.keys()]).toEqual(expected);
  for (const key of expected) expect((await store.get(key)).probs).toEqual(demoProbs(key, 4, 3));
}

/** Offset (within a frame) after which the key is fully readable: head 16 + fixarray 1 + fixstr 1 + key. */
const keyEnd = (i: number) => 16 + 2 + KEYS[i]!.length;

async function expectAppendAndReopen(store: MemoryTeacherStore): Promise<void> {
  await store.put({ key: 'appended', probs: demoProbs('appended', 4, 3) });
  const again = await openMemoryTeacherStore(store.toBytes());
  expect(again.problems.filter((p) => p.kind !== 'corrupt-record')).toEqual([]);
  expect((await again.get('appended')).probs).toEqual(demoProbs('appended', 4, 3));
}

describe.runIf(testBackend() === 'cpu')('store corruption handling', () => {
  it('a byte flipped at ANY offset: header -> StoreCorruptionError; record -> reported at its offset and skipped', async () => {
    const { bytes, starts, headerBytes } = await buildImage();
    let checked = 0;
    for (let offset = 0; offset < bytes.length; offset++) {
      for (const mask of [0x01, 0xff]) {
        const damaged = bytes.slice();
        damaged[offset] = damaged[offset]! ^ mask;
        if (offset < headerBytes) {
          const error = await openMemoryTeacherStore(damaged).catch((e: unknown) => e);
          expect(StoreCorruptionError.isInstance(error), `offset ${offset}`).toBe(true);
          continue;
        }
        const r = starts.findIndex((s, i) => offset >= s && offset < starts[i + 1]!);
        const last = r === KEYS.length - 1;
        const reported: unknown[] = [];
        const store = await openMemoryTeacherStore(damaged, { onProblem: (p) => reported.push(p) });
        expect(store.problems, `offset ${offset}`).toHaveLength(1);
        expect(reported).toEqual(store.problems);
        const problem = store.problems[0]!;
        expect(problem.offset).toBe(starts[r]);
        expect(problem.kind).toBe(last ? 'corrupt-tail' : 'corrupt-record');
        expect(problem.bytes).toBe(starts[r + 1]! - starts[r]!);
        const within = offset - starts[r]!;
        if (within >= 4 && (within < 16 || within >= keyEnd(r))) expect(problem.key).toBe(KEYS[r]);
        await expectIntactExcept(store, r);
        if (last) {
          expect(store.toBytes().length).toBe(starts[r]);
          await expectAppendAndReopen(store);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2 * (bytes.length - headerBytes) - 1);
  });

  it('truncation at ANY offset: inside the header -> error; else a torn tail reported, dropped, appending continues', async () => {
    const { bytes, starts, headerBytes } = await buildImage();
    for (let length = 0; length < bytes.length; length++) {
      const cut = bytes.slice(0, length);
      if (length < headerBytes) {
        await expect(openMemoryTeacherStore(cut), `length ${length}`).rejects.toSatisfy(StoreCorruptionError.isInstance);
        continue;
      }
      const complete = starts.filter((s) => s <= length).length - 1;
      const store = await openMemoryTeacherStore(cut);
      if (starts.includes(length)) {
        expect(store.problems).toEqual([]);
      } else {
        const start = starts[complete]!;
        expect(store.problems).toHaveLength(1);
        expect(store.problems[0]).toMatchObject({ kind: 'torn-tail', offset: start, bytes: length - start });
        expect(store.problems[0]!.key).toBe(length - start >= keyEnd(complete) ? KEYS[complete] : undefined);
        expect(store.toBytes().length).toBe(start);
      }
      await expectIntactExcept(store, null, complete);
      await expectAppendAndReopen(store);
    }
  });

  it('read-only opening reports a bad tail without truncating it', async () => {
    const { bytes, starts } = await buildImage();
    const cut = bytes.slice(0, starts[3]! + 20);
    const store = await openMemoryTeacherStore(cut, { readonly: true });
    expect(store.problems[0]).toMatchObject({ kind: 'torn-tail', offset: starts[3] });
    expect(store.toBytes().length).toBe(cut.length);
  });

  it('garbage in the middle (several frames wide) is skipped up to the next intact record', async () => {
    const { bytes, starts } = await buildImage();
    const damaged = bytes.slice();
    for (let i = starts[1]! + 3; i < starts[3]! - 5; i++) damaged[i] = (i * 31) & 0xff;
    const store = await openMemoryTeacherStore(damaged);
    expect(store.problems).toEqual([expect.objectContaining({ kind: 'corrupt-record', offset: starts[1], bytes: starts[3]! - starts[1]! })]);
    expect([...store.keys()]).toEqual([KEYS[0], KEYS[3]]);
  });

  it('a frame whose checksums hold but whose payload is not a record is rejected, not used', async () => {
    const { bytes } = await buildImage();
    const payload = Uint8Array.from([0x92, 0xa1, 0x78, 0x01]); // msgpack ['x', 1]
    const frame = new Uint8Array(16 + payload.length);
    frame.set([0x53, 0x50, 0x54, 0x52]);
    const view = new DataView(frame.buffer);
    view.setUint32(4, payload.length, true);
    view.setUint32(8, crc32(payload), true);
    view.setUint32(12, crc32(frame, 0, 12), true);
    frame.set(payload, 16);
    const image = new Uint8Array(bytes.length + frame.length);
    image.set(bytes);
    image.set(frame, bytes.length);
    const scan = await scanStore({ size: image.length, read: async (o, n) => image.slice(o, o + n) }, 'img');
    expect(scan.records.map((r) => r.key)).toEqual(KEYS);
    expect(scan.problems).toEqual([expect.objectContaining({ kind: 'corrupt-tail', offset: bytes.length, reason: expect.stringMatching(/checksum ok but/) })]);
    expect(scan.end).toBe(bytes.length);
  });
});
