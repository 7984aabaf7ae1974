// Maps video ids (compared as strings, as the reference loaders do with str(id)) to dataset rows.
import { DataError } from '../data-error.js';

/** Video id -> row lookup of one feature file. */
export interface VideoIndex {
  /** Ids in row order. */
  readonly ids: readonly string[];
  has(video: string): boolean;
  /**
   * Rows of the given videos, in request order.
   * @throws DataError naming the file, the ids dataset and the first unknown video
   */
  rowsOf(videos: readonly string[]): number[];
}

/** Builds the lookup for `ids` read from `dataset` of `file`. */
export function createVideoIndex(file: string, dataset: string, ids: readonly string[]): VideoIndex {
  const rowOf = new Map(ids.map((id, row) => [id, row]));
  return {
    ids,
    has: (video) => rowOf.has(video),
    rowsOf: (videos) =>
      videos.map((video) => {
        const row = rowOf.get(video);
        if (row === undefined) throw new DataError(file, { dataset }, `an entry for video '${video}'`, `no such id among ${ids.length}`);
        return row;
      }),
  };
}
