// Adam (Kingma & Ba 2015) with optional decoupled weight decay (AdamW, Loshchilov & Hutter 2019) and
// global-norm gradient clipping, keyed by the backbone's stable weight names so that its state can be
// checkpointed and restored exactly in another process (tf.train.adam keys its state by tfjs variable
// names, which depend on creation order).
import * as tf from '@tensorflow/tfjs';

/** Adam hyperparameters. */
export interface AdamConfig {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Decoupled weight decay (AdamW); 0 = plain Adam. */
  readonly weightDecay: number;
  /** Clip gradients to this global L2 norm (VGT's reference uses 12); 0 = no clipping. */
  readonly clipNorm: number;
}

export const ADAM_DEFAULTS: Readonly<AdamConfig> = Object.freeze({ learningRate: 1e-4, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0, clipNorm: 0 });

/** Plain-data optimizer state: step count and the moment estimates per weight name. */
export interface AdamState {
  readonly step: number;
  readonly moments: ReadonlyMap<string, { readonly m: Float32Array; readonly v: Float32Array }>;
}

export class AdamOptimizer {
  private step = 0;
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();

  constructor(
    readonly config: Readonly<AdamConfig>,
    private readonly weights: ReadonlyMap<string, tf.Variable>,
  ) {
    for (const [name, w] of weights) {
      if (!w.trainable) continue;
      // tidy frees the zerosLike tensors (the variables keep their data).
      this.m.set(name, tf.tidy(() => tf.variable(tf.zerosLike(w), false)));
      this.v.set(name, tf.tidy(() => tf.variable(tf.zerosLike(w), false)));
    }
  }

  /** The learning rate used by the next step (a schedule sets it). */
  learningRate = 0;

  /**
   * One update from gradients keyed by tfjs variable name (as `tf.variableGrads` returns them).
   * Returns the global gradient norm before clipping (a scalar the caller owns).
   */
  apply(grads: tf.NamedTensorMap): tf.Scalar {
    const lr = this.learningRate || this.config.learningRate;
    this.step += 1;
    const { beta1, beta2, epsilon, weightDecay, clipNorm } = this.config;
    const names = [...this.m.keys()];
    const gradOf = (name: string): tf.Tensor | undefined => grads[this.weights.get(name)!.name];
    return tf.tidy(() => {
      const present = names.filter((n) => gradOf(n) !== undefined);
      const norm = present.length === 0 ? tf.scalar(0) : tf.sqrt(tf.addN(present.map((n) => tf.sum(tf.square(gradOf(n)!)))));
      const scale = clipNorm > 0 ? tf.minimum(tf.scalar(1), tf.div(clipNorm, tf.maximum(norm, 1e-12))) : null;
      const c1 = 1 - beta1 ** this.step;
      const c2 = 1 - beta2 ** this.step;
      // One tidy per weight: its ~10 temporaries are freed before the next weight's (peak memory).
      for (const name of present) {
        tf.tidy(() => {
          const w = this.weights.get(name)!;
          const g = scale ? tf.mul(gradOf(name)!, scale) : gradOf(name)!;
          const m = this.m.get(name)!;
          const v = this.v.get(name)!;
          m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
          v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
          const update = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), epsilon));
          const decayed = weightDecay > 0 ? tf.mul(w, 1 - lr * weightDecay) : w;
          w.assign(tf.sub(decayed, tf.mul(update, lr)));
        });
      }
      return norm as tf.Scalar;
    });
  }

  /** A copy of the state as plain data. */
  getState(): AdamState {
    const moments = new Map<string, { m: Float32Array; v: Float32Array }>();
    for (const name of this.m.keys()) {
      moments.set(name, { m: this.m.get(name)!.dataSync() as Float32Array, v: this.v.get(name)!.dataSync() as Float32Array });
    }
    return { step: this.step, moments };
  }

  /** Restores a state from `getState` (same weight names and sizes). */
  setState(state: AdamState): void {
    for (const name of this.m.keys()) {
      const saved = state.moments.get(name);
      if (saved === undefined) throw new Error(`AdamOptimizer.setState: no moments for weight '${name}'`);
      const m = this.m.get(name)!;
      if (saved.m.length !== m.size || saved.v.length !== m.size) {
        throw new Error(`AdamOptimizer.setState: moments of '${name}' have ${saved.m.length} values, expected ${m.size}`);
      }
      tf.tidy(() => {
        m.assign(tf.tensor(saved.m, m.shape));
        this.v.get(name)!.assign(tf.tensor(saved.v, m.shape));
      });
    }
    this.step = state.step;
  }

  dispose(): void {
    tf.dispose([...this.m.values(), ...this.v.values()]);
  }
}
