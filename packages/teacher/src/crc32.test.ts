import { testBackend } from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';
import { fnv1a32, utf8Bytes } from './hash.js';

describe.runIf(testBackend() === 'cpu')('crc32 and hashing', () => {
  it('matches the standard check values', () => {
    expect(crc32(utf8Bytes('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(utf8Bytes('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });
  it('can be computed in pieces', () => {
    const b = utf8Bytes('hello, teacher store');
    expect(crc32(b, 7, b.length, crc32(b, 0, 7))).toBe(crc32(b));
  });
  it('utf8Bytes and fnv1a32 agree with the standard values', () => {
    expect(Array.from(utf8Bytes('é€😀'))).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});
