// The teacher contract (shared/SPEC.md section 2): M_I(I_k, Q) -> p_k over the C candidates, for every
// frame k of a video (paper 3.1).
import type { Tensor2D, Tensor4D } from '@tensorflow/tfjs-core';

/**
 * Frames of one video as the teacher sees them:
 * - feature vectors `[T, D]` float32 (what the synthetic benchmark writes as teacher "images"), or
 * - RGB images `[T, H, W, 3]`: float32 in [0, 1], or int32 in [0, 255]; each teacher resizes them to its
 *   own input size.
 */
export type TeacherFrames = Tensor2D | Tensor4D;

/** One question about one video, to be scored frame by frame. */
export interface TeacherQuery {
  /** `[T, D]` features or `[T, H, W, 3]` images. Owned by the caller: teachers never dispose it. */
  readonly frames: TeacherFrames;
  /** The question Q. */
  readonly question: string;
  /** The C answer candidates, in the order of the probability columns. */
  readonly candidates: readonly string[];
  /** The sample key `<video>_<qid>`; optional (the fake teacher uses it as its seed material). */
  readonly key?: string;
  /** The position in the video of each of the T frames; optional (default 0..T-1). */
  readonly frameIndices?: readonly number[];
}

/**
 * An image-QA teacher M_I. Returned tensors are new and owned by the caller (dispose them); every row
 * is a probability vector over the candidates (non-negative, sums to 1).
 *
 * @example
 * const probs = await teacher.scoreFrames({ frames, question: 'why did the boy run?', candidates });
 * probs.shape; // [T, C]
 */
export interface ImageQATeacher {
  /** Stable identifier written into store headers (e.g. `tiny-albef:3f9a01c2`). */
  readonly id: string;
  /** `probs [T, C]`: p_k for every frame k of one query. */
  scoreFrames(query: TeacherQuery): Promise<Tensor2D>;
  /**
   * The batched form: one `[T_i, C_i]` tensor per query, in order. Implementations batch frames across
   * queries for throughput; the result equals calling `scoreFrames` on each query (up to float rounding).
   */
  scoreBatch(queries: readonly TeacherQuery[]): Promise<Tensor2D[]>;
  /** Frees the teacher's weights or sessions, if it owns any. */
  dispose?(): void | Promise<void>;
}

/** A training example for the teacher: a query plus the video-level answer index (paper A.1). */
export interface TeacherExample extends TeacherQuery {
  /** Index of the correct candidate, 0 <= answer < C. */
  readonly answer: number;
}

/** A source of uniform floats in [0, 1). */
export type Rng = () => number;
