// VGT region features: `region_feat_n/acregion_8c20b_{split}.h5` with `ids` [N], `feat`
// [N, clips, frames, regions, D] (reference 8, 4, 20, 2048) and `bbox` [N, clips, frames, regions, 4]
// in pixels (x1, y1, x2, y2). The loader keeps the first `regions` (bnum, default 5) boxes and appends
// the 5-d box feature (x1/W, y1/H, x2/W, y2/H, (x2-x1+1)(y2-y1+1)/(W*H)) with W, H from the CSV.
import { DataError } from '../data-error.js';
import { checkShape, readIds, readRows, requireDataset, requireFloat } from './h5-dataset.js';
import { openH5File, type H5File } from './h5.js';
import { createVideoIndex, type VideoIndex } from './video-index.js';

/** Options of {@link openVGTRegionFeatures}. */
export interface VGTRegionFeatureOptions {
  /** Regions kept per frame (VGT's `bnum`; default 5). */
  readonly regions?: number;
  readonly clips?: number;
  readonly frames?: number;
  readonly dim?: number;
}

/** Width and height of a video in pixels (the CSV's `width`, `height`). */
export interface FrameSize {
  readonly width: number;
  readonly height: number;
}

/** An open region feature file. */
export interface VGTRegionFeatures extends VideoIndex {
  readonly file: string;
  readonly clips: number;
  readonly frames: number;
  /** Regions returned per frame (bnum). */
  readonly regions: number;
  /** Regions stored per frame. */
  readonly storedRegions: number;
  /** RoI feature size; {@link read} returns `dim + 5` per region. */
  readonly dim: number;
  /** `[B, clips, frames, regions, dim + 5]`: RoI feature then the 5-d box feature. */
  read(videos: readonly string[], sizes: readonly FrameSize[]): Float32Array;
  close(): void;
}

/** VGT's box feature (util.py transform_bb) of one pixel box. */
export function boxFeature(x1: number, y1: number, x2: number, y2: number, { width, height }: FrameSize): [number, number, number, number, number] {
  return [x1 / width, y1 / height, x2 / width, y2 / height, ((x2 - x1 + 1) * (y2 - y1 + 1)) / (width * height)];
}

/**
 * Opens a VGT region feature file and checks `ids`, `feat` and `bbox` agree.
 * @throws DataError for a missing file or dataset, mismatching shapes, or `regions` above the stored count
 */
export async function openVGTRegionFeatures(file: string, options: VGTRegionFeatureOptions = {}): Promise<VGTRegionFeatures> {
  const h5: H5File = await openH5File(file);
  try {
    const ids = readIds(h5, 'ids', requireDataset(h5, 'ids'));
    const feat = requireDataset(h5, 'feat');
    const bbox = requireDataset(h5, 'bbox');
    requireFloat(h5, 'feat', feat);
    const sizes = new Map<string, number>();
    const [, clips, frames, storedRegions, dim] = checkShape(h5, 'feat', feat, [ids.length, options.clips ?? 'clips', options.frames ?? 'frames', 'regions', options.dim ?? 'dim'], sizes) as number[] as [number, number, number, number, number];
    checkShape(h5, 'bbox', bbox, [ids.length, clips, frames, storedRegions, 4], sizes);
    const regions = options.regions ?? 5;
    if (regions < 1 || regions > storedRegions) throw new DataError(h5.filename, { dataset: 'feat' }, `at least ${regions} regions per frame (bnum)`, `${storedRegions}`);
    const index = createVideoIndex(h5.filename, 'ids', ids);
    const cells = clips * frames;
    return {
      ...index,
      file: h5.filename,
      clips,
      frames,
      regions,
      storedRegions,
      dim,
      read: (videos, frameSizes) => {
        if (frameSizes.length !== videos.length) throw new Error(`VGTRegionFeatures.read: ${videos.length} videos but ${frameSizes.length} frame sizes`);
        const rows = index.rowsOf(videos);
        const keep: [number, number] = [0, regions];
        const roi = readRows(feat, rows, cells * regions * dim, [[], [], keep, []]);
        const box = readRows(bbox, rows, cells * regions * 4, [[], [], keep, []]);
        const out = new Float32Array(rows.length * cells * regions * (dim + 5));
        for (let v = 0; v < rows.length; v += 1) {
          const size = frameSizes[v]!;
          for (let r = 0; r < cells * regions; r += 1) {
            const src = (v * cells * regions + r) * dim;
            const dst = (v * cells * regions + r) * (dim + 5);
            out.set(roi.subarray(src, src + dim), dst);
            const b = (v * cells * regions + r) * 4;
            out.set(boxFeature(box[b]!, box[b + 1]!, box[b + 2]!, box[b + 3]!, size), dst + dim);
          }
        }
        return out;
      },
      close: () => void h5.close(),
    };
  } catch (error) {
    h5.close();
    throw error;
  }
}
