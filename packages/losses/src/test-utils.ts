// Test-only helpers of @sparc-vqa/losses (not exported from index.ts): the PyTorch float64 reference
// fixture (shared/fixtures/losses/losses.json, read from ../shared beside the repository; see its `description`) and small tensor helpers.
import * as tf from '@tensorflow/tfjs-core';
import fixture from '../../../../shared/fixtures/losses/losses.json';

type Matrix = number[][];

/** One reference case: the loss value and its gradient w.r.t. each logits input (null: not an input). */
export interface FixtureCase {
  readonly value: number | number[];
  readonly grad_wholeLogits?: Matrix | null;
  readonly grad_guidedLogits?: Matrix | null;
  readonly grad_singleFrameLogits?: Matrix | null;
}

export interface LossesFixture {
  readonly description: string;
  readonly inputs: {
    readonly wholeLogits: Matrix;
    readonly guidedLogits: Matrix;
    readonly singleFrameLogits: Matrix;
    readonly answers: number[];
    readonly teacherProbs: Matrix;
    readonly sampleWeights: number[];
  };
  readonly cases: Readonly<Record<string, FixtureCase>>;
  readonly extreme: {
    readonly logits: Matrix;
    readonly answers: number[];
    readonly ce: number;
    readonly kl_big_vs_zero: number;
  };
}

export const FIXTURE = fixture as unknown as LossesFixture;

/** The reference case `name` (throws if absent, so a renamed case cannot silently pass). */
export function fixtureCase(name: string): FixtureCase {
  const c = FIXTURE.cases[name];
  if (c === undefined) throw new Error(`fixture case '${name}' not found`);
  return c;
}

/** Fresh tensors of the fixture inputs (the caller disposes them). */
export function fixtureTensors(): {
  wholeLogits: tf.Tensor2D;
  guidedLogits: tf.Tensor2D;
  singleFrameLogits: tf.Tensor2D;
  answers: tf.Tensor1D;
  teacherProbs: tf.Tensor2D;
  sampleWeights: tf.Tensor1D;
} {
  const i = FIXTURE.inputs;
  return {
    wholeLogits: tf.tensor2d(i.wholeLogits),
    guidedLogits: tf.tensor2d(i.guidedLogits),
    singleFrameLogits: tf.tensor2d(i.singleFrameLogits),
    answers: tf.tensor1d(i.answers, 'int32'),
    teacherProbs: tf.tensor2d(i.teacherProbs),
    sampleWeights: tf.tensor1d(i.sampleWeights),
  };
}

/** Value of `f(...xs)` and its gradient w.r.t. every x, as plain arrays; frees every tensor it makes. */
export function valueAndGradients(
  f: (...xs: tf.Tensor[]) => tf.Scalar,
  xs: tf.Tensor[],
): { value: number; grads: Float32Array[] } {
  const { value, grads } = tf.valueAndGrads((...args: tf.Tensor[]) => f(...args))(xs);
  try {
    return { value: value.dataSync()[0]!, grads: grads.map((g) => Float32Array.from(g.dataSync() as Float32Array)) };
  } finally {
    tf.dispose([value, ...grads]);
  }
}

/** Reads a tensor's values and disposes it. */
export function take(t: tf.Tensor): number[] {
  try {
    return Array.from(t.dataSync());
  } finally {
    t.dispose();
  }
}

/** Runs `fn`, which must throw, and returns what it threw. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to throw, but it returned');
}

/** log-sum-exp of a row in float64. */
export function logSumExp(row: readonly number[]): number {
  const m = Math.max(...row);
  return m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
}

/** softmax of a row in float64. */
export function softmax(row: readonly number[]): number[] {
  const l = logSumExp(row);
  return row.map((v) => Math.exp(v - l));
}
