// Save/load of a name -> variable map in the tfjs weights-manifest format (exact round trip).
import * as tf from '@tensorflow/tfjs-core';
import type { SavedWeights } from '../../backbone.js';
import { WeightsError } from '../../errors.js';

/** Encodes every variable (in map order) as weights-manifest entries plus one binary buffer. */
export async function saveVariables(weights: ReadonlyMap<string, tf.Variable>): Promise<SavedWeights> {
  const named = [...weights].map(([name, tensor]) => ({ name, tensor }));
  const { data, specs } = await tf.io.encodeWeights(named);
  return { data, specs };
}

/**
 * Assigns saved values to the variables. Every variable must be present with the same shape and dtype
 * and no other entry may appear; nothing is assigned unless all entries check out.
 * @throws WeightsError naming the first offending weight.
 */
export function loadVariables(fn: string, weights: ReadonlyMap<string, tf.Variable>, saved: SavedWeights): void {
  if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.specs) || !(saved.data instanceof ArrayBuffer)) {
    throw new WeightsError(fn, '<weights>', 'expected { specs: WeightsManifestEntry[], data: ArrayBuffer }');
  }
  let decoded: tf.NamedTensorMap;
  try {
    decoded = tf.io.decodeWeights(saved.data, saved.specs);
  } catch (cause) {
    throw new WeightsError(fn, '<weights>', 'could not decode the weights buffer', { cause });
  }
  try {
    for (const name of Object.keys(decoded)) {
      if (!weights.has(name)) throw new WeightsError(fn, name, 'unexpected weight (not part of this model)');
    }
    for (const [name, variable] of weights) {
      const value = decoded[name];
      if (value === undefined) throw new WeightsError(fn, name, 'missing');
      if (value.dtype !== variable.dtype || value.shape.join() !== variable.shape.join()) {
        throw new WeightsError(fn, name, `is ${value.dtype} [${value.shape.join(', ')}], expected ${variable.dtype} [${variable.shape.join(', ')}]`);
      }
    }
    for (const [name, variable] of weights) variable.assign(decoded[name]!);
  } finally {
    tf.dispose(decoded);
  }
}
