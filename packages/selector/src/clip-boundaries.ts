// Feature-clip frame ranges: the type used by alignTeacherFrames and two ways to build it (paper A.3).
import { checkInteger, valueError } from './validate.js';

/** A feature clip as a half-open range of frame numbers [start, end), 0 <= start < end. */
export type ClipBoundary = readonly [start: number, end: number];

/** @internal Validates an array of [start, end) integer pairs with 0 <= start < end. */
export function checkClipBoundaries(fn: string, field: string, boundaries: unknown): asserts boundaries is readonly ClipBoundary[] {
  if (!Array.isArray(boundaries)) throw valueError(fn, field, boundaries, 'an array of [start, end) frame ranges');
  for (const [j, clip] of boundaries.entries()) {
    const ok =
      Array.isArray(clip) &&
      clip.length === 2 &&
      Number.isInteger(clip[0]) &&
      Number.isInteger(clip[1]) &&
      (clip[0] as number) >= 0 &&
      (clip[0] as number) < (clip[1] as number);
    if (!ok) throw valueError(fn, `${field}[${j}]`, clip, 'a [start, end) pair of integers with 0 <= start < end');
  }
}

/**
 * Splits frames [0, frameCount) into `numClips` contiguous, non-overlapping clips of (nearly) equal
 * length: clip j is [floor(j * frameCount / numClips), floor((j + 1) * frameCount / numClips)).
 *
 * Throws `ConfigError` unless `numClips` is an integer >= 1 and `frameCount` an integer >= numClips.
 *
 * @example
 * ```ts
 * uniformClipBoundaries(10, 3); // [[0, 3], [3, 6], [6, 10]]
 * ```
 */
export function uniformClipBoundaries(frameCount: number, numClips: number): ClipBoundary[] {
  const fn = 'uniformClipBoundaries';
  checkInteger(fn, 'numClips', numClips, 1);
  checkInteger(fn, 'frameCount', frameCount, numClips);
  const out: ClipBoundary[] = [];
  for (let j = 0; j < numClips; j++) {
    out.push([Math.floor((j * frameCount) / numClips), Math.floor(((j + 1) * frameCount) / numClips)]);
  }
  return out;
}

/**
 * The clip ranges of the HCRN-style feature extraction used for NExT-QA's HGA features
 * (`extract_clips_with_consecutive_frames` in the HCRN / doc-doc preprocessing code): clip centres at
 * `numpy.linspace(0, frameCount, numClips + 2, dtype=int32)[1 : numClips + 1]`, each clip
 * [centre - floor(clipLength / 2), centre + floor(clipLength / 2)), with start clamped to 0 and, as in
 * the reference, an end past the video replaced by frameCount - 1. (The reference pads short clips by
 * repeating an edge frame; the range returned here is the frames it actually reads. Where that range
 * would be empty, which happens only for videos of one or two frames, it is widened to one frame.)
 * Clips of short videos overlap.
 *
 * Throws `ConfigError` unless `frameCount` >= 1, `numClips` >= 1 and `clipLength` >= 1 are integers.
 *
 * @example
 * ```ts
 * hcrnClipBoundaries(160, 4, 16); // [[24, 40], [56, 72], [88, 104], [120, 136]]
 * ```
 */
export function hcrnClipBoundaries(frameCount: number, numClips: number, clipLength = 16): ClipBoundary[] {
  const fn = 'hcrnClipBoundaries';
  checkInteger(fn, 'frameCount', frameCount, 1);
  checkInteger(fn, 'numClips', numClips, 1);
  checkInteger(fn, 'clipLength', clipLength, 1);
  const step = frameCount / (numClips + 1); // numpy.linspace: arange(num) * step, truncated to int32
  const half = Math.floor(clipLength / 2);
  const out: ClipBoundary[] = [];
  for (let i = 1; i <= numClips; i++) {
    const centre = Math.trunc(i * step);
    const start = Math.max(0, centre - half);
    let end = centre + half;
    if (end > frameCount) end = frameCount - 1;
    out.push([start, Math.max(end, start + 1)]);
  }
  return out;
}
