// Port of Cadene/block.bootstrap.pytorch block/models/networks/fusions/fusions.py Block (shared=False,
// pos_norm='before_cat', dropout_pre_lin = dropout_output = 0), as built by HGA.py.
import * as tf from '@tensorflow/tfjs-core';
import { dropout, type DropoutContext } from '../../shared/dropout.js';
import { linear } from '../../shared/linear.js';
import { repeatRows } from '../../shared/repeat-rows.js';
import { unstackRows } from '../../shared/unstack-rows.js';
import { signedSqrt } from './signed-sqrt.js';

interface Linear {
  readonly weight: tf.Tensor2D;
  readonly bias: tf.Tensor1D;
}

/** `<prefix>.{linear0,linear1,merge_linears0.<i>,merge_linears1.<i>,linear_out}.{weight,bias}`. */
export interface BlockWeights {
  readonly linear0: Linear;
  readonly linear1: Linear;
  /** One per chunk: weight [s·rank, s], bias [s·rank]. */
  readonly merge0: readonly Linear[];
  readonly merge1: readonly Linear[];
  readonly linearOut: Linear;
}

/** Options of `blockFusion`. */
export interface BlockFusionOptions {
  /** Chunk sizes (`blockChunkSizes(mmDim, chunks)`). */
  readonly sizes: readonly number[];
  readonly rank: number;
  /** Block `dropout_input`, on both projected inputs. */
  readonly dropoutInput: number;
  /** When set, `x1` is [B, d1] shared by this many candidates (candidate-major rows c·B + b). */
  readonly repeat1?: number;
}

/** L2-normalise over the last axis with the norm clamped at 1e-12 (F.normalize), NaN-free gradient. */
function l2Normalize(z: tf.Tensor): tf.Tensor {
  // sqrt(max(Σz², 1e-24)) = max(‖z‖, 1e-12) for float32, and its gradient is 0 (not NaN) at z = 0.
  return tf.div(z, tf.sqrt(tf.maximum(tf.sum(tf.square(z), -1, true), 1e-24)));
}

/**
 * The chunks of x [N, mm] as separate [N, s] tensors. Runs of equal sizes are reordered chunk-major
 * ([count, N, s]) so that they split along axis 0 (see unstackRows).
 */
function chunksOf(x: tf.Tensor2D, sizes: readonly number[]): tf.Tensor2D[] {
  const n = x.shape[0];
  const runs: Array<{ size: number; count: number }> = [];
  for (const s of sizes) {
    const last = runs[runs.length - 1];
    if (last && last.size === s) last.count++;
    else runs.push({ size: s, count: 1 });
  }
  const parts = runs.length === 1 ? [x] : tf.split(x, runs.map((r) => r.size * r.count), 1);
  return runs.flatMap((run, i) =>
    run.count === 1
      ? [parts[i] as tf.Tensor2D]
      : (unstackRows(tf.transpose(tf.reshape(parts[i]!, [n, run.count, run.size]), [1, 0, 2])) as tf.Tensor2D[]),
  );
}

/**
 * Block fusion of two vectors: a = linear0(x0), b = linear1(x1) (input dropout in training); for each
 * chunk i of size s: z = Σ_rank (merge0_i(a_i) ⊙ merge1_i(b_i)) viewed [rank, s]; signed square root;
 * L2 normalisation; concatenate; linear_out. One 2D matMul per chunk (tfjs-backend-wasm's batched
 * matMul is ~13x slower than its 2D one).
 *
 * @param x0 [N, d0]
 * @param x1 [N, d1], or [B, d1] with `repeat1` = N / B
 * @returns [N, out]
 */
export function blockFusion(x0: tf.Tensor2D, x1: tf.Tensor2D, weights: BlockWeights, options: BlockFusionOptions, context: DropoutContext): tf.Tensor2D {
  return tf.tidy(() => {
    const { sizes, rank } = options;
    const n = x0.shape[0];
    let a = linear(x0, weights.linear0.weight, weights.linear0.bias) as tf.Tensor2D;
    let b = linear(x1, weights.linear1.weight, weights.linear1.bias) as tf.Tensor2D;
    if (options.repeat1 != null) b = repeatRows(b, options.repeat1);
    a = dropout(a, options.dropoutInput, context);
    b = dropout(b, options.dropoutInput, context);
    const aChunks = chunksOf(a, sizes);
    const bChunks = chunksOf(b, sizes);
    const pieces = sizes.map((s, i) => {
      const m0 = weights.merge0[i]!;
      const m1 = weights.merge1[i]!;
      const m = tf.mul(linear(aChunks[i]!, m0.weight, m0.bias), linear(bChunks[i]!, m1.weight, m1.bias)); // [N, s·rank]
      const z = tf.sum(tf.reshape(m, [n, rank, s]), 1); // [N, s]
      return l2Normalize(signedSqrt(z));
    });
    const joint = pieces.length === 1 ? pieces[0]! : tf.concat(pieces, 1);
    return linear(joint, weights.linearOut.weight, weights.linearOut.bias) as tf.Tensor2D;
  });
}
