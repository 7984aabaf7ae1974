import * as tf from '@tensorflow/tfjs-core';
import { countNewTensors, expectArrayClose, testBackend } from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import { DuplicateKeyError, InvalidValueError, ShapeError, StoreMismatchError } from '../errors.js';
import type { ImageQATeacher } from '../image-qa-teacher.js';
import { createTinyAlbef } from '../model/tiny-albef.js';
import { createMemoryTeacherStore } from '../store/memory-teacher-store.js';
import { FIXED_TIME, demoHeader } from '../test-utils.js';
import { createFakeTeacher, fakeTeacherProbs } from '../testing/fake-teacher.js';
import { TextTokenizer } from '../text/text-tokenizer.js';
import { extractTeacher } from './extract-teacher.js';
import type { ExtractionProgress, TeacherSample } from './extract-teacher.js';

const T = 4;
const C = 3;
const D = 8;
const header = demoHeader({ framesPerVideo: T, candidates: C });

function samples(n: number, loads?: string[]): TeacherSample[] {
  return Array.from({ length: n }, (_, i) => {
    const key = `video${i}_q${i % 3}`;
    const data = Float32Array.from({ length: T * D }, (_, j) => Math.sin(i * 31 + j));
    return {
      key,
      question: `why did person ${i % 5} do it?`,
      candidates: ['to run', 'to eat', 'to read'],
      frames: loads ? () => (loads.push(key), { data, shape: [T, D] }) : { data, shape: [T, D] },
    };
  });
}

async function* streamed(items: TeacherSample[]): AsyncIterable<TeacherSample> {
  for (const item of items) yield item;
}

const newStore = () => createMemoryTeacherStore(header, { createdAt: FIXED_TIME });

