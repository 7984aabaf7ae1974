// Maps the frames the teacher scored onto the feature clips (paper A.3: a clip takes its first frame's p_k).
import { resolveAlignTeacherFramesConfig } from './align-teacher-frames-options.js';
import type { AlignTeacherFramesOptions } from './align-teacher-frames-options.js';
import type { ClipBoundary } from './clip-boundaries.js';
import { checkClipBoundaries } from './clip-boundaries.js';
import { configError, valueError } from './validate.js';

/**
 * How teacher rows (the frames the teacher scored) map onto feature clips. Plain JSON-serializable data.
 * "Row" r is the r-th entry of `teacherFrameIndices` (row r of the teacher's [T_teacher, C] matrix);
 * "clip" j is the j-th entry of `featureClipBoundaries`.
 */
export interface TeacherFrameAlignment {
  /** The number of teacher rows, T_teacher. */
  readonly teacherFrameCount: number;
  /** The number of feature clips. */
  readonly clipCount: number;
  /** Per clip: the frame number that should represent it (its first frame by default). */
  readonly representativeFrame: readonly number[];
  /** Per clip: the teacher row that represents it, or -1 when it has no teacher knowledge. */
  readonly clipTeacherRow: readonly number[];
  /** Per clip: true when `clipTeacherRow` is not -1. */
  readonly valid: readonly boolean[];
  /** Per clip: true when the representing teacher frame is exactly `representativeFrame`. */
  readonly exact: readonly boolean[];
  /** Per clip: every teacher row whose frame lies inside the clip, in row order (may be empty). */
  readonly teacherRowsInClip: ReadonlyArray<readonly number[]>;
  /** Per teacher row: every clip containing its frame, in clip order (empty if none; several if clips overlap). */
  readonly teacherRowClips: ReadonlyArray<readonly number[]>;
}

function representativeOf(
  fn: string,
  representative: AlignTeacherFramesOptions['representative'],
  [start, end]: ClipBoundary,
  j: number,
): number {
  if (Array.isArray(representative)) {
    const frame = representative[j]!;
    if (frame < start || frame >= end) {
      throw configError(fn, `representative[${j}]`, frame, `a frame inside clip ${j} [${start}, ${end})`);
    }
    return frame;
  }
  if (representative === 'middle') return start + Math.floor((end - start - 1) / 2);
  if (representative === 'last') return end - 1;
  return start;
}

/** Index (into `rows`) of the frame nearest to `target`; earlier frame on ties; -1 if `rows` is empty. */
function nearest(frames: readonly number[], rows: readonly number[], target: number): number {
  let best = -1;
  for (const r of rows) {
    if (best < 0 || Math.abs(frames[r]! - target) < Math.abs(frames[best]! - target)) best = r;
  }
  return best;
}

/**
 * Maps the frames the image-QA teacher scored to the feature clips of a clip-based video model
 * (paper A.3: "we choose the first frame of each clip ... which serve[s] as the knowledge for the
 * corresponding clip"). For frame-based features, pass one single-frame clip per feature, [k, k + 1).
 *
 * `teacherFrameIndices`: the frame numbers (0-based, in the original video) the teacher scored, in
 * strictly increasing order; entry r is row r of the teacher's [T_teacher, C] probabilities.
 * `featureClipBoundaries`: one half-open [start, end) frame range per feature clip, in clip order
 * (0 <= start < end; clips may overlap, as HCRN-style clips of short videos do).
 *
 * Each clip j gets a representative frame r_j (`'first'` = start by default, or `'middle'`, `'last'`,
 * or a per-clip array). Among the teacher frames inside the clip, the one nearest to r_j represents it
 * (the earlier one on ties); extra teacher frames in the same clip are listed in `teacherRowsInClip`
 * but do not represent it (`alignTeacherProbs` can average them instead). A clip with no teacher frame
 * inside is invalid (`missing: 'invalid'`, default) or borrows the teacher frame nearest to r_j anywhere
 * in the video (`missing: 'nearest'`; then `exact` is false). Plain data in, plain data out.
 *
 * Throws `ValueError` for frame numbers that are not integers >= 0 in strictly increasing order, or
 * boundaries that are not integer pairs with 0 <= start < end; `ConfigError` for bad options (including
 * a per-clip array of the wrong length or with a frame outside its clip).
 *
 * @example
 * ```ts
 * // teacher scored frames 0, 8, 16, 20; the model has 3 clips of 8 frames
 * const a = alignTeacherFrames([0, 8, 16, 20], [[0, 8], [8, 16], [16, 24]]);
 * a.clipTeacherRow;    // [0, 1, 2]
 * a.teacherRowsInClip; // [[0], [1], [2, 3]]
 * ```
 */
export function alignTeacherFrames(
  teacherFrameIndices: readonly number[],
  featureClipBoundaries: readonly ClipBoundary[],
  options: AlignTeacherFramesOptions = {},
): TeacherFrameAlignment {
  const fn = 'alignTeacherFrames';
  const { representative, missing } = resolveAlignTeacherFramesConfig(fn, options);
  if (!Array.isArray(teacherFrameIndices)) {
    throw valueError(fn, 'teacherFrameIndices', teacherFrameIndices, 'an array of frame numbers');
  }
  for (const [r, frame] of teacherFrameIndices.entries()) {
    if (typeof frame !== 'number' || !Number.isInteger(frame) || frame < 0) {
      throw valueError(fn, `teacherFrameIndices[${r}]`, frame, 'an integer frame number >= 0');
    }
    if (r > 0 && frame <= teacherFrameIndices[r - 1]!) {
      throw valueError(fn, `teacherFrameIndices[${r}]`, frame, `greater than the previous entry (${teacherFrameIndices[r - 1]}): strictly increasing`);
    }
  }
  checkClipBoundaries(fn, 'featureClipBoundaries', featureClipBoundaries);
  const clipCount = featureClipBoundaries.length;
  if (Array.isArray(representative) && representative.length !== clipCount) {
    throw configError(fn, 'representative', representative, `an array of ${clipCount} frame numbers (one per clip)`);
  }

  const frames = teacherFrameIndices;
  const allRows = frames.map((_, r) => r);
  const teacherRowClips: number[][] = frames.map(() => []);
  const representativeFrame: number[] = [];
  const clipTeacherRow: number[] = [];
  const teacherRowsInClip: number[][] = [];
  for (const [j, clip] of featureClipBoundaries.entries()) {
    const [start, end] = clip;
    const target = representativeOf(fn, representative, clip, j);
    const inside = allRows.filter((r) => frames[r]! >= start && frames[r]! < end);
    for (const r of inside) teacherRowClips[r]!.push(j);
    let row = nearest(frames, inside, target);
    if (row < 0 && missing === 'nearest') row = nearest(frames, allRows, target);
    representativeFrame.push(target);
    clipTeacherRow.push(row);
    teacherRowsInClip.push(inside);
  }
  return {
    teacherFrameCount: frames.length,
    clipCount,
    representativeFrame,
    clipTeacherRow,
    valid: clipTeacherRow.map((r) => r >= 0),
    exact: clipTeacherRow.map((r, j) => r >= 0 && frames[r] === representativeFrame[j]),
    teacherRowsInClip,
    teacherRowClips,
  };
}
