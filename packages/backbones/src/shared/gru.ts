// A one-layer unidirectional GRU (torch.nn.GRU, gate order r, z, n) as one custom-gradient op: one input
// projection for all time steps and gates, one recurrent matMul per step, and a hand-written
// backpropagation through time (a fixed ~20 ops per step, one recurrent matMul per step, and the weight
// gradients as one matMul each over all steps). A step mask makes the state pass over masked steps
// unchanged, which reproduces pack_padded_sequence for length masks. Tested against gru-reference.ts
// (the same function from tfjs ops with automatic differentiation).
import * as tf from '@tensorflow/tfjs-core';
import { linear } from './linear.js';

/** GRU weights in PyTorch's layout (`weight_ih_l0` [3H, in], `weight_hh_l0` [3H, H], biases [3H]). */
export interface GRUWeights {
  readonly weightIh: tf.Tensor2D;
  readonly weightHh: tf.Tensor2D;
  readonly biasIh: tf.Tensor1D;
  readonly biasHh: tf.Tensor1D;
}

/** Result of `gru`. */
export type GRUResult = {
  /** [N, T, H]: the state after each step; exactly 0 at masked steps. */
  readonly outputs: tf.Tensor3D;
  /** [N, H]: the state after the last unmasked step (0 if every step is masked). */
  readonly last: tf.Tensor2D;
};

type Saved = { steps: number; masked: boolean };

/** The saved tensors, in `save` order: xt, wih, whh, then per step hPrev, r, z, n, hn (and keep [N, 1]). */
function savedLayout(saved: readonly tf.Tensor[], { steps, masked }: Saved) {
  const per = masked ? 6 : 5;
  const at = (t: number, k: number) => saved[3 + t * per + k]!;
  return {
    xt: saved[0] as tf.Tensor2D,
    wih: saved[1] as tf.Tensor2D,
    whh: saved[2] as tf.Tensor2D,
    step: (t: number) => ({ hPrev: at(t, 0), r: at(t, 1), z: at(t, 2), n: at(t, 3), hn: at(t, 4), keep: masked ? at(t, 5) : undefined }),
    steps,
  };
}

