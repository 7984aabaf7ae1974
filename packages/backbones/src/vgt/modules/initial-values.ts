// Seeded initial values for the variables listed by vgtWeightSpecs (reference init rules, our generator).
import { createSeededRandom } from './seeded-random.js';
import { sinusoidalPositions } from './sinusoidal-positions.js';
import type { WeightSpec } from './vgt-weight-specs.js';

/** Draws the initial value of every spec, in order, from one generator seeded with `seed`. */
export function initialValues(specs: readonly WeightSpec[], seed: number): Map<string, Float32Array | Int32Array> {
  const random = createSeededRandom(seed);
  const values = new Map<string, Float32Array | Int32Array>();
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const init = spec.init;
    let data: Float32Array | Int32Array;
    if (spec.dtype === 'int32') {
      data = new Int32Array(size).fill(init.kind === 'constant' ? init.value : 0);
    } else if (init.kind === 'sinusoidal') {
      data = sinusoidalPositions(spec.shape[0]!, spec.shape[1]!);
    } else {
      data = new Float32Array(size);
      if (init.kind === 'constant') data.fill(init.value);
      else if (init.kind === 'normal') for (let i = 0; i < size; i++) data[i] = init.std * random.normal();
      else for (let i = 0; i < size; i++) data[i] = (2 * random.uniform() - 1) * init.bound;
    }
    values.set(spec.name, data);
  }
  return values;
}