describe.runIf(testBackend() === 'cpu')('extractTeacher (fake teacher)', () => {
  it('writes every sample, batching frames across samples, in input order', async () => {
    const teacher = createFakeTeacher({ seed: 5 });
    const store = await newStore();
    const summary = await extractTeacher({ teacher, samples: samples(10), store }, { batchFrames: 12 });
    expect(summary).toMatchObject({ done: 10, total: 10, written: 10, skipped: 0, frames: 40, aborted: false });
    expect(teacher.calls.batches).toBe(4); // 3 samples (12 frames) per batch
    expect([...store.keys()]).toEqual(samples(10).map((s) => s.key));
    const s3 = samples(10)[3]!;
    const expected = fakeTeacherProbs({ key: s3.key, question: s3.question, candidates: s3.candidates, frames: T, frameIndices: [0, 1, 2, 3] }, { seed: 5 });
    expect((await store.get(s3.key)).probs).toEqual(expected);
  });

  it('resuming an aborted run gives the same store bytes as an uninterrupted run, scoring nothing twice', async () => {
    const full = await newStore();
    await extractTeacher({ teacher: createFakeTeacher({ seed: 2 }), samples: samples(30), store: full }, { batchFrames: 8 });

    const store = await newStore();
    const signal = { aborted: false };
    const first = await extractTeacher(
      { teacher: createFakeTeacher({ seed: 2 }), samples: streamed(samples(30)), store },
      { batchFrames: 8, signal, onProgress: (p) => (signal.aborted = p.written >= 6) },
    );
    expect(first.aborted).toBe(true);
    expect(store.size).toBeLessThan(30);
    const loads: string[] = [];
    const teacher = createFakeTeacher({ seed: 2 });
    const second = await extractTeacher({ teacher, samples: samples(30, loads), store }, { batchFrames: 8 });
    expect(second.skipped).toBe(first.written);
    expect(teacher.calls.queries).toBe(30 - first.written);
    expect(loads).toHaveLength(30 - first.written); // frames of stored samples are never loaded
    expect(store.toBytes()).toEqual(full.toBytes());
  });

  it('a teacher failing mid-run keeps what was written; re-running completes identically', async () => {
    const full = await newStore();
    await extractTeacher({ teacher: createFakeTeacher(), samples: samples(20), store: full }, { batchFrames: 8 });
    const fake = createFakeTeacher();
    let calls = 0;
    const flaky: ImageQATeacher = {
      id: fake.id,
      scoreFrames: (q) => fake.scoreFrames(q),
      scoreBatch: async (qs) => {
        if (++calls === 3) throw new Error('GPU fell off the bus');
        return fake.scoreBatch(qs);
      },
    };
    const store = await newStore();
    const before = tf.memory().numTensors;
    await expect(extractTeacher({ teacher: flaky, samples: samples(20), store }, { batchFrames: 8 })).rejects.toThrow(/bus/);
    expect(tf.memory().numTensors).toBe(before);
    expect(store.size).toBe(4);
    await extractTeacher({ teacher: fake, samples: samples(20), store }, { batchFrames: 8 });
    expect(store.toBytes()).toEqual(full.toBytes());
  });

  it('reports progress: done/total, rates and ETA from an injected clock', async () => {
    let clock = 0;
    const reports: ExtractionProgress[] = [];
    await extractTeacher(
      { teacher: createFakeTeacher(), samples: samples(8), store: await newStore() },
      { batchFrames: 8, now: () => (clock += 250), onProgress: (p) => reports.push(p) },
    );
    expect(reports.map((r) => r.done)).toEqual([2, 4, 6, 8, 8]);
    expect(reports[0]).toMatchObject({ total: 8, written: 2, frames: 8 });
    expect(reports[0]!.etaMs).toBeCloseTo(3 * reports[0]!.elapsedMs, 6);
    expect(reports[0]!.framesPerSecond).toBeCloseTo(8 / (reports[0]!.elapsedMs / 1000), 6);
    expect(reports.at(-1)!.etaMs).toBe(0);
  });

  it('shards partition the keys (by key hash); shard mismatch with the store header is an error', async () => {
    const keys = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const store = await createMemoryTeacherStore({ ...header, shard: { index: i, count: 3 } });
      const summary = await extractTeacher({ teacher: createFakeTeacher(), samples: samples(30), store });
      expect(summary.written + summary.otherShard).toBe(30);
      for (const k of store.keys()) {
        expect(keys.has(k)).toBe(false);
        keys.add(k);
      }
      await expect(extractTeacher({ teacher: createFakeTeacher(), samples: samples(3), store }, { shard: { index: (i + 1) % 3, count: 3 } })).rejects.toSatisfy(StoreMismatchError.isInstance);
    }
    expect(keys.size).toBe(30);
  });

  it('bad input: typed errors, records already written are kept, no tensors leak', async () => {
    const store = await newStore();
    const good = samples(3);
    const before = tf.memory().numTensors;
    await expect(extractTeacher({ teacher: createFakeTeacher(), samples: [...good, { ...good[0]!, frames: tf.zeros([T, D]) as tf.Tensor2D }], store }, { batchFrames: 4 })).rejects.toSatisfy(DuplicateKeyError.isInstance);
    expect(store.size).toBe(3);
    await expect(extractTeacher({ teacher: createFakeTeacher(), samples: [{ ...samples(5)[4]!, candidates: ['a', 'b'] }], store })).rejects.toThrow(/3 candidates \(store header\)/);
    await expect(extractTeacher({ teacher: createFakeTeacher(), samples: [{ ...samples(5)[4]!, frames: { data: new Float32Array(2 * D), shape: [2, D] } }], store })).rejects.toSatisfy(ShapeError.isInstance);
    const nanTeacher: ImageQATeacher = { id: 'nan', scoreFrames: async () => tf.fill([T, C], Number.NaN) as tf.Tensor2D, scoreBatch: async (qs) => qs.map(() => tf.fill([T, C], Number.NaN) as tf.Tensor2D) };
    await expect(extractTeacher({ teacher: nanTeacher, samples: samples(5), store })).rejects.toSatisfy(InvalidValueError.isInstance);
    expect(store.size).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('extractTeacher (built-in teacher)', () => {
  it('stores what scoreFrames returns (batching does not change results beyond float rounding); no leaks', async () => {
    const items = samples(6);
    const tokenizer = TextTokenizer.fromCorpus(items.flatMap((s) => [s.question, ...s.candidates]));
    const teacher = createTinyAlbef({ featureSize: D, hiddenSize: 16, heads: 2, maxTextLength: 12 }, tokenizer);
    const store = await createMemoryTeacherStore({ ...header, teacherId: teacher.id });
    expect(await countNewTensors(() => extractTeacher({ teacher, samples: items, store }, { batchFrames: 16 }))).toBe(0);
    for (const s of items) {
      const arr = s.frames as { data: Float32Array; shape: number[] };
      const frames = tf.tensor2d(arr.data, [T, D]);
      const direct = await teacher.scoreFrames({ frames, question: s.question, candidates: s.candidates });
      expectArrayClose((await store.get(s.key)).probs, await direct.data(), { rtol: 1e-5, atol: 1e-6 });
      tf.dispose([frames, direct]);
    }
    teacher.dispose();
  });
});
