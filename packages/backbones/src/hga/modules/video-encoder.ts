// Port of doc-doc/NExT-QA networks/EncoderRNN.py EncoderVidHGA (Linear -> ReLU -> Dropout -> GRU).
import * as tf from '@tensorflow/tfjs-core';
import { dropout, type DropoutContext } from '../../shared/dropout.js';
import { gru, type GRUWeights } from '../../shared/gru.js';
import { linear } from '../../shared/linear.js';
import { repeatRows } from '../../shared/repeat-rows.js';

/** `vid_encoder.vid2hid.0.{weight,bias}` and `vid_encoder.rnn.*`. */
export interface VideoEncoderWeights {
  readonly projectionWeight: tf.Tensor2D;
  readonly projectionBias: tf.Tensor1D;
  readonly gru: GRUWeights;
}

/**
 * Encodes per-clip features: `GRU(dropout(ReLU(Linear(video))))` from a zero state.
 *
 * With `frameMask`, a masked clip behaves as absent: its features are zeroed, the GRU state passes over
 * it unchanged and its output row is exactly 0 (a padding node downstream).
 *
 * @param video [B, T, Dv]
 * With `views` = V > 1, `frameMask` is [V·B, T] (row v·B + b masks sample b): the projection runs once
 * on the B samples and the GRU on V·B rows (outputs [V·B, T, H], last [V·B, H]).
 *
 * @param frameMask [B, T] (or [V·B, T]) 0/1 float32, optional
 * @returns outputs [B, T, H] and last [B, H] (the state after the last unmasked clip)
 */
export function encodeVideo(
  video: tf.Tensor3D,
  weights: VideoEncoderWeights,
  frameMask: tf.Tensor2D | undefined,
  rate: number,
  context: DropoutContext,
  views = 1,
): { outputs: tf.Tensor3D; last: tf.Tensor2D } {
  return tf.tidy(() => {
    if (views > 1) {
      // The GRU ignores masked steps (state unchanged, output 0), so the unmasked projection can be shared.
      const shared = dropout(tf.relu(linear(video, weights.projectionWeight, weights.projectionBias)), rate, context);
      return gru(repeatRows(shared, views) as tf.Tensor3D, weights.gru, frameMask);
    }
    const input = frameMask ? tf.mul(video, tf.expandDims(frameMask, 2)) : video;
    const projected = dropout(tf.relu(linear(input, weights.projectionWeight, weights.projectionBias)), rate, context);
    return gru(projected as tf.Tensor3D, weights.gru, frameMask);
  });
}
