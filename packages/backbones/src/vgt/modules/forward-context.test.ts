import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@sparc-vqa/testing';
import { dropout } from './forward-context.js';

describe('dropout', () => {
  it('is the identity outside training and reproducible from the rng in training', () => {
    const x = tf.ones([200]);
    expect(dropout(x, { training: false, dropoutRate: 0.5 })).toBe(x);
    const a = dropout(x, { training: true, dropoutRate: 0.5, rng: mulberry32(1) }).dataSync();
    const b = dropout(x, { training: true, dropoutRate: 0.5, rng: mulberry32(1) }).dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(new Set(a)).toEqual(new Set([0, 2]));
    expect(() => dropout(x, { training: true, dropoutRate: 0.5 })).toThrow(/rng/);
    x.dispose();
  });
});
