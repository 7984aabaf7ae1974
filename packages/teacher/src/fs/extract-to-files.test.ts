/// <reference types="node" />
// End to end on disk: extraction into file stores, as shards, merged; resume after an interrupted run;
// the built-in teacher saved and loaded as a checkpoint file.
import * as tf from '@tensorflow/tfjs-core';
import { testBackend } from '@sparc-vqa/testing';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractTeacher } from '../extract/extract-teacher.js';
import type { TeacherSample } from '../extract/extract-teacher.js';
import { createTinyAlbef } from '../model/tiny-albef.js';
import type { TeacherRecord } from '../store/teacher-store.js';
import { FIXED_TIME, demoHeader } from '../test-utils.js';
import { createFakeTeacher } from '../testing/fake-teacher.js';
import { TextTokenizer } from '../text/text-tokenizer.js';
import { mergeTeacherStores } from './merge-teacher-stores.js';
import { openTeacherStore } from './open-teacher-store.js';
import { loadTinyAlbefFile, saveTinyAlbefFile } from './teacher-file.js';

const T = 5;
const C = 3;
const header = demoHeader({ framesPerVideo: T, candidates: C });
const samples = (n: number): TeacherSample[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `vid${i}_${i % 4}`,
    question: `what happened ${i % 7}`,
    candidates: ['a', 'b', 'c'],
    frames: { data: new Float32Array(T * 2).fill(i), shape: [T, 2] },
  }));

async function contents(file: string): Promise<Map<string, Float32Array>> {
  const store = await openTeacherStore(file, { readonly: true });
  const out = new Map<string, Float32Array>();
  for await (const r of store.entries() as AsyncIterable<TeacherRecord>) out.set(r.key, r.probs);
  await store.close();
  return out;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'teacher-extract-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.runIf(testBackend() === 'cpu')('extraction to files', () => {
  it('shards 0..3 of 4, merged, equal a single run (same keys, bit-identical probabilities)', async () => {
    const single = path.join(dir, 'single.sptk');
    const store = await openTeacherStore(single, { create: header, createdAt: FIXED_TIME });
    await extractTeacher({ teacher: createFakeTeacher({ seed: 4 }), samples: samples(41), store });
    await store.close();
    const shards: string[] = [];
    for (let i = 0; i < 4; i++) {
      const file = path.join(dir, `shard-${i}-of-4.sptk`);
      const s = await openTeacherStore(file, { create: { ...header, shard: { index: i, count: 4 } } });
      await extractTeacher({ teacher: createFakeTeacher({ seed: 4 }), samples: samples(41), store: s }, { batchFrames: 7 });
      await s.close();
      shards.push(file);
    }
    const merged = path.join(dir, 'merged.sptk');
    expect((await mergeTeacherStores(shards, merged)).records).toBe(41);
    const [a, b] = [await contents(single), await contents(merged)];
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) expect(b.get(k)).toEqual(v);
  });

  it('an interrupted extraction, reopened and resumed, yields the same file as an uninterrupted one', async () => {
    const full = path.join(dir, 'full.sptk');
    let store = await openTeacherStore(full, { create: header, createdAt: FIXED_TIME });
    await extractTeacher({ teacher: createFakeTeacher(), samples: samples(25), store }, { batchFrames: 10 });
    await store.close();

    const resumed = path.join(dir, 'resumed.sptk');
    store = await openTeacherStore(resumed, { create: header, createdAt: FIXED_TIME });
    const signal = { aborted: false };
    await extractTeacher({ teacher: createFakeTeacher(), samples: samples(25), store }, { batchFrames: 10, signal, onProgress: () => (signal.aborted = true) });
    await store.close(); // the process "stops" here
    store = await openTeacherStore(resumed, { create: header });
    const summary = await extractTeacher({ teacher: createFakeTeacher(), samples: samples(25), store }, { batchFrames: 10 });
    await store.close();
    expect(summary.skipped).toBeGreaterThan(0);
    expect(new Uint8Array(await readFile(resumed))).toEqual(new Uint8Array(await readFile(full)));
  });
});

describe('built-in teacher checkpoint file', () => {
  it('saveTinyAlbefFile / loadTinyAlbefFile round-trip', async () => {
    const tokenizer = TextTokenizer.fromCorpus(['what happened', 'a b c']);
    const teacher = createTinyAlbef({ featureSize: 2, hiddenSize: 8, heads: 2, maxTextLength: 8 }, tokenizer);
    const file = path.join(dir, 'teacher.tiny-albef');
    await saveTinyAlbefFile(file, teacher);
    const loaded = await loadTinyAlbefFile(file);
    expect(loaded.id).toBe(teacher.id);
    expect(loaded.config).toEqual(teacher.config);
    const frames = tf.ones([T, 2]) as tf.Tensor2D;
    const [a, b] = [await teacher.scoreFrames({ frames, question: 'what happened', candidates: ['a', 'b'] }), await loaded.scoreFrames({ frames, question: 'what happened', candidates: ['a', 'b'] })];
    expect(await b.data()).toEqual(await a.data());
    tf.dispose([frames, a, b]);
    teacher.dispose();
    loaded.dispose();
  });
});
