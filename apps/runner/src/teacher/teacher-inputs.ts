// What the image-QA teacher sees of a dataset split: per question its text, candidates, answer and the
// teacher frames of its video (`teacher/teacher_frames_{split}.h5`, one feature vector per clip; A.3).
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import { openTeacherFrames } from '../data/hdf5/teacher-frames.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';

/** A split's questions with their teacher frames, in host memory. */
export interface TeacherInputs {
  readonly split: string;
  readonly rows: readonly NextQARow[];
  /** T frames per video and D features per frame. */
  readonly frames: number;
  readonly dim: number;
  /** Frame positions in the original video of the first video (the store header's frameIndices). */
  readonly frameIndices: readonly number[];
  /** `[T * D]` frames of a question's video (shared between questions of one video). */
  framesOf(row: NextQARow): Float32Array;
  /** `[T]` frame positions of a question's video. */
  frameIndicesOf(row: NextQARow): number[];
}

/**
 * Reads a split's annotations and teacher frames (checked against each other).
 * @throws DataError for a missing or malformed file, or a CSV video without frames
 */
export async function readTeacherInputs(dataset: string, split: string): Promise<TeacherInputs> {
  const files = syntheticSplitFiles(dataset, split);
  const rows = readNextQACsv(files.annotations).rows;
  const file = await openTeacherFrames(files.teacher);
  try {
    const videos = [...new Set(rows.map((r) => r.video))];
    const batch = file.read(videos);
    const T = file.frames;
    const D = file.dim;
    const byVideo = new Map(videos.map((v, i) => [v, { frames: batch.frames.subarray(i * T * D, (i + 1) * T * D), indices: Array.from(batch.frameIndices.subarray(i * T, (i + 1) * T)) }]));
    return {
      split,
      rows,
      frames: T,
      dim: D,
      frameIndices: byVideo.get(videos[0] ?? '')?.indices ?? Array.from({ length: T }, (_, k) => k),
      framesOf: (row) => byVideo.get(row.video)!.frames,
      frameIndicesOf: (row) => byVideo.get(row.video)!.indices,
    };
  } finally {
    file.close();
  }
}
