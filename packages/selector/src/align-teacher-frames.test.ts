import { describe, expect, it } from 'vitest';
import { alignTeacherFrames } from './align-teacher-frames.js';
import type { AlignTeacherFramesOptions } from './align-teacher-frames-options.js';
import {
  ALIGN_TEACHER_FRAMES_DEFAULTS,
  resolveAlignTeacherFramesOptions,
} from './align-teacher-frames-options.js';
import type { ClipBoundary } from './clip-boundaries.js';
import { ConfigError, ValueError } from './errors.js';
import { expectTypedError } from './test-utils.js';

describe('alignTeacherFrames (paper A.3: a clip takes its first frame)', () => {
  it('maps one teacher frame per clip start, and lists extra frames inside a clip', () => {
    expect(alignTeacherFrames([0, 8, 16, 20], [[0, 8], [8, 16], [16, 24]])).toEqual({
      teacherFrameCount: 4,
      clipCount: 3,
      representativeFrame: [0, 8, 16],
      clipTeacherRow: [0, 1, 2],
      valid: [true, true, true],
      exact: [true, true, true],
      teacherRowsInClip: [[0], [1], [2, 3]],
      teacherRowClips: [[0], [1], [2], [2]],
    });
  });

  it('takes the teacher frame nearest to the clip start when the start itself was not scored', () => {
    // clip [0, 8): frames 2 and 5 inside, nearest to 0 is 2 (row 0); clip [8, 16): frame 9 (row 2)
    const a = alignTeacherFrames([2, 5, 9], [[0, 8], [8, 16]]);
    expect(a.clipTeacherRow).toEqual([0, 2]);
    expect(a.exact).toEqual([false, false]);
    expect(a.valid).toEqual([true, true]);
  });

  it("supports 'middle' and 'last' representatives, breaking distance ties toward the earlier frame", () => {
    // clip [0, 8): middle = 0 + floor(7 / 2) = 3; frames 2 and 4 are both 1 away -> frame 2 (row 0)
    const middle = alignTeacherFrames([2, 4], [[0, 8]], { representative: 'middle' });
    expect(middle.representativeFrame).toEqual([3]);
    expect(middle.clipTeacherRow).toEqual([0]);
    // last = 7 -> frame 4 (row 1)
    const last = alignTeacherFrames([2, 4], [[0, 8]], { representative: 'last' });
    expect(last.representativeFrame).toEqual([7]);
    expect(last.clipTeacherRow).toEqual([1]);
    // clip [8, 16): middle = 8 + floor(7 / 2) = 11
    expect(alignTeacherFrames([11], [[8, 16]], { representative: 'middle' }).exact).toEqual([true]);
  });

  it('supports a per-clip representative frame', () => {
    const a = alignTeacherFrames([2, 5, 9, 12], [[0, 8], [8, 16]], { representative: [5, 12] });
    expect(a.representativeFrame).toEqual([5, 12]);
    expect(a.clipTeacherRow).toEqual([1, 3]);
    expect(a.exact).toEqual([true, true]);
  });

  it("marks a clip without teacher frames invalid by default, or borrows the nearest frame ('nearest')", () => {
    const clips: ClipBoundary[] = [[0, 8], [8, 16], [16, 24]];
    const invalid = alignTeacherFrames([0, 20], clips);
    expect(invalid.clipTeacherRow).toEqual([0, -1, 1]);
    expect(invalid.valid).toEqual([true, false, true]);
    expect(invalid.exact).toEqual([true, false, false]);
    expect(invalid.teacherRowsInClip).toEqual([[0], [], [1]]);
    // clip 1 starts at 8: frame 0 is 8 away, frame 20 is 12 away -> row 0
    const nearest = alignTeacherFrames([0, 20], clips, { missing: 'nearest' });
    expect(nearest.clipTeacherRow).toEqual([0, 0, 1]);
    expect(nearest.valid).toEqual([true, true, true]);
    expect(nearest.exact).toEqual([true, false, false]);
    expect(nearest.teacherRowsInClip).toEqual([[0], [], [1]]);
    expect(nearest.teacherRowClips).toEqual([[0], [2]]);
    // equal distance (4 and 4 from frame 8) -> the earlier frame
    expect(alignTeacherFrames([4, 12], [[8, 9]], { missing: 'nearest' }).clipTeacherRow).toEqual([0]);
  });

  it('handles teacher frames outside every clip, overlapping clips, frame-based features and no teacher frames', () => {
    expect(alignTeacherFrames([0, 30], [[0, 8]]).teacherRowClips).toEqual([[0], []]);
    const overlap = alignTeacherFrames([0, 5, 7], [[0, 10], [5, 15]]);
    expect(overlap.clipTeacherRow).toEqual([0, 1]);
    expect(overlap.teacherRowsInClip).toEqual([[0, 1, 2], [1, 2]]);
    expect(overlap.teacherRowClips).toEqual([[0], [0, 1], [0, 1]]);
    const identity = alignTeacherFrames([0, 1, 2], [[0, 1], [1, 2], [2, 3]]);
    expect(identity.clipTeacherRow).toEqual([0, 1, 2]);
    expect(identity.exact).toEqual([true, true, true]);
    const none = alignTeacherFrames([], [[0, 4], [4, 8]], { missing: 'nearest' });
    expect(none.clipTeacherRow).toEqual([-1, -1]);
    expect(none.valid).toEqual([false, false]);
    expect(alignTeacherFrames([3], []).clipCount).toBe(0);
  });

  it('rejects malformed frame numbers and boundaries (ValueError)', () => {
    expectTypedError(
      () => alignTeacherFrames([0, 8, 8], [[0, 8]]),
      ValueError,
      { field: 'teacherFrameIndices[2]', value: 8 },
      'alignTeacherFrames: teacherFrameIndices[2] must be greater than the previous entry (8): strictly increasing, got 8',
    );
    expectTypedError(() => alignTeacherFrames([-1], [[0, 8]]), ValueError, { field: 'teacherFrameIndices[0]', value: -1 }, 'alignTeacherFrames: teacherFrameIndices[0] must be an integer frame number >= 0, got -1');
    expectTypedError(() => alignTeacherFrames([0.5], [[0, 8]]), ValueError, { field: 'teacherFrameIndices[0]', value: 0.5 }, /integer frame number/);
    expectTypedError(() => alignTeacherFrames('0,8' as never, [[0, 8]]), ValueError, { field: 'teacherFrameIndices' }, "alignTeacherFrames: teacherFrameIndices must be an array of frame numbers, got '0,8'");
    for (const clip of [[3, 3], [-1, 2], [1.5, 3], [0, 2, 4], 7]) {
      expectTypedError(
        () => alignTeacherFrames([0], [[0, 1], clip] as never),
        ValueError,
        { field: 'featureClipBoundaries[1]', value: clip, constraint: 'a [start, end) pair of integers with 0 <= start < end' },
        /^alignTeacherFrames: featureClipBoundaries\[1\] must be a \[start, end\) pair of integers with 0 <= start < end, got /,
      );
    }
    expectTypedError(() => alignTeacherFrames([0], null as never), ValueError, { field: 'featureClipBoundaries' }, /must be an array of \[start, end\) frame ranges/);
  });

  it('rejects bad options (ConfigError)', () => {
    const run = (options: unknown) => () => alignTeacherFrames([0, 8], [[0, 8], [8, 16]], options as AlignTeacherFramesOptions);
    expectTypedError(run({ representative: [0] }), ConfigError, { field: 'representative', value: [0] }, 'alignTeacherFrames: representative must be an array of 2 frame numbers (one per clip), got [0]');
    expectTypedError(run({ representative: [0, 20] }), ConfigError, { field: 'representative[1]', value: 20 }, 'alignTeacherFrames: representative[1] must be a frame inside clip 1 [8, 16), got 20');
    expectTypedError(run({ representative: [0, -3] }), ConfigError, { field: 'representative[1]', value: -3 }, 'alignTeacherFrames: representative[1] must be an integer frame number >= 0, got -3');
    expectTypedError(run({ representative: 'center' }), ConfigError, { field: 'representative' }, "alignTeacherFrames: representative must be one of 'first', 'middle', 'last', got 'center'");
    expectTypedError(run({ missing: 'drop' }), ConfigError, { field: 'missing' }, "alignTeacherFrames: missing must be one of 'invalid', 'nearest', got 'drop'");
    expectTypedError(run({ aggregate: 'mean' }), ConfigError, { field: 'aggregate' }, /^alignTeacherFrames: aggregate must be absent/);
  });
});

describe('resolveAlignTeacherFramesOptions', () => {
  it('has frozen defaults and returns new frozen objects (copying a per-clip array)', () => {
    expect(ALIGN_TEACHER_FRAMES_DEFAULTS).toEqual({ representative: 'first', missing: 'invalid' });
    expect(Object.isFrozen(ALIGN_TEACHER_FRAMES_DEFAULTS)).toBe(true);
    const frames = [0, 9];
    const options = { representative: frames };
    const resolved = resolveAlignTeacherFramesOptions(options);
    expect(resolved).toEqual({ representative: [0, 9], missing: 'invalid' });
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(Object.isFrozen(resolved.representative)).toBe(true);
    expect(resolved.representative).not.toBe(frames);
    expect(options).toEqual({ representative: [0, 9] });
    expect(Object.isFrozen(frames)).toBe(false);
    expectTypedError(() => resolveAlignTeacherFramesOptions({ missing: 'x' as never }), ConfigError, { field: 'missing' }, "resolveAlignTeacherFramesOptions: missing must be one of 'invalid', 'nearest', got 'x'");
  });
});
