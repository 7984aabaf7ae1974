// The contract every VideoQABackbone must meet (shared/SPEC.md sections 1-2, shared/STYLE.md 3.9), as
// one vitest suite that HGA, VGT or any other backbone runs with its own small factory and inputs.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { QAInputs, Rng, VideoQABackbone } from '../backbone.js';
import { seededRandom } from '../shared/seeded-random.js';

/** What a backbone's test provides to `describeBackboneContract`. */
export interface BackboneContractSpec<I extends QAInputs, C extends object> {
  /** Suite title, e.g. 'HGA'. */
  readonly name: string;
  /** A small model with dropout > 0; different seeds must give different weights. */
  create(seed: number): VideoQABackbone<I, C>;
  /** Rebuilds a model from `getConfig()` (e.g. `createHGA`). */
  fromConfig(config: C): VideoQABackbone<I, C>;
  /** Small random inputs without a frameMask, deterministic in `rng`. The suite disposes them. */
  inputs(rng: Rng): I;
  /** [B, T] of the frameMask these inputs take. */
  frameMaskShape(inputs: I): readonly [number, number];
  /** `inputs` with `frameMask` set (no copy of the other tensors). */
  withFrameMask(inputs: I, frameMask: tf.Tensor2D): I;
  /** `inputs` where every frame/clip with mask 0 has new random values (all other values equal). */
  perturbMaskedFrames(inputs: I, frameMask: tf.Tensor2D, rng: Rng): I;
  /**
   * Models without positional encoding only: `inputs` restricted to the frames `keep` (the same for every
   * row), for the property "logits for (V, mask) = logits for the gathered subset of V".
   */
  gatherFrames?(inputs: I, keep: readonly number[]): I;
  /** |a - b| <= tolerance · (1 + |b|) for logits that must agree (default 1e-5; wasm may need 1e-4). */
  readonly tolerance?: number;
}

/** Tensors of `container` that `inputs` did not already hold, for disposal. */
function fresh(container: object, owned: object): tf.Tensor[] {
  const known = new Set(Object.values(owned).filter((v) => v instanceof tf.Tensor));
  return Object.values(container).filter((v): v is tf.Tensor => v instanceof tf.Tensor && !known.has(v));
}

function logitsOf<I extends QAInputs, C extends object>(model: VideoQABackbone<I, C>, inputs: I, training = false, seed = 1): Float32Array {
  return tf.tidy(() => model.call(inputs, { training, rng: seededRandom(seed) }).logits.dataSync() as Float32Array);
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    expect(Number.isFinite(actual[i]), `${what}: finite`).toBe(true);
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / (1 + Math.abs(expected[i]!)));
  }
  expect(worst, `${what}: max |Δ|/(1+|expected|)`).toBeLessThanOrEqual(tolerance);
}

async function newTensors(fn: () => unknown): Promise<number> {
  const before = tf.memory().numTensors;
  tf.dispose((await fn()) as tf.TensorContainer);
  return tf.memory().numTensors - before;
}

/** A 0/1 [B, T] mask keeping `keep` in every row. */
function maskKeeping([b, t]: readonly [number, number], keep: readonly number[]): tf.Tensor2D {
  const values = new Float32Array(b * t);
  for (let i = 0; i < b; i++) for (const k of keep) values[i * t + k] = 1;
  return tf.tensor2d(values, [b, t]);
}

/**
 * Registers the contract suite: output shapes; dropout only in training (seeded); gradients reaching
 * every trainable weight; exact save/load round-trip; dispose freeing everything; getConfig round-trip;
 * no leaked tensors; frameMask semantics (all ones = no mask, masked values never matter, one frame
 * works, a fully masked row stays finite, and — without positional encoding — the gathered-subset
 * property).
 */
