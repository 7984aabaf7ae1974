// The straightforward GRU (torch.nn.GRU, gate order r, z, n) from tfjs ops with automatic differentiation:
// the reference that gru.ts (one custom-gradient op) is tested against. Not used by the models.
import * as tf from '@tensorflow/tfjs-core';
import type { GRUResult, GRUWeights } from './gru.js';
import { stackRows, unstackRows } from './unstack-rows.js';

/**
 * Runs a GRU over `x` from a zero initial state:
 * r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = n + z ⊙ (h − n) (PyTorch's own form of
 * (1 − z) ⊙ n + z ⊙ h).
 *
 * With `mask`, a step where mask = 0 leaves the state unchanged and outputs 0: for a length mask this is
 * exactly PyTorch's packed-sequence GRU padded back with zeros, `last` being the state after each row's
 * last valid step. No value is read back from the device.
 *
 * @param x [N, T, in]
 * @param weights PyTorch layout, H = weightHh.shape[1]
 * @param mask [N, T] of 0/1 float32, optional (default: every step valid)
 */
export function referenceGRU(x: tf.Tensor3D, weights: GRUWeights, mask?: tf.Tensor2D): GRUResult {
  return tf.tidy(() => {
    const [n, steps, inSize] = x.shape;
    const hidden = weights.weightHh.shape[1];
    // PyTorch stacks the gates (r, z, n) along the rows of each weight; handle each gate separately so
    // that no per-step tensor needs slicing (slices are costly on wasm, see unstack-rows.ts).
    const gates = (w: tf.Tensor) => tf.split(w, 3, 0);
    const [wir, wiz, win] = gates(weights.weightIh) as tf.Tensor2D[];
    const [bir, biz, bin] = gates(weights.biasIh) as tf.Tensor1D[];
    const [whr, whz, whn] = gates(weights.weightHh).map((w) => tf.transpose(w)) as tf.Tensor2D[];
    const [bhr, bhz, bhn] = gates(weights.biasHh) as tf.Tensor1D[];
    // One projection per gate for all steps at once, time-major, then one [N, H] tensor per step.
    const timeMajor = tf.reshape(tf.transpose(x, [1, 0, 2]), [steps * n, inSize]) as tf.Tensor2D;
    const project = (w: tf.Tensor2D, b: tf.Tensor1D) =>
      unstackRows(tf.reshape(tf.fused.matMul({ a: timeMajor, b: tf.transpose(w), bias: b }), [steps, n, hidden]));
    const xr = project(wir!, bir!);
    const xz = project(wiz!, biz!);
    const xn = project(win!, bin!);
    let keep: tf.Tensor[] | undefined;
    let hold: tf.Tensor[] | undefined;
    if (mask) {
      const m = tf.expandDims(tf.transpose(mask), 2); // [T, N, 1]
      keep = unstackRows(m);
      hold = unstackRows(tf.sub(1, m));
    }
    let h: tf.Tensor = tf.zeros([n, hidden]);
    const outputs: tf.Tensor[] = [];
    for (let t = 0; t < steps; t++) {
      const hh = h as tf.Tensor2D;
      const r = tf.sigmoid(tf.add(xr[t]!, tf.fused.matMul({ a: hh, b: whr!, bias: bhr! })));
      const z = tf.sigmoid(tf.add(xz[t]!, tf.fused.matMul({ a: hh, b: whz!, bias: bhz! })));
      const cand = tf.tanh(tf.add(xn[t]!, tf.mul(r, tf.fused.matMul({ a: hh, b: whn!, bias: bhn! }))));
      const next = tf.add(cand, tf.mul(z, tf.sub(h, cand)));
      if (keep && hold) {
        h = tf.add(tf.mul(keep[t]!, next), tf.mul(hold[t]!, h));
        outputs.push(tf.mul(keep[t]!, h));
      } else {
        h = next;
        outputs.push(h);
      }
    }
    return { outputs: stackRows(outputs, 1) as tf.Tensor3D, last: h as tf.Tensor2D };
  });
}
