/// <reference types="node" />
import { testBackend } from '@sparc-vqa/testing';
import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError, StoreCorruptionError, StoreMismatchError, StoreStateError } from '../errors.js';
import { openMemoryTeacherStore } from '../store/memory-teacher-store.js';
import { FIXED_TIME, demoHeader, demoProbs } from '../test-utils.js';
import { mergeTeacherStores } from './merge-teacher-stores.js';
import { openTeacherStore } from './open-teacher-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'teacher-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fill(file: string, keys: string[], header = demoHeader()): Promise<void> {
  const store = await openTeacherStore(file, { create: header, createdAt: FIXED_TIME });
  for (const key of keys) await store.put({ key, probs: demoProbs(key, header.framesPerVideo, header.candidates) });
  await store.close();
}

describe.runIf(testBackend() === 'cpu')('file teacher store', () => {
  it('creates, appends, reopens, and reads back exactly; the file equals the memory image', async () => {
    const file = path.join(dir, 's.sptk');
    await fill(file, ['a_0', 'b_1']);
    const store = await openTeacherStore(file, { expect: demoHeader() });
    expect([...store.keys()]).toEqual(['a_0', 'b_1']);
    await store.put({ key: 'c_2', probs: demoProbs('c_2', 4, 3) });
    await store.close();
    const bytes = new Uint8Array(await readFile(file));
    const mem = await openMemoryTeacherStore(bytes);
    expect([...mem.keys()]).toEqual(['a_0', 'b_1', 'c_2']);
    const ro = await openTeacherStore(file, { readonly: true });
    expect((await ro.get('c_2')).probs).toEqual(demoProbs('c_2', 4, 3));
    expect(ro.stats()).toMatchObject({ records: 3, frames: 12, bytes: bytes.length });
    await ro.close();
  });

  it('missing file without create, header mismatch, duplicate key: typed errors', async () => {
    const file = path.join(dir, 's.sptk');
    await expect(openTeacherStore(file)).rejects.toSatisfy(StoreStateError.isInstance);
    await fill(file, ['a_0']);
    await expect(openTeacherStore(file, { create: demoHeader({ teacherId: 'other' }) })).rejects.toSatisfy(StoreMismatchError.isInstance);
    await expect(openTeacherStore(file, { expect: demoHeader({ split: 'val' }) })).rejects.toThrow(/'split' is "train", expected "val"/);
    const store = await openTeacherStore(file);
    await expect(store.put({ key: 'a_0', probs: demoProbs('a_0', 4, 3) })).rejects.toSatisfy(DuplicateKeyError.isInstance);
    await store.close();
    // the failed opens released the lock
    await (await openTeacherStore(file)).close();
  });

  it('one writer at a time; a stale lock (dead process) is taken over', async () => {
    const file = path.join(dir, 's.sptk');
    await fill(file, []);
    const a = await openTeacherStore(file);
    await expect(openTeacherStore(file)).rejects.toThrow(/is locked by process/);
    const reader = await openTeacherStore(file, { readonly: true });
    await reader.close();
    await a.close();
    await writeFile(`${file}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, hostname: (await import('node:os')).hostname() }));
    const b = await openTeacherStore(file);
    await b.close();
    await expect(stat(`${file}.lock`)).rejects.toThrow();
  });

  it('a torn tail on disk is reported, truncated and appended after', async () => {
    const file = path.join(dir, 's.sptk');
    await fill(file, ['a_0', 'b_1', 'c_2']);
    const size = (await stat(file)).size;
    await truncate(file, size - 7);
    const problems: unknown[] = [];
    const store = await openTeacherStore(file, { onProblem: (p) => problems.push(p) });
    expect(problems).toEqual([expect.objectContaining({ kind: 'torn-tail', key: 'c_2' })]);
    expect((await stat(file)).size).toBeLessThan(size - 7);
    await store.put({ key: 'd_3', probs: demoProbs('d_3', 4, 3) });
    await store.close();
    const again = await openTeacherStore(file, { readonly: true });
    expect(again.problems).toEqual([]);
    expect([...again.keys()]).toEqual(['a_0', 'b_1', 'd_3']);
    await again.close();
  });

  it('a flipped byte in a middle record is reported with its offset every time, and skipped', async () => {
    const file = path.join(dir, 's.sptk');
    await fill(file, ['a_0', 'b_1', 'c_2']);
    const bytes = new Uint8Array(await readFile(file));
    // b_1's frame starts 18 bytes before its key (16-byte head, fixarray, fixstr); flip a float byte.
    const keyAt = Buffer.from(bytes).indexOf('b_1');
    bytes[keyAt + 12] = bytes[keyAt + 12]! ^ 0x40;
    await writeFile(file, bytes);
    for (let round = 0; round < 2; round++) {
      const store = await openTeacherStore(file);
      expect(store.problems).toEqual([expect.objectContaining({ kind: 'corrupt-record', key: 'b_1', offset: keyAt - 18 })]);
      expect([...store.keys()]).toEqual(round === 0 ? ['a_0', 'c_2'] : ['a_0', 'c_2', 'e_4']);
      if (round === 0) await store.put({ key: 'e_4', probs: demoProbs('e_4', 4, 3) });
      await store.close();
    }
  });

  it('a damaged header is a StoreCorruptionError naming the file', async () => {
    const file = path.join(dir, 's.sptk');
    await fill(file, ['a_0']);
    const bytes = new Uint8Array(await readFile(file));
    bytes[20] = bytes[20]! ^ 1;
    await writeFile(file, bytes);
    const error = await openTeacherStore(file).catch((e: unknown) => e);
    expect(StoreCorruptionError.isInstance(error)).toBe(true);
    expect(String(error)).toContain(file);
  });

  it('merges shards; duplicates and header mismatches are errors and write nothing', async () => {
    const shards = [0, 1, 2].map((i) => path.join(dir, `shard${i}.sptk`));
    for (let i = 0; i < 3; i++) await fill(shards[i]!, [`v${i}_0`, `v${i}_1`], demoHeader({ shard: { index: i, count: 3 } }));
    const out = path.join(dir, 'merged.sptk');
    const summary = await mergeTeacherStores(shards, out);
    expect(summary).toMatchObject({ records: 6, missingShards: [] });
    const merged = await openTeacherStore(out, { readonly: true, expect: demoHeader() });
    expect(merged.header.shard).toBeNull();
    expect([...merged.keys()]).toEqual(['v0_0', 'v0_1', 'v1_0', 'v1_1', 'v2_0', 'v2_1']);
    for (const key of merged.keys()) expect((await merged.get(key)).probs).toEqual(demoProbs(key, 4, 3));
    await merged.close();
    await expect(mergeTeacherStores(shards, out)).rejects.toThrow(/merge output exists/);
    expect((await mergeTeacherStores(shards.slice(0, 2), out, { overwrite: true })).missingShards).toEqual([2]);

    const dup = path.join(dir, 'dup.sptk');
    await fill(dup, ['v0_1'], demoHeader({ shard: { index: 2, count: 3 } }));
    const out2 = path.join(dir, 'merged2.sptk');
    await expect(mergeTeacherStores([shards[0]!, shards[1]!, dup], out2)).rejects.toSatisfy(DuplicateKeyError.isInstance);
    const other = path.join(dir, 'other.sptk');
    await fill(other, ['z_0'], demoHeader({ candidates: 5, shard: { index: 2, count: 3 } }));
    await expect(mergeTeacherStores([shards[0]!, other], out2)).rejects.toMatchObject({ name: 'StoreMismatchError', field: 'candidates' });
    await expect(mergeTeacherStores([shards[0]!, shards[0]!], out2)).rejects.toMatchObject({ field: 'shard' });
    await expect(stat(out2)).rejects.toThrow();
  });
});
