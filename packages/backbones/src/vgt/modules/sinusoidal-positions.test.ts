import { describe, expect, it } from 'vitest';
import { expectArrayClose } from '@sparc-vqa/testing';
import { sinusoidalPositions } from './sinusoidal-positions.js';

describe('sinusoidalPositions', () => {
  it('puts sin on even and cos on odd columns with paired frequencies', () => {
    const t = sinusoidalPositions(3, 4);
    expect(t.length).toBe(12);
    expectArrayClose(t.subarray(0, 4), [0, 1, 0, 1]);
    expectArrayClose(t.subarray(8, 12), [Math.sin(2), Math.cos(2), Math.sin(2 / 100), Math.cos(2 / 100)]);
  });
});
