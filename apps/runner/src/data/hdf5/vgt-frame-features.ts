// VGT frame features: `frame_feat/app_feat_{split}.h5` with `ids` [N] and `resnet_features`
// [N, clips, frames, D] (reference 8 clips x 4 frames x 2048).
import { checkShape, readIds, readRows, requireDataset, requireFloat } from './h5-dataset.js';
import { openH5File, type H5File } from './h5.js';
import { createVideoIndex, type VideoIndex } from './video-index.js';

/** Expected sizes; omitted ones are taken from the file. */
export interface VGTFrameFeatureOptions {
  readonly clips?: number;
  readonly frames?: number;
  readonly dim?: number;
}

/** An open frame feature file. */
export interface VGTFrameFeatures extends VideoIndex {
  readonly file: string;
  readonly clips: number;
  readonly frames: number;
  readonly dim: number;
  /** `[B, clips, frames, dim]`, row-major. */
  read(videos: readonly string[]): Float32Array;
  close(): void;
}

/**
 * Opens a VGT frame feature file and checks its layout.
 * @throws DataError for a missing file or dataset, a wrong shape or dtype, or duplicate ids
 */
export async function openVGTFrameFeatures(file: string, options: VGTFrameFeatureOptions = {}): Promise<VGTFrameFeatures> {
  const h5: H5File = await openH5File(file);
  try {
    const ids = readIds(h5, 'ids', requireDataset(h5, 'ids'));
    const feat = requireDataset(h5, 'resnet_features');
    requireFloat(h5, 'resnet_features', feat);
    const [, clips, frames, dim] = checkShape(h5, 'resnet_features', feat, [ids.length, options.clips ?? null, options.frames ?? null, options.dim ?? null]) as [number, number, number, number];
    const index = createVideoIndex(h5.filename, 'ids', ids);
    return {
      ...index,
      file: h5.filename,
      clips,
      frames,
      dim,
      read: (videos) => readRows(feat, index.rowsOf(videos), clips * frames * dim),
      close: () => void h5.close(),
    };
  } catch (error) {
    h5.close();
    throw error;
  }
}
