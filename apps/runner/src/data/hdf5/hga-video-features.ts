// HGA's appearance+motion clip features: `vid_feat/app_mot_{split}.h5` with `ids` [N] and `feat`
// [N, clips, D] (reference: 16 clips, D = 4096 = 2048 ResNet appearance + 2048 ResNeXt motion).
import { requireDataset, checkShape, readIds, readRows, requireFloat } from './h5-dataset.js';
import { openH5File, type H5File } from './h5.js';
import { createVideoIndex, type VideoIndex } from './video-index.js';

/** Expected sizes; omitted ones are taken from the file. */
export interface HGAVideoFeatureOptions {
  readonly clips?: number;
  readonly dim?: number;
}

/** An open app+motion feature file. */
export interface HGAVideoFeatures extends VideoIndex {
  readonly file: string;
  readonly clips: number;
  readonly dim: number;
  /** Features of the given videos: `[videos.length, clips, dim]`, row-major. */
  read(videos: readonly string[]): Float32Array;
  close(): void;
}

/**
 * Opens an HGA feature file and checks its layout (`ids` [N] integer or string; `feat` [N, clips, dim] float).
 * @throws DataError for a missing file or dataset, a wrong shape or dtype, or duplicate ids
 */
export async function openHGAVideoFeatures(file: string, options: HGAVideoFeatureOptions = {}): Promise<HGAVideoFeatures> {
  const h5: H5File = await openH5File(file);
  try {
    const idsSet = requireDataset(h5, 'ids');
    const feat = requireDataset(h5, 'feat');
    const ids = readIds(h5, 'ids', idsSet);
    requireFloat(h5, 'feat', feat);
    const [, clips, dim] = checkShape(h5, 'feat', feat, [ids.length, options.clips ?? null, options.dim ?? null]) as [number, number, number];
    const index = createVideoIndex(h5.filename, 'ids', ids);
    return {
      ...index,
      file: h5.filename,
      clips,
      dim,
      read: (videos) => readRows(feat, index.rowsOf(videos), clips * dim),
      close: () => void h5.close(),
    };
  } catch (error) {
    h5.close();
    throw error;
  }
}
