// Adam with decoupled weight decay (AdamW, Loshchilov & Hutter 2019), written out because tfjs has no
// AdamW. Per step t, for each parameter w with gradient g:
//   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2
//   w = w - lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps) - lr * wd * w      (decoupled)
// With `decoupled: false` the decay is classic L2 instead (g = g + wd w before the moments), which is
// what PyTorch's `Adam(weight_decay=...)` does.
import * as tf from '@tensorflow/tfjs-core';

/** AdamW hyperparameters. */
export interface AdamWConfig {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  /** true: decoupled decay (AdamW); false: L2 added to the gradient (PyTorch Adam). */
  readonly decoupled: boolean;
  /** Decay 1-D parameters (biases, layer-norm gains) too; default false, as timm/ALBEF do. */
  readonly decayBiasAndNorm: boolean;
}

/** An AdamW optimiser over a fixed list of variables. Dispose it to free its moment estimates. */
export class AdamW {
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private t = 0;

  constructor(
    private readonly variables: readonly tf.Variable[],
    private readonly config: AdamWConfig,
  ) {
    const zeros = (x: tf.Variable) => {
      const z = tf.zerosLike(x);
      const v = tf.variable(z, false);
      z.dispose(); // the variable keeps its own reference to the data
      return v;
    };
    this.m = variables.map(zeros);
    this.v = variables.map(zeros);
  }

  /** Number of steps taken. */
  get iterations(): number {
    return this.t;
  }

  /** One update from `grads`, keyed by variable name (what tf.variableGrads returns). */
  step(grads: tf.NamedTensorMap): void {
    this.t++;
    const { learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd } = this.config;
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    tf.tidy(() => {
      this.variables.forEach((w, i) => {
        const g0 = grads[w.name];
        if (!g0) return;
        const decays = wd !== 0 && (this.config.decayBiasAndNorm || w.rank > 1);
        const g = decays && !this.config.decoupled ? tf.add(g0, tf.mul(w, wd)) : g0;
        const m = this.m[i]!;
        const v = this.v[i]!;
        m.assign(tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1)));
        v.assign(tf.add(tf.mul(v, b2), tf.mul(tf.square(g), 1 - b2)));
        const update = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), eps));
        let next = tf.sub(w, tf.mul(update, lr));
        if (decays && this.config.decoupled) next = tf.sub(next, tf.mul(w, lr * wd));
        w.assign(next);
      });
    });
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
