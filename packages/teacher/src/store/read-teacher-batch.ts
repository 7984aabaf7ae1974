// Reads the teacher probabilities of a training batch as tensors, for the selector and the losses.
import * as tf from '@tensorflow/tfjs-core';
import type { TeacherStore } from './teacher-store.js';

/** A batch's teacher probabilities. Dispose both tensors. */
export interface TeacherBatch {
  /** `[B, T, C]`: p_k per sample and frame; uniform 1/C rows for keys the store lacks. */
  readonly probs: tf.Tensor3D;
  /** `[B]` float32: 1 where the store had the key, 0 where it did not (use as per-sample loss weights). */
  readonly present: tf.Tensor1D;
}

/**
 * The probabilities of `keys`, in order. Missing keys get uniform rows and `present = 0` (SPEC 2:
 * missing teacher entries get weight 0), so a batch never fails on a partial store.
 *
 * @example
 * const { probs, present } = await readTeacherBatch(store, batch.keys); // [B, T, C], [B]
 */
export async function readTeacherBatch(store: TeacherStore, keys: readonly string[]): Promise<TeacherBatch> {
  const T = store.header.framesPerVideo;
  const C = store.header.candidates;
  const data = new Float32Array(keys.length * T * C).fill(1 / C);
  const present = new Float32Array(keys.length);
  const records = await Promise.all(keys.map((k) => store.find(k)));
  records.forEach((r, b) => {
    if (!r) return;
    data.set(r.probs, b * T * C);
    present[b] = 1;
  });
  return { probs: tf.tensor3d(data, [keys.length, T, C]), present: tf.tensor1d(present) };
}
