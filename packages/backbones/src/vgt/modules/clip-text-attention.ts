// Clip-level cross-modal interaction of sail-sg/VGT: VGT.cm_interaction (model/vqa_model.py) with the
// parameter-free CMAtten (model/cmatt.py).
import * as tf from '@tensorflow/tfjs-core';
import type { ForwardContext } from './forward-context.js';

/**
 * video [B, K, D] clips, tokens [B, C, L, D] projected candidate tokens, tokenBias [B, 1, C, L] (0 for valid
 * tokens, −1e9 for padding) → [B, K, D]. For each candidate c: scores = video·tokens[c]ᵀ (no scaling),
 * softmax over tokens, attended = weights·tokens[c] + video; then the element-wise max over candidates.
 * Records `cm_attended` [B·C, K, D] (before the residual and the max; row b·C + c).
 */
export function clipTextAttention(
  video: tf.Tensor3D,
  tokens: tf.Tensor4D,
  tokenBias: tf.Tensor4D,
  ctx: ForwardContext,
): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, k, d] = video.shape;
    const [, c, l] = tokens.shape;
    // All candidates in one product: [B, K, D] · [B, D, C·L] → [B, K, C, L].
    const tokensT = tf.transpose(tf.reshape(tokens, [b, c * l, d]), [0, 2, 1]) as tf.Tensor3D;
    const scores = tf.add(tf.reshape(tf.matMul(video, tokensT), [b, k, c, l]), tokenBias);
    const weights = tf.reshape(tf.transpose(tf.softmax(scores), [0, 2, 1, 3]), [b * c, k, l]) as tf.Tensor3D;
    const attended = tf.matMul(weights, tf.reshape(tokens, [b * c, l, d]) as tf.Tensor3D);
    ctx.record?.('cm_attended', attended);
    const withResidual = tf.add(tf.reshape(attended, [b, c, k, d]), tf.reshape(video, [b, 1, k, d]));
    return tf.max(withResidual, 1) as tf.Tensor3D;
  });
}
