// Where any backbone looks, read from gradients (gradient x input saliency, Shrikumar et al. 2016, "Not
// just a black box"): the importance of frameMask position k is sum |d log p(pred) / dx * x| over the
// features of position k in every video tensor, normalised per sample. Unlike HGA's co-attention
// (hga-frame-importance.ts) it needs nothing inside the model, so it measures HGA and VGT alike.
import * as tf from '@tensorflow/tfjs';
import type { BackboneAdapter } from '../engine/backbone-adapter.js';

/**
 * Frame importance [B, K] of the adapter's backbone in inference mode, for the candidate it predicts:
 * each row sums to 1 (a row whose gradients are all 0 stays 0). Position k of a video tensor is its axis 1
 * (the frameMask axis, BackboneAdapter.video); a position whose features are all 0 gets importance 0.
 * @param video the adapter's video tensors of the batch, each [B, K, ...]
 * @param qa [B, C, L, D] QA features; qaLengths [B, C] int32
 */
export function gradientFrameImportance(adapter: BackboneAdapter, video: readonly tf.Tensor[], qa: tf.Tensor, qaLengths: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const logits = (vs: readonly tf.Tensor[]) => adapter.backbone.call(adapter.inputs(vs, qa, qaLengths)).logits;
    const first = logits(video);
    const predicted = tf.oneHot(tf.argMax(first, 1), first.shape[1]!); // a constant: no gradient through argmax
    const grads = tf.grads((...vs: tf.Tensor[]) => tf.sum(tf.mul(tf.logSoftmax(logits(vs)), predicted)))([...video]);
    const perPosition = video.map((x, i) => {
      const saliency = tf.abs(tf.mul(grads[i]!, x));
      const axes = Array.from({ length: x.rank - 2 }, (_, a) => a + 2);
      return axes.length === 0 ? saliency : tf.sum(saliency, axes);
    });
    const total = perPosition.length === 1 ? perPosition[0]! : tf.addN(perPosition);
    return tf.divNoNan(total, tf.sum(total, 1, true)) as tf.Tensor2D;
  });
}

/** Folds position importance [K] onto teacher frames [T] (position k adds to frame teacherFrameOf[k]). */
export function importanceByFrame(row: ArrayLike<number>, teacherFrameOf: Int32Array | null, frames: number): Float32Array {
  const out = new Float32Array(frames);
  for (let k = 0; k < row.length; k++) {
    const t = teacherFrameOf ? teacherFrameOf[k]! : k;
    out[t] = out[t]! + row[k]!;
  }
  return out;
}
