// Input checks at the public boundary, raising ShapeError with the function, the argument and the
// shapes seen (shared/STYLE.md 3.7).
import type * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';

/** One expected dimension: a number, or a name for any size ≥ 1 (e.g. 'B'). */
export type Dim = number | string;

/** `[2, 3, 4]`-style text of a shape. */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/**
 * Checks that `x` is a tensor of the given rank, dimensions and dtype; returns its shape. Named
 * dimensions must be ≥ 1 and are otherwise free (the caller compares them across arguments).
 *
 * @param fn the public function's name, e.g. 'HGA.call'
 * @param argument the argument's name, e.g. 'inputs.video'
 * @param dims the expected dimensions, e.g. ['B', 'T', 4096]
 * @param dtypes accepted dtypes (default float32)
 */
export function assertTensor(
  fn: string,
  argument: string,
  x: unknown,
  dims: readonly Dim[],
  dtypes: readonly tf.DataType[] = ['float32'],
): readonly number[] {
  const expected = () => `a ${dtypes.join(' or ')} tensor of shape [${dims.join(', ')}]`;
  if (x == null || typeof x !== 'object' || !('shape' in x) || !('dtype' in x)) {
    throw new ShapeError(fn, argument, expected(), x == null ? String(x) : typeof x);
  }
  const t = x as tf.Tensor;
  if (t.isDisposed) throw new ShapeError(fn, argument, expected(), 'a disposed tensor');
  const bad =
    t.shape.length !== dims.length ||
    dims.some((d, i) => (typeof d === 'number' ? t.shape[i] !== d : t.shape[i]! < 1));
  if (bad) throw new ShapeError(fn, argument, expected(), `shape ${shapeText(t.shape)}`);
  if (!dtypes.includes(t.dtype)) throw new ShapeError(fn, argument, expected(), `dtype ${t.dtype}`);
  return t.shape;
}
