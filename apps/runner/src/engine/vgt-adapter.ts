// VGT as the engine drives it (packages/backbones README, "VGT"): two video tensors, regions
// [B, K, F', R, F + 5] and frames [B, K, F', F], on the clip grid of vgt-clip-grid.ts; frameMask masks
// whole clips, and TGM mixes both tensors clip by clip (box features included) with the same draw.
import * as tf from '@tensorflow/tfjs';
import { createVGT, type VGTBackbone, type VGTInputs } from '@sparc-vqa/backbones';
import { adaptBackbone, type AdaptedInputs, type BackboneAdapter } from './backbone-adapter.js';
import type { QADataset } from './qa-dataset.js';
import { vgtClipGrid, type VGTClipGrid, type VGTGridMode } from './vgt-clip-grid.js';

/** VGT sizes the run chooses (the input sizes come from the dataset). */
export interface VGTSizes {
  readonly dModel: number;
  readonly ffDim: number;
  readonly numHeads: number;
  readonly boxHiddenDim: number;
  readonly dropout: number;
  readonly seed: number;
}

/** Reference rows of VGT's sinusoidal clip-position table (`Embeddings(d_model, 20, 8)`). */
const REFERENCE_POSITIONS = 28;

/** The clip grid of `data` under `mode`. */
export function vgtGridFor(data: Pick<QADataset, 'clips' | 'videoShapes'>, mode: VGTGridMode): VGTClipGrid {
  const [clips, framesPerClip] = data.videoShapes[0] as [number, number, number, number];
  return vgtClipGrid(mode, data.clips, clips, framesPerClip);
}

/** Builds a VGT for `data` on the grid of `mode` (seeded weights, reference init). */
export function createVGTFor(data: Pick<QADataset, 'clips' | 'videoShapes' | 'wordDim'>, mode: VGTGridMode, sizes: VGTSizes): VGTBackbone {
  const grid = vgtGridFor(data, mode);
  const [, , regions, width] = data.videoShapes[0] as [number, number, number, number];
  return createVGT({
    featureDim: width - 5,
    wordDim: data.wordDim,
    numRegions: regions,
    dModel: sizes.dModel,
    ffDim: sizes.ffDim,
    numHeads: sizes.numHeads,
    boxHiddenDim: sizes.boxHiddenDim,
    dropout: sizes.dropout,
    numClips: grid.clips,
    framesPerClip: grid.framesPerClip,
    maxPositions: Math.max(REFERENCE_POSITIONS, grid.clips),
    seed: sizes.seed,
  });
}

/** Wraps a VGT built by `createVGTFor(data, mode, ...)`. */
export function vgtAdapter(backbone: VGTBackbone, data: Pick<QADataset, 'clips' | 'videoShapes'>, mode: VGTGridMode): BackboneAdapter {
  const grid = vgtGridFor(data, mode);
  const [, , regions, width] = data.videoShapes[0] as [number, number, number, number];
  const featureDim = data.videoShapes[1]![2]!;
  const { clips: K, framesPerClip: F } = grid;
  return adaptBackbone(backbone, {
    frames: K,
    teacherFrameOf: grid.teacherFrameOf,
    sharedViews: true,
    // The cells are row-major, so the regrouped grid is the same data under another shape.
    video: (batch) => {
      const B = batch.keys.length;
      return [tf.tensor5d(batch.videos[0]!, [B, K, F, regions, width]), tf.tensor4d(batch.videos[1]!, [B, K, F, featureDim])];
    },
    inputs: (video, qa, qaLengths, frameMask) => {
      const inputs: VGTInputs = {
        regions: video[0] as tf.Tensor5D,
        frames: video[1] as tf.Tensor4D,
        qa: qa as tf.Tensor4D,
        qaLengths: qaLengths as tf.Tensor2D,
        ...(frameMask ? { frameMask: frameMask as tf.Tensor2D } : {}),
      };
      return inputs as AdaptedInputs;
    },
  });
}
