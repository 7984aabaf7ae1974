// The video side of a split, per backbone (shared/research/mission-anchors.md, HGA and VGT feature files):
// HGA reads one tensor, the clip features `vid_feat/app_mot_{split}.h5` [T, D]; VGT reads two, the region
// features `region_feat_n/acregion_8c20b_{split}.h5` [clips, frames, R, F + 5] (box feature from the CSV's
// width and height) and the frame features `frame_feat/app_feat_{split}.h5` [clips, frames, F].
import { existsSync } from 'node:fs';
import { DataError } from '../data/data-error.js';
import { checkVideoCoverage } from '../data/hdf5/check-video-coverage.js';
import { openHGAVideoFeatures, type HGAVideoFeatures } from '../data/hdf5/hga-video-features.js';
import { openVGTFrameFeatures, type VGTFrameFeatures } from '../data/hdf5/vgt-frame-features.js';
import { openVGTRegionFeatures, type VGTRegionFeatures } from '../data/hdf5/vgt-region-features.js';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import type { SyntheticSplitFiles } from '../synth/synth-layout.js';

/** The backbones the engine trains. */
export type BackboneName = 'hga' | 'vgt';

/** Regions per frame VGT keeps (`bnum`, the reference 5 of the 20 stored). */
export const VGT_REGIONS = 5;

/** The open video feature files of a split, read as the backbone's input tensors. */
export interface VideoInputs {
  /** Per-video shape of each input (HGA: [[T, D]]; VGT: [[clips, frames, R, F + 5], [clips, frames, F]]). */
  readonly shapes: readonly (readonly number[])[];
  /**
   * Time steps per video = teacher frames: HGA's clip count. For VGT, the clip count of the split's HGA
   * file when it has one (the synthetic benchmark's steps), else VGT's clips (paper A.3: one teacher frame,
   * the first, per clip).
   */
  readonly steps: number;
  /** The inputs of the given rows' videos, one row-major array per entry of `shapes`. */
  read(rows: readonly NextQARow[]): Float32Array[];
  /** Floats one copy of every video of `rows` takes (to decide on preloading). */
  floats(rows: readonly NextQARow[]): number;
  close(): void;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Reads every video of `rows` once and serves later reads from memory. */
export function preloadVideoInputs(source: VideoInputs, rows: readonly NextQARow[]): VideoInputs {
  const first = new Map<string, NextQARow>();
  for (const r of rows) if (!first.has(r.video)) first.set(r.video, r);
  const videos = [...first.values()];
  const all = source.read(videos);
  const at = new Map(videos.map((r, i) => [r.video, i]));
  const per = source.shapes.map(size);
  return {
    shapes: source.shapes,
    steps: source.steps,
    floats: source.floats,
    read(picked) {
      return all.map((data, k) => {
        const out = new Float32Array(picked.length * per[k]!);
        picked.forEach((r, i) => {
          const v = at.get(r.video);
          if (v === undefined) throw new RangeError(`preloadVideoInputs: video '${r.video}' was not preloaded`);
          out.set(data.subarray(v * per[k]!, (v + 1) * per[k]!), i * per[k]!);
        });
        return out;
      });
    },
    close: () => source.close(),
  };
}

function hgaInputs(video: HGAVideoFeatures): VideoInputs {
  const shapes = [[video.clips, video.dim]];
  return {
    shapes,
    steps: video.clips,
    floats: (rows) => new Set(rows.map((r) => r.video)).size * size(shapes[0]!),
    read: (rows) => [video.read(rows.map((r) => r.video))],
    close: () => video.close(),
  };
}

function vgtInputs(regions: VGTRegionFeatures, frames: VGTFrameFeatures, steps: number): VideoInputs {
  const shapes = [
    [regions.clips, regions.frames, regions.regions, regions.dim + 5],
    [frames.clips, frames.frames, frames.dim],
  ];
  return {
    shapes,
    steps,
    floats: (rows) => new Set(rows.map((r) => r.video)).size * (size(shapes[0]!) + size(shapes[1]!)),
    read: (rows) => {
      const ids = rows.map((r) => r.video);
      return [regions.read(ids, rows), frames.read(ids)];
    },
    close: () => {
      regions.close();
      frames.close();
    },
  };
}

/**
 * Opens the video feature files `backbone` needs and checks that they cover every video of `rows`
 * (and, for VGT, that the region and frame files share clips, frames and feature size).
 * @throws DataError naming the file, dataset and what disagrees
 */
export async function openVideoInputs(backbone: BackboneName, files: SyntheticSplitFiles, annotationsFile: string, rows: readonly NextQARow[]): Promise<VideoInputs> {
  if (backbone === 'hga') {
    const video = await openHGAVideoFeatures(files.video);
    try {
      checkVideoCoverage(annotationsFile, rows, [video]);
    } catch (error) {
      video.close();
      throw error;
    }
    return hgaInputs(video);
  }
  for (const file of [files.vgtRegions, files.vgtFrames]) {
    if (!existsSync(file)) throw new DataError(file, { file: true }, 'a VGT feature file (write them with `sparc synth --vgt`)', 'no such file');
  }
  let regions: VGTRegionFeatures | undefined;
  let frames: VGTFrameFeatures | undefined;
  try {
    regions = await openVGTRegionFeatures(files.vgtRegions, { regions: VGT_REGIONS });
    // VGT embeds regions and frames with features of one size F (`feature_dim`).
    frames = await openVGTFrameFeatures(files.vgtFrames, { clips: regions.clips, frames: regions.frames, dim: regions.dim });
    checkVideoCoverage(annotationsFile, rows, [regions, frames]);
    let steps = regions.clips;
    if (existsSync(files.video)) {
      const hga = await openHGAVideoFeatures(files.video);
      steps = hga.clips;
      hga.close();
    }
    return vgtInputs(regions, frames, steps);
  } catch (error) {
    regions?.close();
    frames?.close();
    throw error;
  }
}
