import * as tf from '@tensorflow/tfjs-core';
import { expectArrayClose } from './expect-close.js';

/**
 * Central finite differences of a scalar function of one tensor, in float64 on the JS side:
 * the function is evaluated in float32 by tfjs, so use a step around 1e-2..1e-3 and loose tolerances.
 */
export function numericGradient(f: (x: tf.Tensor) => tf.Scalar, x: tf.Tensor, eps = 1e-2): Float64Array {
  const base = x.dataSync();
  const grad = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const plus = Float32Array.from(base);
    const minus = Float32Array.from(base);
    plus[i]! += eps;
    minus[i]! -= eps;
    const fp = tf.tidy(() => f(tf.tensor(plus, x.shape)).dataSync()[0]!);
    const fm = tf.tidy(() => f(tf.tensor(minus, x.shape)).dataSync()[0]!);
    grad[i] = (fp - fm) / (2 * eps);
  }
  return grad;
}

/** Asserts tf.grad(f)(x) matches central finite differences. */
export function expectGradientMatchesFiniteDifference(
  f: (x: tf.Tensor) => tf.Scalar,
  x: tf.Tensor,
  { eps = 1e-2, rtol = 2e-2, atol = 2e-3 }: { eps?: number; rtol?: number; atol?: number } = {},
): void {
  const analytic = tf.tidy(() => tf.grad(f)(x).dataSync());
  expectArrayClose(analytic, numericGradient(f, x, eps), { rtol, atol });
}
