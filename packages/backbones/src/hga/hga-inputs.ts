// Inputs of the HGA port and their validation at the public boundary.
import type * as tf from '@tensorflow/tfjs-core';
import type { QAInputs } from '../backbone.js';
import { ShapeError } from '../errors.js';
import { assertTensor, shapeText } from '../shared/assert-tensor.js';
import type { HGAConfig } from './config.js';

/** What `HGA.call` takes (names shared with every backbone, shared/SPEC.md 2). */
export interface HGAInputs extends QAInputs {
  /** [B, T, videoDim] float32 per-clip features (NExT-QA: 16 × 4096). */
  readonly video: tf.Tensor3D;
  /** [B, C, L, tokenDim] float32 token features of "question + candidate" (rows ≥ length are ignored). */
  readonly qa: tf.Tensor4D;
  /** int32 [B, C], 1 ≤ len ≤ L. */
  readonly qaLengths: tf.Tensor2D;
  /**
   * [B, T] 1 = keep the clip, 0 = treat it as absent (float32, int32 or bool). Default: all ones.
   * [V·B, T] (V ≥ 2): V views of the batch, row v·B + b masking sample b; the video projection and the
   * whole QA encoder run once and are shared by the views, and the logits are [V·B, C] (row v·B + b).
   * Equal to tiling video, qa and qaLengths V times, except that training dropout on the shared parts
   * draws one mask for all views.
   */
  readonly frameMask?: tf.Tensor2D;
}

/** Checked sizes, and the lengths (read once from the device) as a candidate-major 0/1 mask. */
export interface PreparedHGAInputs {
  readonly batch: number;
  readonly clips: number;
  readonly candidates: number;
  /** V: frameMask rows / B (1 without a frameMask). */
  readonly views: number;
  /** The longest QA length in the batch: the token axis is cut to it (exact: later rows are padding). */
  readonly maxLength: number;
  /** [C·B, maxLength] row-major 0/1 values, row c·B + b. */
  readonly lengthMask: Float32Array;
}

/**
 * Validates shapes and dtypes, reads `qaLengths` (B·C int32 values: the only device read of a call) and
 * checks 1 ≤ len ≤ L.
 *
 * @throws ShapeError naming the argument and the shapes seen
 */
export function prepareHGAInputs(fn: string, config: Readonly<HGAConfig>, inputs: HGAInputs): PreparedHGAInputs {
  if (inputs == null || typeof inputs !== 'object') throw new ShapeError(fn, 'inputs', '{ video, qa, qaLengths, frameMask? }', String(inputs));
  const [batch, clips] = assertTensor(fn, 'inputs.video', inputs.video, ['B', 'T', config.videoDim]) as [number, number, number];
  const qaShape = assertTensor(fn, 'inputs.qa', inputs.qa, ['B', 'C', 'L', config.tokenDim]);
  const [qaBatch, candidates, length] = qaShape as [number, number, number, number];
  if (qaBatch !== batch) {
    throw new ShapeError(fn, 'inputs.qa', `[B, C, L, ${config.tokenDim}] with B = ${batch} (inputs.video's batch)`, `shape ${shapeText(qaShape)}`);
  }
  assertTensor(fn, 'inputs.qaLengths', inputs.qaLengths, [batch, candidates], ['int32']);
  let views = 1;
  if (inputs.frameMask != null) {
    // [B, T], or [V·B, T] for V views; anything else is reported against [B, T].
    const rows = Array.isArray(inputs.frameMask.shape) ? inputs.frameMask.shape[0] ?? 0 : 0;
    const expectedRows = rows > 0 && rows % batch === 0 ? rows : batch;
    assertTensor(fn, 'inputs.frameMask', inputs.frameMask, [expectedRows, clips], ['float32', 'int32', 'bool']);
    views = expectedRows / batch;
  }
  const lengths = inputs.qaLengths.dataSync() as Int32Array;
  let maxLength = 0;
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i]!;
    if (!(len >= 1 && len <= length)) {
      const b = Math.floor(i / candidates);
      throw new ShapeError(fn, 'inputs.qaLengths', `in [1, ${length}] (L of inputs.qa ${shapeText(qaShape)})`, `${len} at [${b}, ${i % candidates}]`);
    }
    maxLength = Math.max(maxLength, len);
  }
  const lengthMask = new Float32Array(candidates * batch * maxLength);
  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < candidates; c++) {
      const len = lengths[b * candidates + c]!;
      lengthMask.fill(1, (c * batch + b) * maxLength, (c * batch + b) * maxLength + len);
    }
  }
  return { batch, clips, candidates, views, maxLength, lengthMask };
}
