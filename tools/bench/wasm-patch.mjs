// Before/after timing of the wasm transposed-matMul patch on a small recurrent model's training step
// (B64, T16, 2048 -> GRU 256 -> 5 logits, Adam). Usage (after `npx nx run @sparc-vqa/runner:build`):
//   node tools/bench/wasm-patch.mjs wasm|wasm-unpatched|cpu [steps]
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../apps/runner/dist/backend.js';

const mode = process.argv[2] ?? 'wasm';
const steps = Number(process.argv[3] ?? 5);
await initBackend(mode === 'cpu' ? 'cpu' : 'wasm', { patchWasmMatMul: mode !== 'wasm-unpatched' });
const B = 64, T = 16, D = 2048, H = 256, C = 5;
const x = tf.randomNormal([B, T, D], 0, 1, 'float32', 1);
const y = tf.oneHot(tf.randomUniform([B], 0, C, 'int32', 2), C);
const v = (s, seed) => tf.variable(tf.randomNormal(s, 0, 1 / Math.sqrt(s[0]), 'float32', seed));
const wx = v([D, 3 * H], 3), wh = v([H, 3 * H], 4), bx = tf.variable(tf.zeros([3 * H])), wo = v([H, C], 5);
const opt = tf.train.adam(1e-3);
const loss = () => {
  const proj = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [B * T, D]), wx), bx), [B, T, 3 * H]);
  let h = tf.zeros([B, H]);
  for (let t = 0; t < T; t++) {
    const [xz, xr, xn] = tf.split(tf.reshape(tf.slice(proj, [0, t, 0], [B, 1, 3 * H]), [B, 3 * H]), 3, 1);
    const [hz, hr, hn] = tf.split(tf.matMul(h, wh), 3, 1);
    const z = tf.sigmoid(tf.add(xz, hz)), r = tf.sigmoid(tf.add(xr, hr));
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), n));
  }
  return tf.losses.softmaxCrossEntropy(y, tf.matMul(h, wo));
};
const times = [];
let last;
for (let i = 0; i < steps + 1; i++) {
  const t0 = performance.now();
  last = opt.minimize(loss, true);
  const value = (await last.data())[0];
  last.dispose();
  if (i > 0) times.push(performance.now() - t0);
  if (i === steps) console.log(JSON.stringify({ mode, backend: tf.getBackend(), loss: value, medianMs: times.sort((a, b) => a - b)[Math.floor(times.length / 2)], runs: times.length }));
}
