// Test-only helpers for this package (not exported from index.ts, not part of the build).
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

interface ErrorClass<E> {
  readonly name: string;
  isInstance(e: unknown): e is E;
}

/**
 * Runs `fn`, expects it to throw an error of class `cls` (checked with `isInstance` and `instanceof`),
 * with the given field values and message, and returns the error.
 */
export function expectTypedError<E extends Error>(
  fn: () => unknown,
  cls: ErrorClass<E> & (abstract new (...args: never[]) => E),
  fields: Partial<Record<keyof E, unknown>>,
  message: string | RegExp,
): E {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected a throw').toBeDefined();
  expect(cls.isInstance(caught), `expected ${cls.name}, got ${String(caught)}`).toBe(true);
  expect(caught).toBeInstanceOf(cls);
  const error = caught as E;
  expect(error.name).toBe(cls.name);
  for (const [key, value] of Object.entries(fields)) expect((error as Record<string, unknown>)[key], key).toEqual(value);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  return error;
}

/**
 * Wraps `fn` for `expectNoTensorLeak` on an error path: the wrapper calls `fn`, asserts that it threw,
 * and returns nothing.
 */
export function throwing(fn: () => unknown): () => void {
  return () => {
    let threw = false;
    try {
      tf.dispose(fn() as tf.TensorContainer);
    } catch {
      threw = true;
    }
    expect(threw, 'expected the call to throw').toBe(true);
  };
}

/**
 * Builds teacherProbs [B, T, 2] whose candidate-`answer` column holds `scores` (the other column holds
 * 1 - score), so p_k[a] is exactly `scores[b][k]` for answers all equal to `answer`.
 */
export function probsFromScores(scores: number[][], answer: 0 | 1 = 1): tf.Tensor3D {
  return tf.tensor3d(scores.map((row) => row.map((s) => (answer === 1 ? [1 - s, s] : [s, 1 - s]))));
}

/** int32 answers tensor. */
export function answersOf(values: number[]): tf.Tensor1D {
  return tf.tensor1d(values, 'int32');
}

/** Reads a tensor as nested arrays and disposes it. */
export function take<T>(t: tf.Tensor): T {
  const v = t.arraySync() as T;
  t.dispose();
  return v;
}
