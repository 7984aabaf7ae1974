// Teacher frame inputs written by `sparc synth`: `teacher/teacher_frames_{split}.h5` with `ids` [N],
// `frames` [N, T, D] (one "image" feature vector per sampled frame, a different rendering than the video
// features) and `frame_indices` [N, T] (the frame number of each, e.g. the first frame of each clip).
import { checkShape, readIds, readIntRows, readRows, requireDataset, requireFloat, requireInteger } from './h5-dataset.js';
import { openH5File, type H5File } from './h5.js';
import { createVideoIndex, type VideoIndex } from './video-index.js';

/** Teacher inputs of a batch of videos. */
export interface TeacherFrameBatch {
  /** `[B, frames, dim]`. */
  readonly frames: Float32Array;
  /** `[B, frames]`: frame numbers in the original video. */
  readonly frameIndices: Int32Array;
}

/** An open teacher frame file. */
export interface TeacherFrames extends VideoIndex {
  readonly file: string;
  readonly frames: number;
  readonly dim: number;
  read(videos: readonly string[]): TeacherFrameBatch;
  close(): void;
}

/**
 * Opens a teacher frame file and checks that `frames` and `frame_indices` agree with `ids`.
 * @throws DataError for a missing file or dataset, mismatching shapes or wrong dtypes
 */
export async function openTeacherFrames(file: string, options: { readonly frames?: number; readonly dim?: number } = {}): Promise<TeacherFrames> {
  const h5: H5File = await openH5File(file);
  try {
    const ids = readIds(h5, 'ids', requireDataset(h5, 'ids'));
    const framesSet = requireDataset(h5, 'frames');
    const indexSet = requireDataset(h5, 'frame_indices');
    requireFloat(h5, 'frames', framesSet);
    requireInteger(h5, 'frame_indices', indexSet);
    const sizes = new Map<string, number>();
    const [, frames, dim] = checkShape(h5, 'frames', framesSet, [ids.length, options.frames ?? 'frames', options.dim ?? null], sizes) as [number, number, number];
    checkShape(h5, 'frame_indices', indexSet, [ids.length, frames], sizes);
    const index = createVideoIndex(h5.filename, 'ids', ids);
    return {
      ...index,
      file: h5.filename,
      frames,
      dim,
      read: (videos) => {
        const rows = index.rowsOf(videos);
        return { frames: readRows(framesSet, rows, frames * dim), frameIndices: readIntRows(indexSet, rows, frames) };
      },
      close: () => void h5.close(),
    };
  } catch (error) {
    h5.close();
    throw error;
  }
}
