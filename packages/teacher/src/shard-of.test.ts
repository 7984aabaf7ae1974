import { testBackend } from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { parseShard, shardOf } from './shard-of.js';
import { resolveStoreHeader } from './store/store-header.js';

describe.runIf(testBackend() === 'cpu')('sharding and headers', () => {
  it('shardOf is deterministic, in range and roughly balanced', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf(`video${i}_q${i % 5}`, 4)]!++;
    expect(counts.every((n) => n > 850 && n < 1150)).toBe(true);
    expect(shardOf('video1_q0', 4)).toBe(shardOf('video1_q0', 4));
    expect(shardOf('anything', 1)).toBe(0);
  });
  it('parseShard reads "i/n" and rejects the rest', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 0 / 1 ')).toEqual({ index: 0, count: 1 });
    for (const bad of ['4/4', '1', 'a/b', '-1/2', '0/0']) expect(() => parseShard(bad), bad).toThrow(ConfigError);
  });
  it('resolveStoreHeader fills defaults, freezes, validates, never mutates', () => {
    const init = { teacherId: 't', dataset: 'd', split: 's', candidates: 5, framesPerVideo: 3 };
    const h = resolveStoreHeader(init, 'now');
    expect(h).toMatchObject({ formatVersion: 1, frameIndices: [0, 1, 2], shard: null, createdAt: 'now', meta: {} });
    expect(Object.isFrozen(h)).toBe(true);
    expect(init).toEqual({ teacherId: 't', dataset: 'd', split: 's', candidates: 5, framesPerVideo: 3 });
    expect(() => resolveStoreHeader({ ...init, frameIndices: [0, 1] }, 'now')).toThrow(/frameIndices must be 3/);
    expect(() => resolveStoreHeader({ ...init, candidates: 0 }, 'now')).toThrow(ConfigError);
    expect(() => resolveStoreHeader({ ...init, teacherId: '' }, 'now')).toThrow(/teacherId/);
  });
});
