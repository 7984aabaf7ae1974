import * as tf from '@tensorflow/tfjs-core';
import { expectArrayClose } from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import { demoHeader, demoProbs } from '../test-utils.js';
import { createMemoryTeacherStore } from './memory-teacher-store.js';
import { readTeacherBatch } from './read-teacher-batch.js';

describe('readTeacherBatch', () => {
  it('stacks records into [B, T, C]; missing keys are uniform with present = 0', async () => {
    const store = await createMemoryTeacherStore(demoHeader());
    await store.put({ key: 'a', probs: demoProbs('a', 4, 3) });
    await store.put({ key: 'c', probs: demoProbs('c', 4, 3) });
    const { probs, present } = await readTeacherBatch(store, ['c', 'b', 'a']);
    expect(probs.shape).toEqual([3, 4, 3]);
    const data = await probs.data();
    expectArrayClose(data.slice(0, 12), demoProbs('c', 4, 3));
    expectArrayClose(data.slice(12, 24), new Array(12).fill(1 / 3));
    expectArrayClose(data.slice(24), demoProbs('a', 4, 3));
    expect(Array.from(await present.data())).toEqual([1, 0, 1]);
    tf.dispose([probs, present]);
  });
});
