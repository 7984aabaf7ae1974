// Temporal Guided Mixup (paper A.2) over every video input of a backbone: one draw (lambda, partner) per
// batch mixes the first video tensor, the QA side and the targets through the mixer, and each further video
// tensor (VGT's frames beside its regions) at exactly the positions where the first one was mixed.
import * as tf from '@tensorflow/tfjs';
import type { Mixup, MixupOutputs } from '@sparc-vqa/mixup';

/** Inputs of {@link mixVideoInputs}: the mixer's inputs with the video as a list of [B, K, ...] tensors. */
export interface MixVideoInputsArgs {
  readonly video: readonly tf.Tensor[];
  readonly qa: tf.Tensor;
  readonly targets: tf.Tensor;
  readonly causalMask: tf.Tensor;
  readonly validMask: tf.Tensor;
  readonly qaLengths: tf.Tensor;
}

/** lambda * x[i] + (1 - lambda) * x[partner[i]] where `mixedMask` [B, K] is 1; x bit for bit elsewhere. */
function mixAt(x: tf.Tensor, partner: tf.Tensor1D, mixedMask: tf.Tensor, lambda: number): tf.Tensor {
  const mixed = tf.add(tf.mul(x, tf.scalar(lambda)), tf.mul(tf.gather(x, partner, 0), tf.scalar(1 - lambda)));
  const condition = tf.reshape(tf.greater(mixedMask, 0), [...mixedMask.shape, ...x.shape.slice(mixedMask.rank).map(() => 1)]);
  return tf.where(condition, mixed, x);
}

/**
 * Mixes a batch with one fresh draw of `mixer`. Returns the mixed video tensors (same order and shapes)
 * and the mixer's outputs for the first one (qa, targets, lambda, partner, mixedMask). The further tensors
 * follow the first one's `mixedMask`, whatever rule the mixer used to choose its positions. Call inside tf.tidy.
 */
export function mixVideoInputs(mixer: Mixup, args: MixVideoInputsArgs): { readonly video: tf.Tensor[]; readonly mixed: MixupOutputs } {
  const { video, causalMask, validMask } = args;
  const mixed = mixer.mix({ video: video[0]!, qa: args.qa, targets: args.targets, causalMask, qaLengths: args.qaLengths, validMask });
  const rest = video.slice(1).map((v) => mixAt(v, mixed.partner, mixed.mixedMask, mixed.lambda));
  return { video: [mixed.video, ...rest], mixed };
}