function gruOp(masked: boolean) {
  return tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x, wih, bih, whh, bhh] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];
    const mask = masked ? (args[5] as tf.Tensor2D) : undefined;
    const save = args[masked ? 6 : 5] as tf.GradSaveFunc;
    const [n, steps, inSize] = x.shape;
    const hidden = whh.shape[1];
    // Time-major rows t·N + i; one projection for every step and gate: [T·N, 3H].
    const xt = tf.reshape(tf.transpose(x, [1, 0, 2]), [steps * n, inSize]) as tf.Tensor2D;
    const gates = tf.split(linear(xt, wih, bih), 3, 1).map((g) => tf.unstack(tf.reshape(g, [steps, n, hidden])));
    const [xr, xz, xn] = gates as [tf.Tensor[], tf.Tensor[], tf.Tensor[]];
    const whhT = tf.transpose(whh);
    let keepFloat: tf.Tensor[] = [];
    let keepBool: tf.Tensor[] = [];
    if (mask) {
      const m = tf.expandDims(tf.transpose(mask), 2); // [T, N, 1]
      keepFloat = tf.unstack(m);
      keepBool = tf.unstack(tf.cast(tf.mul(m, tf.ones([1, 1, hidden])), 'bool'));
    }
    const toSave: tf.Tensor[] = [xt, wih, whh];
    let h: tf.Tensor = tf.zeros([n, hidden]);
    const outputs: tf.Tensor[] = [];
    for (let t = 0; t < steps; t++) {
      const [hr, hz, hn] = tf.split(tf.fused.matMul({ a: h as tf.Tensor2D, b: whhT, bias: bhh }), 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
      const r = tf.sigmoid(tf.add(xr[t]!, hr));
      const z = tf.sigmoid(tf.add(xz[t]!, hz));
      const cand = tf.tanh(tf.add(xn[t]!, tf.mul(r, hn)));
      const next = tf.add(cand, tf.mul(z, tf.sub(h, cand)));
      toSave.push(h, r, z, cand, hn);
      if (mask) {
        toSave.push(keepFloat[t]!);
        h = tf.where(keepBool[t]!, next, h); // exact: masked rows keep h bit for bit
        outputs.push(tf.mul(h, keepFloat[t]!));
      } else {
        h = next;
        outputs.push(h);
      }
    }
    save(toSave);
    outputs.push(h);
    // One tensor [N, T + 1, H]: the T outputs, then the last state.
    const value = tf.transpose(tf.stack(outputs), [1, 0, 2]);
    const layout: Saved = { steps, masked };
    return {
      value,
      gradFunc: (dy: tf.Tensor, savedTensors: tf.Tensor[]) => {
        const s = savedLayout(savedTensors, layout);
        const dys = tf.unstack(tf.transpose(dy, [1, 0, 2])); // T + 1 tensors [N, H]
        let dh = dys[s.steps]!;
        const dPre: tf.Tensor[] = new Array<tf.Tensor>(s.steps);
        const dHH: tf.Tensor[] = new Array<tf.Tensor>(s.steps);
        const hPrev: tf.Tensor[] = new Array<tf.Tensor>(s.steps);
        for (let t = s.steps - 1; t >= 0; t--) {
          const { hPrev: hp, r, z, n: cand, hn, keep } = s.step(t);
          let dNew: tf.Tensor;
          let dPass: tf.Tensor | undefined;
          if (keep) {
            const total = tf.add(dh, tf.mul(dys[t]!, keep)); // outputs_t = keep ⊙ h_t
            dNew = tf.mul(total, keep);
            dPass = tf.sub(total, dNew); // exact: total where keep = 0, 0 where keep = 1
          } else {
            dNew = tf.add(dh, dys[t]!);
          }
          const oneMinusZ = tf.sub(1, z);
          const dpn = tf.mul(tf.mul(dNew, oneMinusZ), tf.sub(1, tf.square(cand))); // through n = tanh(·)
          const dpz = tf.mul(tf.mul(dNew, tf.sub(hp, cand)), tf.mul(z, oneMinusZ));
          const dpr = tf.mul(tf.mul(dpn, hn), tf.mul(r, tf.sub(1, r)));
          const dhh = tf.concat([dpr, dpz, tf.mul(dpn, r)], 1); // d(h·Whhᵀ + bhh)
          dPre[t] = tf.concat([dpr, dpz, dpn], 1); // d(x·Wihᵀ + bih)
          dHH[t] = dhh;
          hPrev[t] = hp;
          const direct = tf.add(tf.mul(dNew, z), tf.matMul(dhh, s.whh));
          dh = dPass ? tf.add(direct, dPass) : direct;
        }
        const dPreAll = tf.concat(dPre, 0) as tf.Tensor2D; // [T·N, 3H], time-major like xt
        const dHHAll = tf.concat(dHH, 0) as tf.Tensor2D;
        const [rows, inDim] = s.xt.shape;
        const steps = s.steps;
        const dx = tf.transpose(tf.reshape(tf.matMul(dPreAll, s.wih), [steps, rows / steps, inDim]), [1, 0, 2]);
        const grads = [
          dx,
          tf.matMul(dPreAll, s.xt, true, false),
          tf.sum(dPreAll, 0),
          tf.matMul(dHHAll, tf.concat(hPrev, 0) as tf.Tensor2D, true, false),
          tf.sum(dHHAll, 0),
        ];
        return masked ? [...grads, tf.zeros([rows / steps, steps])] : grads;
      },
    };
  });
}

const GRU_MASKED = gruOp(true);
const GRU_UNMASKED = gruOp(false);

/**
 * Runs a GRU over `x` from a zero initial state:
 * r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = n + z ⊙ (h − n) (PyTorch's own form of
 * (1 − z) ⊙ n + z ⊙ h).
 *
 * With `mask`, a step where mask = 0 leaves the state unchanged and outputs 0: for a length mask this is
 * exactly PyTorch's packed-sequence GRU padded back with zeros, `last` being the state after each row's
 * last valid step. No value is read back from the device. Gradients reach x and the four weights (not
 * the mask).
 *
 * @param x [N, T, in]
 * @param weights PyTorch layout, H = weightHh.shape[1]
 * @param mask [N, T] of 0/1 float32, optional (default: every step valid)
 */
export function gru(x: tf.Tensor3D, weights: GRUWeights, mask?: tf.Tensor2D): GRUResult {
  return tf.tidy(() => {
    const [n, steps] = x.shape;
    const hidden = weights.weightHh.shape[1];
    const inputs = [x, weights.weightIh, weights.biasIh, weights.weightHh, weights.biasHh];
    const packed = mask ? GRU_MASKED(...inputs, mask) : GRU_UNMASKED(...inputs);
    const [outputs, last] = tf.split(packed, [steps, 1], 1);
    return { outputs: outputs as tf.Tensor3D, last: tf.reshape(last!, [n, hidden]) as tf.Tensor2D };
  });
}
