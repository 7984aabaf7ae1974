import { describe, expect, it } from 'vitest';
import { blockChunkSizes } from './block-chunk-sizes.js';

describe('blockChunkSizes', () => {
  // Expected values printed by the reference get_sizes_list (block.bootstrap.pytorch fusions.py).
  const reference: Record<string, number[]> = {
    '1600,20': new Array<number>(20).fill(80),
    '50,4': [13, 13, 13, 11],
    '7,5': [2, 2, 1, 1, 1],
    '10,4': [3, 3, 3, 1],
    '23,5': [5, 5, 5, 5, 3],
    '11,7': [2, 2, 2, 2, 1, 1, 1],
    '13,6': [3, 2, 2, 2, 2, 2],
    '100,30': [...new Array<number>(10).fill(4), ...new Array<number>(20).fill(3)],
    '5,5': [1, 1, 1, 1, 1],
    '9,1': [9],
  };
  it.each(Object.entries(reference))('splits %s as the reference does', (key, expected) => {
    const [dim, chunks] = key.split(',').map(Number) as [number, number];
    expect(blockChunkSizes(dim, chunks)).toEqual(expected);
  });

  it('returns null where the reference would build a zero-size chunk or fail its assertion', () => {
    expect(blockChunkSizes(10, 6)).toBeNull(); // [2, 2, 2, 2, 2, 0]
    expect(blockChunkSizes(3, 5)).toBeNull();
  });
});
