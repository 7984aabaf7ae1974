// Teacher probabilities on the feature-clip grid (paper A.3: each clip takes its first frame's p_k).
import * as tf from '@tensorflow/tfjs-core';
import type { TeacherFrameAlignment } from './align-teacher-frames.js';
import {
  checkBoolean,
  checkFloat32,
  checkIsTensor,
  checkKnownKeys,
  checkOneOf,
  checkOptionsObject,
  checkProbabilityValues,
  shapeError,
  valueError,
} from './validate.js';

/** How a clip's probabilities are formed from its teacher frames. */
export type ClipAggregate = 'representative' | 'mean';

/** Inputs of `alignTeacherProbs`. */
export interface AlignTeacherProbsInputs {
  /** [T_teacher, C] float32: the teacher's probabilities for one video, one row per scored frame. */
  readonly teacherProbs: tf.Tensor2D;
  /** The result of `alignTeacherFrames` for the same video. */
  readonly alignment: TeacherFrameAlignment;
}

/** Options of `alignTeacherProbs`. */
export interface AlignTeacherProbsOptions {
  /**
   * `'representative'` (default, paper A.3): the clip takes the row of its representing teacher frame;
   * `'mean'`: the mean of the rows of every teacher frame inside the clip (a borrowed `'nearest'` row
   * when none is inside).
   */
  readonly aggregate?: ClipAggregate;
  /** Check that the probabilities are in [0, 1] (no NaN); costs a device sync (default true). */
  readonly checkValues?: boolean;
}

/** The teacher's knowledge on the clip grid. The caller owns (and disposes) both tensors. */
export interface ClipTeacherProbs {
  /** [clips, C] float32: p for each clip; zero rows for clips without teacher knowledge. */
  readonly probs: tf.Tensor2D;
  /** [clips] float32 0/1: 1 = the clip has teacher knowledge (`alignment.valid`). */
  readonly validMask: tf.Tensor1D;
}

/**
 * Re-indexes one video's teacher probabilities [T_teacher, C] onto its feature-clip grid [clips, C],
 * following an `alignTeacherFrames` result, and returns the matching validity mask [clips]. Stack the
 * results of a batch (`tf.stack`) to get `selectCausalFrames` inputs; AND the validity mask with the
 * feature padding mask. The rows are copied exactly in `'representative'` mode.
 *
 * Throws `ShapeError` when `teacherProbs` is not [alignment.teacherFrameCount, C], `ValueError` for a
 * non-float32 tensor, out-of-range values or a malformed alignment, and `ConfigError` for bad options.
 * Creates no tensors when it throws.
 *
 * @example
 * ```ts
 * const alignment = alignTeacherFrames([0, 8, 20], [[0, 8], [8, 16], [16, 24], [24, 32]]);
 * const { probs, validMask } = alignTeacherProbs({ teacherProbs: tf.tensor2d([[0.9, 0.1], [0.2, 0.8], [0.5, 0.5]]), alignment });
 * probs.print();     // [[0.9, 0.1], [0.2, 0.8], [0.5, 0.5], [0, 0]]
 * validMask.print(); // [1, 1, 1, 0]
 * ```
 */
export function alignTeacherProbs(inputs: AlignTeacherProbsInputs, options: AlignTeacherProbsOptions = {}): ClipTeacherProbs {
  const fn = 'alignTeacherProbs';
  checkOptionsObject(fn, options);
  checkKnownKeys(fn, options, ['aggregate', 'checkValues']);
  const aggregate = options.aggregate ?? 'representative';
  const checkValues = options.checkValues ?? true;
  checkOneOf(fn, 'aggregate', aggregate, ['representative', 'mean'] as const);
  checkBoolean(fn, 'checkValues', checkValues);
  if (typeof inputs !== 'object' || inputs === null) throw valueError(fn, 'inputs', inputs, 'an object { teacherProbs, alignment }');
  const { teacherProbs, alignment } = inputs;
  const weights = clipWeights(fn, alignment, aggregate);
  checkIsTensor(fn, 'teacherProbs', teacherProbs);
  if (teacherProbs.rank !== 2 || teacherProbs.shape[0] !== alignment.teacherFrameCount) {
    throw shapeError(fn, 'teacherProbs', `[T_teacher, C] with T_teacher = ${alignment.teacherFrameCount} from alignment`, teacherProbs.shape);
  }
  checkFloat32(fn, 'teacherProbs', teacherProbs);
  if (checkValues) checkProbabilityValues(fn, 'teacherProbs', teacherProbs);

  const clips = alignment.clipCount;
  const rows = alignment.teacherFrameCount;
  const candidates = teacherProbs.shape[1];
  return tf.tidy(() => {
    const validMask = tf.tensor1d(alignment.valid.map((v) => (v ? 1 : 0)), 'float32');
    if (clips === 0 || rows === 0) return { probs: tf.zeros([clips, candidates], 'float32') as tf.Tensor2D, validMask };
    const probs = tf.matMul(tf.tensor2d(weights, [clips, rows], 'float32'), teacherProbs) as tf.Tensor2D;
    return { probs, validMask };
  });
}

/** Validates the alignment and returns the [clips, rows] averaging matrix, flattened. */
function clipWeights(fn: string, alignment: unknown, aggregate: ClipAggregate): Float32Array {
  const a = alignment as Partial<TeacherFrameAlignment> | null;
  const ok =
    typeof a === 'object' &&
    a !== null &&
    Number.isInteger(a.clipCount) &&
    Number.isInteger(a.teacherFrameCount) &&
    Array.isArray(a.clipTeacherRow) &&
    Array.isArray(a.valid) &&
    Array.isArray(a.teacherRowsInClip) &&
    a.clipTeacherRow.length === a.clipCount &&
    a.valid.length === a.clipCount &&
    a.teacherRowsInClip.length === a.clipCount;
  if (!ok) throw valueError(fn, 'alignment', 'a malformed object', 'the result of alignTeacherFrames');
  const { clipCount, teacherFrameCount, clipTeacherRow, valid, teacherRowsInClip } = a as TeacherFrameAlignment;
  const inRange = (r: number) => Number.isInteger(r) && r >= 0 && r < teacherFrameCount;
  const weights = new Float32Array(clipCount * teacherFrameCount);
  for (let j = 0; j < clipCount; j++) {
    const row = clipTeacherRow[j]!;
    if (!(row === -1 || inRange(row)) || valid[j] !== row >= 0 || !teacherRowsInClip[j]!.every(inRange)) {
      throw valueError(fn, `alignment (clip ${j})`, row, `a teacher row in [0, ${teacherFrameCount}) or -1, consistent with valid`);
    }
    if (row < 0) continue;
    const members = aggregate === 'mean' && teacherRowsInClip[j]!.length > 0 ? teacherRowsInClip[j]! : [row];
    for (const r of members) weights[j * teacherFrameCount + r] = 1 / members.length;
  }
  return weights;
}
