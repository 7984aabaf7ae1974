// Creating, saving and loading a model's variables as one Map<string, tf.Variable> keyed by stable
// names (for the ports here: the reference PyTorch state_dict keys).
import * as tf from '@tensorflow/tfjs-core';
import type { SavedWeights } from '../backbone.js';
import { WeightsError } from '../errors.js';
import { shapeText } from './assert-tensor.js';

/** How to create one variable. */
export interface VariableSpec {
  readonly shape: readonly number[];
  /** Whether an optimizer should update it (listed in `trainableWeights`). */
  readonly trainable: boolean;
  /** Initial values, row-major, length = product of `shape`. */
  readonly init: () => Float32Array;
}

/**
 * Creates one float32 variable per spec, in the specs' order. tfjs variable names are left to tfjs
 * (they must be unique per process); the Map key is the stable name.
 */
export function createVariables(specs: ReadonlyMap<string, VariableSpec>): Map<string, tf.Variable> {
  const out = new Map<string, tf.Variable>();
  try {
    for (const [name, spec] of specs) {
      const values = tf.tensor(spec.init(), [...spec.shape], 'float32');
      out.set(name, tf.variable(values, spec.trainable));
      values.dispose();
    }
  } catch (error) {
    for (const v of out.values()) v.dispose();
    throw error;
  }
  return out;
}

/** Serialises every variable, in the Map's order, to the tfjs weights-manifest format. */
export async function saveVariables(variables: ReadonlyMap<string, tf.Variable>): Promise<SavedWeights> {
  const named = [...variables].map(([name, tensor]) => ({ name, tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  return { specs, data };
}

/**
 * Loads weights saved by `saveVariables` into `variables`. Every name must be present exactly once, with
 * the same shape and a float32 dtype; nothing is assigned unless everything matches.
 *
 * @throws WeightsError naming the first missing, unexpected or mis-shaped weight
 */
export function loadVariables(fn: string, variables: ReadonlyMap<string, tf.Variable>, saved: SavedWeights): void {
  if (saved == null || !Array.isArray(saved.specs) || !(saved.data instanceof ArrayBuffer)) {
    throw new WeightsError(fn, '<weights>', 'expected { specs: WeightsManifestEntry[], data: ArrayBuffer }');
  }
  const seen = new Set<string>();
  for (const spec of saved.specs) {
    const target = variables.get(spec.name);
    if (target == null) throw new WeightsError(fn, spec.name, 'is not a weight of this model (unexpected)');
    if (seen.has(spec.name)) throw new WeightsError(fn, spec.name, 'appears twice');
    seen.add(spec.name);
    if (spec.dtype !== 'float32') throw new WeightsError(fn, spec.name, `has dtype ${spec.dtype}, expected float32`);
    if (spec.shape.length !== target.shape.length || spec.shape.some((d, i) => d !== target.shape[i])) {
      throw new WeightsError(fn, spec.name, `has shape ${shapeText(spec.shape)}, expected ${shapeText(target.shape)}`);
    }
  }
  for (const name of variables.keys()) if (!seen.has(name)) throw new WeightsError(fn, name, 'is missing');
  let decoded: tf.NamedTensorMap;
  try {
    decoded = tf.io.decodeWeights(saved.data, saved.specs);
  } catch (cause) {
    throw new WeightsError(fn, '<weights>', 'data does not match the specs', { cause });
  }
  try {
    for (const [name, v] of variables) v.assign(decoded[name]!);
  } finally {
    tf.dispose(decoded);
  }
}

/**
 * Assigns raw values to variables by name (e.g. weights read from a PyTorch state_dict). Checks every
 * entry first; nothing is assigned unless all match.
 *
 * @throws WeightsError naming the first missing, unexpected or mis-shaped weight
 */
export function assignVariables(
  fn: string,
  variables: ReadonlyMap<string, tf.Variable>,
  values: ReadonlyMap<string, { readonly shape: readonly number[]; readonly data: ArrayLike<number> }>,
): void {
  for (const [name, value] of values) {
    const target = variables.get(name);
    if (target == null) throw new WeightsError(fn, name, 'is not a weight of this model (unexpected)');
    if (value.shape.length !== target.shape.length || value.shape.some((d, i) => d !== target.shape[i])) {
      throw new WeightsError(fn, name, `has shape ${shapeText(value.shape)}, expected ${shapeText(target.shape)}`);
    }
    if (value.data.length !== target.size) throw new WeightsError(fn, name, `has ${value.data.length} values, expected ${target.size}`);
  }
  for (const name of variables.keys()) if (!values.has(name)) throw new WeightsError(fn, name, 'is missing');
  for (const [name, v] of variables) {
    const value = values.get(name)!;
    tf.tidy(() => v.assign(tf.tensor(Float32Array.from(value.data), [...value.shape], 'float32')));
  }
}
