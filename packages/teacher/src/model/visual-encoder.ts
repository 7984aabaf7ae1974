// The visual encoder (ALBEF: a ViT over image patches). Feature frames: an MLP whose output is split
// into V visual tokens. Image frames: three strided 3x3 convolutions (a patch embedding), one token per
// output cell. Both add a learned position embedding and a layer norm. Output: [N, V, H].
import * as tf from '@tensorflow/tfjs-core';
import { dense, layerNorm } from './nn.js';
import type { ParamSet, NamedWeight } from './param-set.js';
import { visualTokenCount } from './tiny-albef-config.js';
import type { TinyAlbefConfig } from './tiny-albef-config.js';

/** frames [N, D] or [N, h, w, 3] -> visual tokens [N, V, H]. */
export type VisualEncoder = (frames: tf.Tensor) => tf.Tensor3D;

/** Adds the `visual/` parameters to `params` and returns the encoder. */
export function createVisualEncoder(params: ParamSet, config: TinyAlbefConfig, weights?: ReadonlyMap<string, NamedWeight>): VisualEncoder {
  const H = config.hiddenSize;
  const V = visualTokenCount(config);
  const p = (name: string, shape: number[], init: Parameters<ParamSet['add']>[2]) => params.add(`visual/${name}`, shape, init, weights);
  const pos = p('position', [V, H], 'embedding');
  const lnG = p('ln/gamma', [H], 'ones');
  const lnB = p('ln/beta', [H], 'zeros');
  const finish = (tokens: tf.Tensor) => layerNorm(tf.add(tokens, pos), lnG, lnB) as tf.Tensor3D;

  if (config.frames === 'features') {
    const D = config.featureSize;
    const inG = p('in_ln/gamma', [D], 'ones');
    const inB = p('in_ln/beta', [D], 'zeros');
    const w1 = p('mlp1/kernel', [D, H], 'glorot');
    const b1 = p('mlp1/bias', [H], 'zeros');
    const w2 = p('mlp2/kernel', [H, V * H], 'glorot');
    const b2 = p('mlp2/bias', [V * H], 'zeros');
    return (frames) => {
      const h = tf.relu(dense(layerNorm(frames, inG, inB), w1, b1));
      return finish(tf.reshape(dense(h, w2, b2), [frames.shape[0]!, V, H]));
    };
  }
  const channels = [3, 16, 32, H];
  const convs = [0, 1, 2].map((i) => ({
    w: p(`conv${i + 1}/kernel`, [3, 3, channels[i]!, channels[i + 1]!], 'glorot'),
    b: p(`conv${i + 1}/bias`, [channels[i + 1]!], 'zeros'),
  }));
  const S = config.imageSize;
  return (frames) => {
    let x = frames.dtype === 'int32' ? tf.div(tf.cast(frames, 'float32'), 255) : frames;
    if (x.shape[1] !== S || x.shape[2] !== S) x = tf.image.resizeBilinear(x as tf.Tensor4D, [S, S], true);
    convs.forEach(({ w, b }, i) => {
      const y = tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same'), b);
      x = i < 2 ? tf.relu(y) : y;
    });
    return finish(tf.reshape(x, [frames.shape[0]!, V, H]));
  };
}
