import { describe, expect, it } from 'vitest';
import { hcrnClipBoundaries, uniformClipBoundaries } from './clip-boundaries.js';
import { ConfigError } from './errors.js';
import { expectTypedError } from './test-utils.js';

describe('uniformClipBoundaries', () => {
  it('tiles [0, frameCount) into contiguous clips', () => {
    expect(uniformClipBoundaries(10, 3)).toEqual([[0, 3], [3, 6], [6, 10]]);
    expect(uniformClipBoundaries(4, 4)).toEqual([[0, 1], [1, 2], [2, 3], [3, 4]]);
    expect(uniformClipBoundaries(7, 1)).toEqual([[0, 7]]);
  });
  it('rejects frameCount < numClips and numClips < 1 (ConfigError)', () => {
    expectTypedError(() => uniformClipBoundaries(3, 4), ConfigError, { field: 'frameCount', value: 3 }, 'uniformClipBoundaries: frameCount must be an integer >= 4, got 3');
    expectTypedError(() => uniformClipBoundaries(3, 0), ConfigError, { field: 'numClips', value: 0 }, 'uniformClipBoundaries: numClips must be an integer >= 1, got 0');
  });
});

describe('hcrnClipBoundaries (HCRN extract_clips_with_consecutive_frames)', () => {
  it('centres clips at numpy.linspace(0, T, n + 2, dtype=int32)[1:n+1]', () => {
    // centres 32, 64, 96, 128; +-8 frames
    expect(hcrnClipBoundaries(160, 4, 16)).toEqual([[24, 40], [56, 72], [88, 104], [120, 136]]);
    // numpy: linspace(0, 100, 18, dtype=int32)[1:17] = [5, 11, 17, 23, 29, 35, 41, 47, 52, 58, ...]
    expect(hcrnClipBoundaries(100, 16, 2).slice(0, 10).map(([s]) => s + 1)).toEqual([5, 11, 17, 23, 29, 35, 41, 47, 52, 58]);
  });
  it('clamps the start to 0 and replaces an end past the video by T - 1, as the reference does', () => {
    // centres 4, 8, 12, 16: starts max(0, c - 8) = 0, 0, 4, 8; ends 12, 16, 20, 24 > 20 -> 19
    expect(hcrnClipBoundaries(20, 4, 16)).toEqual([[0, 12], [0, 16], [4, 20], [8, 19]]);
  });
  it('widens an empty range to one frame for one-frame videos', () => {
    expect(hcrnClipBoundaries(1, 2)).toEqual([[0, 1], [0, 1]]);
  });
  it('rejects non-positive sizes (ConfigError)', () => {
    expectTypedError(() => hcrnClipBoundaries(0, 4), ConfigError, { field: 'frameCount' }, 'hcrnClipBoundaries: frameCount must be an integer >= 1, got 0');
    expectTypedError(() => hcrnClipBoundaries(10, 4, 0), ConfigError, { field: 'clipLength' }, 'hcrnClipBoundaries: clipLength must be an integer >= 1, got 0');
    expectTypedError(() => hcrnClipBoundaries(10, 2.5), ConfigError, { field: 'numClips' }, 'hcrnClipBoundaries: numClips must be an integer >= 1, got 2.5');
  });
});