export function describeBackboneContract<I extends QAInputs, C extends object>(spec: BackboneContractSpec<I, C>): void {
  const tolerance = spec.tolerance ?? 1e-5;
  const withModel = async (fn: (model: VideoQABackbone<I, C>, inputs: I) => unknown, seed = 1) => {
    const model = spec.create(seed);
    const inputs = spec.inputs(seededRandom(100 + seed));
    try {
      await fn(model, inputs);
    } finally {
      model.dispose();
      tf.dispose(Object.values(inputs).filter((v) => v instanceof tf.Tensor));
    }
  };

  describe(`${spec.name} satisfies the VideoQABackbone contract`, () => {
    it('returns finite logits [B, C]', () =>
      withModel((model, inputs) => {
        const [b, c] = inputs.qaLengths.shape;
        const out = model.call(inputs);
        expect(out.logits.shape).toEqual([b, c]);
        expect(out.logits.dtype).toBe('float32');
        expect(Array.from(out.logits.dataSync()).every(Number.isFinite)).toBe(true);
        tf.dispose(out as unknown as tf.TensorContainer);
      }));

    it('applies dropout only in training, reproducibly from the rng', () =>
      withModel((model, inputs) => {
        const eval1 = logitsOf(model, inputs);
        expect(logitsOf(model, inputs)).toEqual(eval1);
        const train1 = logitsOf(model, inputs, true, 1);
        expect(logitsOf(model, inputs, true, 1), 'same rng seed, same masks').toEqual(train1);
        expect(logitsOf(model, inputs, true, 2), 'another seed, other masks').not.toEqual(train1);
        expect(train1, 'training differs from inference').not.toEqual(eval1);
      }));

    for (const training of [false, true]) {
      it(`sends a finite, non-zero gradient to every trainable weight (training: ${training})`, () =>
        withModel((model, inputs) => {
          expect(model.trainableWeights.length).toBeGreaterThan(0);
          const [b, c] = inputs.qaLengths.shape;
          const weights = tf.tensor2d(Array.from({ length: b * c }, (_, i) => Math.sin(i + 1)), [b, c]);
          const { value, grads } = tf.variableGrads(
            () => tf.sum(tf.mul(model.call(inputs, { training, rng: seededRandom(3) }).logits, weights)) as tf.Scalar,
            [...model.trainableWeights],
          );
          const names = new Map([...model.weights].map(([name, v]) => [v.name, name]));
          for (const v of model.trainableWeights) {
            const g = grads[v.name];
            const label = names.get(v.name) ?? v.name;
            expect(g, `gradient of ${label}`).toBeDefined();
            const values = g!.dataSync();
            expect(values.every(Number.isFinite), `gradient of ${label} is finite`).toBe(true);
            expect(values.some((x) => x !== 0), `gradient of ${label} is not all 0`).toBe(true);
          }
          tf.dispose([value, weights, ...Object.values(grads)]);
        }));
    }

    it('round-trips its weights exactly through saveWeights/loadWeights', () =>
      withModel(async (model, inputs) => {
        const other = spec.create(2);
        try {
          expect(logitsOf(other, inputs)).not.toEqual(logitsOf(model, inputs));
          other.loadWeights(await model.saveWeights());
          expect(logitsOf(other, inputs)).toEqual(logitsOf(model, inputs));
          for (const [name, v] of model.weights) {
            expect(Array.from(other.weights.get(name)!.dataSync()), name).toEqual(Array.from(v.dataSync()));
          }
        } finally {
          other.dispose();
        }
      }));

    it('rebuilds the same model from getConfig()', () =>
      withModel((model, inputs) => {
        const config = JSON.parse(JSON.stringify(model.getConfig())) as C;
        expect(config).toEqual(model.getConfig());
        const copy = spec.fromConfig(config);
        try {
          expect(copy.getConfig()).toEqual(model.getConfig());
          expect(logitsOf(copy, inputs)).toEqual(logitsOf(model, inputs));
        } finally {
          copy.dispose();
        }
      }));

    it('frees every tensor on dispose()', () => {
      const inputs = spec.inputs(seededRandom(5));
      const before = tf.memory().numTensors;
      const model = spec.create(1);
      expect(tf.memory().numTensors).toBeGreaterThan(before);
      tf.dispose(model.call(inputs) as unknown as tf.TensorContainer);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      expect(() => model.call(inputs)).toThrow();
      tf.dispose(Object.values(inputs).filter((v) => v instanceof tf.Tensor));
    });

    it('leaks no tensor in call (inference, training, with a frameMask)', () =>
      withModel(async (model, inputs) => {
        const masked = spec.withFrameMask(inputs, maskKeeping(spec.frameMaskShape(inputs), [0]));
        for (const run of [
          () => model.call(inputs),
          () => model.call(inputs, { training: true, rng: seededRandom(4) }),
          () => model.call(masked),
        ]) {
          await newTensors(run);
          expect(await newTensors(run)).toBe(0);
        }
        tf.dispose(fresh(masked, inputs));
      }));

    describe('frameMask', () => {
      it('an all-ones mask gives the unmasked logits', () =>
        withModel((model, inputs) => {
          const ones = spec.withFrameMask(inputs, tf.ones([...spec.frameMaskShape(inputs)]));
          expectClose(logitsOf(model, ones), logitsOf(model, inputs), tolerance, 'all-ones mask');
          tf.dispose(fresh(ones, inputs));
        }));

      it('the logits never depend on the values of masked frames', () =>
        withModel((model, inputs) => {
          const [b, t] = spec.frameMaskShape(inputs);
          const rng = seededRandom(9);
          const values = Float32Array.from({ length: b * t }, (_, i) => (i % t === 0 || rng() < 0.5 ? 1 : 0));
          const mask = tf.tensor2d(values, [b, t]);
          const masked = spec.withFrameMask(inputs, mask);
          const perturbed = spec.withFrameMask(spec.perturbMaskedFrames(inputs, mask, rng), mask);
          expect(logitsOf(model, perturbed)).toEqual(logitsOf(model, masked));
          tf.dispose([...fresh(masked, inputs), ...fresh(perturbed, inputs)]);
        }));

      it('a single-frame mask works (the spatial-distillation view), and an all-zero row stays finite', () =>
        withModel((model, inputs) => {
          const [b, t] = spec.frameMaskShape(inputs);
          const single = spec.withFrameMask(inputs, maskKeeping([b, t], [t - 1]));
          const logits = logitsOf(model, single);
          expect(logits.length).toBe(inputs.qaLengths.size);
          expect(Array.from(logits).every(Number.isFinite)).toBe(true);
          const none = spec.withFrameMask(inputs, tf.zeros([b, t]));
          expect(Array.from(logitsOf(model, none)).every(Number.isFinite)).toBe(true);
          tf.dispose([...fresh(single, inputs), ...fresh(none, inputs)]);
        }));

      const gather = spec.gatherFrames?.bind(spec);
      if (gather) {
        it('masked logits equal the logits of the gathered subset (no positional encoding)', () =>
          withModel((model, inputs) => {
            const [, t] = spec.frameMaskShape(inputs);
            for (const keep of [[0, t - 1], [1], Array.from({ length: t - 1 }, (_, i) => i + 1)]) {
              const masked = spec.withFrameMask(inputs, maskKeeping(spec.frameMaskShape(inputs), keep));
              const subset = gather(inputs, keep);
              expectClose(logitsOf(model, masked), logitsOf(model, subset), tolerance, `keep ${JSON.stringify(keep)}`);
              tf.dispose([...fresh(masked, inputs), ...fresh(subset, inputs)]);
            }
          }));
      }
    });
  });
}
