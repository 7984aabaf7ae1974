// Port of doc-doc/NExT-QA networks/EncoderRNN.py EncoderQns with use_bert=True (Linear 768 -> word_dim,
// Dropout, packed GRU), for all candidates at once.
import * as tf from '@tensorflow/tfjs-core';
import { dropout, type DropoutContext } from '../../shared/dropout.js';
import { gru, type GRUWeights } from '../../shared/gru.js';
import { linear } from '../../shared/linear.js';

/** `qns_encoder.embedding.{weight,bias}` and `qns_encoder.rnn.*`. */
export interface QuestionEncoderWeights {
  readonly embeddingWeight: tf.Tensor2D;
  readonly embeddingBias: tf.Tensor1D;
  readonly gru: GRUWeights;
}

/**
 * Encodes every candidate's "question + answer" tokens with one batched GRU. The rows come out
 * candidate-major (row c·B + b), the layout the rest of the forward uses.
 *
 * The GRU reads only the first `len` tokens of each row (`lengthMask`), as the reference's
 * pack_padded_sequence: outputs past a row's length are exactly 0 and `last` is the state after its last
 * valid token.
 *
 * @param qa [B, C, L, Dt] token features
 * @param lengthMask [C·B, L] 0/1 float32, candidate-major
 * @returns outputs [C·B, L, H] and last [C·B, H]
 */
export function encodeQuestions(
  qa: tf.Tensor4D,
  weights: QuestionEncoderWeights,
  lengthMask: tf.Tensor2D,
  rate: number,
  context: DropoutContext,
): { outputs: tf.Tensor3D; last: tf.Tensor2D } {
  return tf.tidy(() => {
    const [b, c, l] = qa.shape;
    // Project first (768 -> word_dim), then reorder the smaller tensor to candidate-major.
    const projected = tf.transpose(linear(qa, weights.embeddingWeight, weights.embeddingBias), [1, 0, 2, 3]);
    const embedded = tf.reshape(projected, [c * b, l, weights.embeddingWeight.shape[0]]);
    return gru(dropout(embedded, rate, context) as tf.Tensor3D, weights.gru, lengthMask);
  });
}
