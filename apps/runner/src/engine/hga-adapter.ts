// HGA as the engine drives it (packages/backbones README, "HGA"): one video tensor, the clip features
// [B, T, D]; frameMask position k is clip k is teacher frame k.
import * as tf from '@tensorflow/tfjs';
import type { HGABackbone, HGAInputs } from '@sparc-vqa/backbones';
import { adaptBackbone, type AdaptedInputs, type BackboneAdapter } from './backbone-adapter.js';
import type { QADataset } from './qa-dataset.js';

/** Wraps an HGA built for `data` (videoDim = the dataset's clip feature size). */
export function hgaAdapter(backbone: HGABackbone, data: Pick<QADataset, 'videoShapes'>): BackboneAdapter {
  const [clips, dim] = data.videoShapes[0] as [number, number];
  return adaptBackbone(backbone, {
    frames: clips,
    teacherFrameOf: null,
    sharedViews: true,
    video: (batch) => [tf.tensor3d(batch.videos[0]!, [batch.keys.length, clips, dim])],
    inputs: (video, qa, qaLengths, frameMask) => {
      const inputs: HGAInputs = {
        video: video[0] as tf.Tensor3D,
        qa: qa as tf.Tensor4D,
        qaLengths: qaLengths as tf.Tensor2D,
        ...(frameMask ? { frameMask: frameMask as tf.Tensor2D } : {}),
      };
      return inputs as AdaptedInputs;
    },
  });
}
