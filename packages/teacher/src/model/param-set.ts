// Named, seeded parameters. Each parameter's initial values depend only on (seed, name, shape), not
// on creation order, so adding a parameter never changes the others.
import * as tf from '@tensorflow/tfjs-core';
import { crc32 } from '../crc32.js';
import { ConfigError } from '../errors.js';
import { createRng, fnv1a32 } from '../hash.js';

/** How a parameter starts. */
export type ParamInit = 'glorot' | 'embedding' | 'zeros' | 'ones';

/** A parameter's values as plain data (checkpoints). */
export interface NamedWeight {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Initial values: Glorot-uniform (fan-in = shape[0..-1], fan-out = last dim), U(-0.05, 0.05) for embeddings. */
export function initialValues(seed: number, name: string, shape: readonly number[], init: ParamInit): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  if (init === 'ones') return out.fill(1);
  if (init === 'zeros') return out;
  const rng = createRng(fnv1a32(`${seed}/${name}`));
  const fanOut = shape[shape.length - 1]!;
  const fanIn = size / fanOut;
  const limit = init === 'embedding' ? 0.05 : Math.sqrt(6 / (fanIn + fanOut));
  for (let i = 0; i < size; i++) out[i] = (2 * rng() - 1) * limit;
  return out;
}

/** An ordered map of named variables with a group label each (visual / text / interaction). */
export class ParamSet {
  private readonly vars = new Map<string, tf.Variable>();
  /** The values every parameter was created with, in order (for the initial fingerprint). */
  readonly created: NamedWeight[] = [];

  constructor(private readonly seed: number) {}

  /**
   * Creates parameter `name` with seeded initial values, or with its values from `weights` when a
   * weight map is given (then a missing or mis-shaped weight is a ConfigError).
   */
  add(name: string, shape: readonly number[], init: ParamInit, weights?: ReadonlyMap<string, NamedWeight>): tf.Variable {
    let data: Float32Array;
    if (weights) {
      const given = weights.get(name);
      if (!given) throw new ConfigError('loadWeights', `weights['${name}']`, undefined, 'is missing from the checkpoint');
      if (given.shape.join(',') !== shape.join(',')) {
        throw new ConfigError('loadWeights', `weights['${name}'].shape`, given.shape, `must be [${shape.join(', ')}]`);
      }
      data = given.data;
    } else {
      data = initialValues(this.seed, name, shape, init);
    }
    const initial = tf.tensor(data, [...shape], 'float32');
    const v = tf.variable(initial, true);
    initial.dispose(); // the variable keeps its own reference to the data
    this.vars.set(name, v);
    this.created.push({ name, shape: [...shape], data });
    return v;
  }

  get(name: string): tf.Variable {
    const v = this.vars.get(name);
    if (!v) throw new Error(`ParamSet: no parameter '${name}'`);
    return v;
  }

  names(): string[] {
    return [...this.vars.keys()];
  }

  /** Variables whose name starts with `prefix` (e.g. 'interaction/'). */
  group(prefix: string): tf.Variable[] {
    return [...this.vars].filter(([n]) => n.startsWith(prefix)).map(([, v]) => v);
  }

  /** Every parameter's values, in creation order. */
  async read(): Promise<NamedWeight[]> {
    return Promise.all(
      [...this.vars].map(async ([name, v]) => ({ name, shape: [...v.shape], data: (await v.data()) as Float32Array })),
    );
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }
}

/** CRC-32 (hex) over the weights' names and bytes, in order: the teacher's fingerprint. */
export function fingerprintWeights(weights: readonly NamedWeight[]): string {
  let c = 0;
  for (const w of weights) {
    for (let i = 0; i < w.name.length; i++) c = crc32(Uint8Array.of(w.name.charCodeAt(i) & 0xff), 0, 1, c);
    c = crc32(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength), 0, w.data.byteLength, c);
  }
  return c.toString(16).padStart(8, '0');
}
