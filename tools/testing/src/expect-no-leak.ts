import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Runs `fn` and returns how many tensors it left alive (after disposing what it returned). */
export async function countNewTensors(fn: () => unknown): Promise<number> {
  const before = tf.memory().numTensors;
  const result = await fn();
  tf.dispose(result as tf.TensorContainer);
  return tf.memory().numTensors - before;
}

/**
 * Asserts that `fn` frees every intermediate: after disposing what it returns, the tensor count is
 * back where it was (tfjs-layers `expectNoLeakedTensors`). Runs `fn` twice to rule out one-time caches.
 */
export async function expectNoTensorLeak(fn: () => unknown): Promise<void> {
  await countNewTensors(fn);
  expect(await countNewTensors(fn), 'tensors leaked').toBe(0);
}
