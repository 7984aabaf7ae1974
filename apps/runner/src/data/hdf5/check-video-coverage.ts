// Cross-file consistency: every video of an annotation file must have features in every feature file.
import { DataError } from '../data-error.js';
import type { NextQARow } from '../nextqa/nextqa-row.js';
import type { VideoIndex } from './video-index.js';

/**
 * Checks that each video of `rows` is in each feature file.
 * @throws DataError naming the feature file, how many annotation videos it lacks and a few examples
 *   (e.g. an id present in app_mot_val.h5 but not in teacher_frames_val.h5)
 */
export function checkVideoCoverage(annotationsFile: string, rows: readonly NextQARow[], files: ReadonlyArray<VideoIndex & { readonly file: string }>): void {
  const videos = [...new Set(rows.map((r) => r.video))];
  for (const features of files) {
    const missing = videos.filter((v) => !features.has(v));
    if (missing.length > 0) {
      const shown = missing.slice(0, 3).map((v) => `'${v}'`).join(', ');
      throw new DataError(
        features.file,
        { dataset: 'ids' },
        `every video of ${annotationsFile} (${videos.length})`,
        `${missing.length} missing (${shown}${missing.length > 3 ? ', ...' : ''})`,
      );
    }
  }
}
