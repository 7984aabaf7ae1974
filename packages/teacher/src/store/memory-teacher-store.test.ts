import { testBackend } from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import {
  CacheMissError,
  DuplicateKeyError,
  InvalidValueError,
  ShapeError,
  StoreCorruptionError,
  StoreMismatchError,
  StoreStateError,
} from '../errors.js';
import { FIXED_TIME, demoHeader, demoProbs } from '../test-utils.js';
import { createMemoryTeacherStore, openMemoryTeacherStore } from './memory-teacher-store.js';

describe.runIf(testBackend() === 'cpu')('memory teacher store', () => {
  it('put / has / get / keys / entries / stats', async () => {
    const store = await createMemoryTeacherStore(demoHeader(), { createdAt: FIXED_TIME });
    expect(store.size).toBe(0);
    for (const key of ['v1_0', 'v2_0', 'v1_1']) await store.put({ key, probs: demoProbs(key, 4, 3) });
    expect(store.has('v2_0')).toBe(true);
    expect(store.has('v9_0')).toBe(false);
    const record = await store.get('v1_1');
    expect(record).toMatchObject({ key: 'v1_1', frames: 4, candidates: 3, frameIndices: null });
    expect(record.probs).toEqual(demoProbs('v1_1', 4, 3));
    expect([...store.keys()]).toEqual(['v1_0', 'v2_0', 'v1_1']);
    const keys: string[] = [];
    for await (const r of store.entries()) keys.push(r.key);
    expect(keys).toEqual(['v1_0', 'v2_0', 'v1_1']);
    expect(store.stats()).toMatchObject({ records: 3, superseded: 0, frames: 12, damagedRegions: 0 });
    expect(store.stats().bytes).toBe(store.toBytes().length);
    await expect(store.get('nope')).rejects.toSatisfy(CacheMissError.isInstance);
    expect(await store.find('nope')).toBeUndefined();
  });

  it('accepts nested rows and per-record frame indices', async () => {
    const store = await createMemoryTeacherStore(demoHeader({ framesPerVideo: 2, candidates: 2 }));
    await store.put({ key: 'a', probs: [[0.25, 0.75], [1, 0]], frameIndices: [3, 9] });
    const r = await store.get('a');
    expect(Array.from(r.probs)).toEqual([0.25, 0.75, 1, 0]);
    expect(Array.from(r.frameIndices!)).toEqual([3, 9]);
  });

  it('rejects a duplicate key unless overwrite; an overwrite supersedes and survives reopening', async () => {
    const store = await createMemoryTeacherStore(demoHeader());
    await store.put({ key: 'k', probs: demoProbs('k', 4, 3) });
    await expect(store.put({ key: 'k', probs: demoProbs('k', 4, 3) })).rejects.toSatisfy(DuplicateKeyError.isInstance);
    await store.put({ key: 'x', probs: demoProbs('x', 4, 3) });
    await store.put({ key: 'k', probs: demoProbs('other', 4, 3) }, { overwrite: true });
    expect((await store.get('k')).probs).toEqual(demoProbs('other', 4, 3));
    expect([...store.keys()]).toEqual(['x', 'k']);
    expect(store.stats()).toMatchObject({ records: 2, superseded: 1 });
    const reopened = await openMemoryTeacherStore(store.toBytes());
    expect((await reopened.get('k')).probs).toEqual(demoProbs('other', 4, 3));
    expect([...reopened.keys()]).toEqual(['x', 'k']);
    expect(reopened.stats()).toMatchObject({ records: 2, superseded: 1 });
  });

  it('concurrent puts of the same key: the second is a DuplicateKeyError', async () => {
    const store = await createMemoryTeacherStore(demoHeader());
    const results = await Promise.allSettled([store.put({ key: 'k', probs: demoProbs('k', 4, 3) }), store.put({ key: 'k', probs: demoProbs('k', 4, 3) })]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });

  it('validates records before writing anything', async () => {
    const store = await createMemoryTeacherStore(demoHeader());
    const before = store.toBytes().length;
    await expect(store.put({ key: 'k', probs: new Float32Array(11) })).rejects.toSatisfy(ShapeError.isInstance);
    const nan = demoProbs('k', 4, 3);
    nan[5] = Number.NaN;
    await expect(store.put({ key: 'k', probs: nan })).rejects.toSatisfy(InvalidValueError.isInstance);
    const notDist = demoProbs('k', 4, 3);
    notDist[0] = notDist[0]! + 0.1;
    await expect(store.put({ key: 'k', probs: notDist })).rejects.toThrow(/row 0 sums to/);
    await expect(store.put({ key: '', probs: demoProbs('k', 4, 3) })).rejects.toSatisfy(InvalidValueError.isInstance);
    await expect(store.put({ key: 'k', probs: demoProbs('k', 4, 3), frameIndices: [1, 2] })).rejects.toSatisfy(ShapeError.isInstance);
    expect(store.toBytes().length).toBe(before);
    expect(store.size).toBe(0);
  });

  it('checks the header on open: a typed error naming the field', async () => {
    const bytes = (await createMemoryTeacherStore(demoHeader())).toBytes();
    const error = await openMemoryTeacherStore(bytes, { expect: demoHeader({ candidates: 5 }) }).catch((e: unknown) => e);
    expect(StoreMismatchError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'candidates', expected: 5, actual: 3 });
    await expect(openMemoryTeacherStore(bytes, { expect: demoHeader({ teacherId: 'albef' }) })).rejects.toThrow(/'teacherId' is "demo-teacher", expected "albef"/);
    await expect(openMemoryTeacherStore(bytes, { expect: demoHeader({ dataset: 'nextqa' }) })).rejects.toSatisfy(StoreMismatchError.isInstance);
    await expect(openMemoryTeacherStore(bytes, { expect: demoHeader({ shard: { index: 0, count: 2 } }) })).rejects.toThrow(/'shard'/);
    await expect(openMemoryTeacherStore(bytes, { expect: demoHeader() })).resolves.toBeDefined();
  });

  it('read-only stores refuse writes; closed stores refuse everything', async () => {
    const bytes = (await createMemoryTeacherStore(demoHeader())).toBytes();
    const ro = await openMemoryTeacherStore(bytes, { readonly: true });
    await expect(ro.put({ key: 'k', probs: demoProbs('k', 4, 3) })).rejects.toSatisfy(StoreStateError.isInstance);
    const rw = await openMemoryTeacherStore(bytes);
    await rw.close();
    await rw.close();
    await expect(rw.put({ key: 'k', probs: demoProbs('k', 4, 3) })).rejects.toThrow(/closed/);
    await expect(rw.get('k')).rejects.toSatisfy(StoreStateError.isInstance);
  });

  it('byte images are reproducible', async () => {
    const make = async () => {
      const s = await createMemoryTeacherStore(demoHeader(), { createdAt: FIXED_TIME });
      await s.put({ key: 'a', probs: demoProbs('a', 4, 3) });
      return s.toBytes();
    };
    expect(await make()).toEqual(await make());
  });

  it('a damaged header is a StoreCorruptionError at offset 0..header end', async () => {
    await expect(openMemoryTeacherStore(new Uint8Array(0))).rejects.toSatisfy(StoreCorruptionError.isInstance);
    await expect(openMemoryTeacherStore(new Uint8Array(100))).rejects.toThrow(/header frame: bad frame marker/);
  });
});
