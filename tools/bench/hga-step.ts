// HGA forward / training-step timing on the runner's backend layer (wasm patches active), with a
// per-kernel profile. Not a test. Usage:
//   node --conditions=@sparc-vqa/source --import tsx tools/bench/hga-step.ts \
//     [--scale synthetic|reference] [--backend wasm|cpu] [--batch N] [--steps N] [--forward] [--profile]
// synthetic: the `sparc reproduce` model (videoDim 128, tokenDim 64, hidden 64, Block 160/8/4, dropout 0.1),
//   B = 32 samples x 3 views (whole, guided, single-frame), T 16, C 5, L 16.
// reference: issue 8's shapes (NExT-QA HGA defaults), B = 64, T 16, C 5, L 37.
import * as tf from '@tensorflow/tfjs';
import { createHGA, type HGAConfig, type HGAInputs } from '@sparc-vqa/backbones';
import { initBackend } from '../../apps/runner/src/backend/index.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const scale = opt('scale', 'synthetic');
const backend = opt('backend', 'wasm') as 'wasm' | 'cpu';
const steps = Number(opt('steps', '5'));
const forwardOnly = flag('forward');
const profile = flag('profile');
/** With --profile: key the matMul kernels' rows by input shapes and transpose flags. */
const byShape = flag('shapes');

interface Scale {
  readonly config: Partial<HGAConfig>;
  readonly samples: number;
  readonly views: number;
  readonly clips: number;
  readonly candidates: number;
  readonly tokens: number;
}
const SCALES: Record<string, Scale> = {
  synthetic: {
    config: { videoDim: 128, tokenDim: 64, hiddenSize: 64, blockMmDim: 160, blockChunks: 8, blockRank: 4, dropout: 0.1 },
    samples: 32,
    views: 3,
    clips: 16,
    candidates: 5,
    tokens: 16,
  },
  reference: { config: {}, samples: 64, views: 1, clips: 16, candidates: 5, tokens: 37 },
};
const s = SCALES[scale];
if (!s) throw new Error(`unknown --scale ${scale}`);
const samples = Number(opt('batch', String(s.samples)));
const B = samples * s.views;
const { clips: T, candidates: C, tokens: L } = s;

await initBackend(backend);
const hga = createHGA({ ...s.config, seed: 1 });
const cfg = hga.config;

let state = 12345;
const rng = () => {
  state = (state * 1103515245 + 12345) >>> 0;
  return state / 4294967296;
};
const rand = (n: number) => Float32Array.from({ length: n }, () => 2 * rng() - 1);

// One batch of `samples`, tiled `views` times; view 0 all ones, view 1 a random subset, view 2 one frame.
const video1 = rand(samples * T * cfg.videoDim);
const lengths1 = Int32Array.from({ length: samples * C }, () => 4 + Math.floor(rng() * (L - 3)));
const qa1 = rand(samples * C * L * cfg.tokenDim);
for (let i = 0; i < samples * C; i++) qa1.fill(0, (i * L + lengths1[i]!) * cfg.tokenDim, (i + 1) * L * cfg.tokenDim);
const tile = <A extends Float32Array | Int32Array>(a: A, n: number): A => {
  const out = new (a.constructor as new (k: number) => A)(a.length * n);
  for (let k = 0; k < n; k++) out.set(a, k * a.length);
  return out;
};
const mask = new Float32Array(B * T);
for (let v = 0; v < s.views; v++) {
  for (let b = 0; b < samples; b++) {
    const row = (v * samples + b) * T;
    if (v === 0) mask.fill(1, row, row + T);
    else if (v === 1) {
      for (let t = 0; t < T; t++) mask[row + t] = rng() < 0.4 ? 1 : 0;
      mask[row + Math.floor(rng() * T)] = 1;
    } else mask[row + Math.floor(rng() * T)] = 1;
  }
}
const inputs: HGAInputs = {
  video: tf.tensor3d(tile(video1, s.views), [B, T, cfg.videoDim]),
  qa: tf.tensor4d(tile(qa1, s.views), [B, C, L, cfg.tokenDim]),
  qaLengths: tf.tensor2d(tile(lengths1, s.views), [B, C], 'int32'),
  frameMask: tf.tensor2d(mask, [B, T]),
};
const labels = tf.oneHot(tf.tensor1d(Int32Array.from({ length: B }, () => Math.floor(rng() * C)), 'int32'), C);
const optimizer = tf.train.adam(1e-4);
const weights = hga.trainableWeights as tf.Variable[];
let dropRng = 7;
const stepRng = () => {
  dropRng = (dropRng * 1664525 + 1013904223) >>> 0;
  return dropRng / 4294967296;
};

function runOnce(): number {
  if (forwardOnly) {
    const out = hga.call(inputs, { training: false });
    const v = out.logits.dataSync()[0]!;
    out.logits.dispose();
    return v;
  }
  const loss = optimizer.minimize(
    () => tf.losses.softmaxCrossEntropy(labels, hga.call(inputs, { training: true, rng: stepRng }).logits) as tf.Scalar,
    true,
    weights,
  )!;
  const v = loss.dataSync()[0]!;
  loss.dispose();
  return v;
}

// Per-kernel wall time (wasm and cpu kernels run synchronously, so the wrapper's time is the kernel's).
const kernelStats = new Map<string, { calls: number; ms: number }>();
function instrumentKernels(): void {
  for (const k of tf.getKernelsForBackend(tf.getBackend())) {
    const original = k.kernelFunc;
    const stat = { calls: 0, ms: 0 };
    kernelStats.set(k.kernelName, stat);
    tf.unregisterKernel(k.kernelName, k.backendName);
    tf.registerKernel({
      ...k,
      kernelFunc: ((params: Parameters<tf.KernelFunc>[0]) => {
        const t0 = performance.now();
        try {
          return original(params);
        } finally {
          const ms = performance.now() - t0;
          stat.ms += ms;
          stat.calls++;
          if (byShape && k.kernelName.includes('MatMul')) {
            const { a, b } = params.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
            const key = `${k.kernelName}[${a.shape}]${params.attrs?.['transposeA'] ? 'T' : ''}x[${b.shape}]${params.attrs?.['transposeB'] ? 'T' : ''}`;
            const row = kernelStats.get(key) ?? { calls: 0, ms: 0 };
            row.ms += ms;
            row.calls++;
            kernelStats.set(key, row);
          }
        }
      }) as tf.KernelFunc,
    });
  }
}

const memBefore = tf.memory();
runOnce(); // warm-up
const times: number[] = [];
let peakWasmHeap = 0;
const heapBytes = () => {
  const wasm = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return wasm.wasm?.HEAPU8?.byteLength ?? 0;
};
for (let i = 0; i < steps; i++) {
  const t0 = performance.now();
  runOnce();
  times.push(performance.now() - t0);
  peakWasmHeap = Math.max(peakWasmHeap, heapBytes());
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
const memAfter = tf.memory();
const result: Record<string, unknown> = {
  scale,
  backend: tf.getBackend(),
  mode: forwardOnly ? 'forward' : 'train-step',
  samples,
  views: s.views,
  batchRows: B,
  medianMs: Math.round(median),
  runsMs: times.map(Math.round),
  samplesPerSec: Math.round((samples / median) * 1000 * 10) / 10,
  wasmHeapMB: Math.round(peakWasmHeap / 2 ** 20),
  rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
  leakedTensors: memAfter.numTensors - memBefore.numTensors,
};
console.log(JSON.stringify(result));

if (profile) {
  instrumentKernels();
  const t0 = performance.now();
  runOnce();
  const total = performance.now() - t0;
  const rows = [...kernelStats.entries()].filter(([, v]) => v.calls > 0).sort((a, b) => b[1].ms - a[1].ms);
  const kernelRows = rows.filter(([name]) => !name.includes('['));
  const kernelMs = kernelRows.reduce((a, [, v]) => a + v.ms, 0);
  const calls = kernelRows.reduce((a, [, v]) => a + v.calls, 0);
  console.log(`profiled step ${total.toFixed(0)} ms, in kernels ${kernelMs.toFixed(0)} ms, ${calls} kernel calls`);
  for (const [name, v] of rows.slice(0, byShape ? 45 : 25)) {
    console.log(`  ${name.padEnd(byShape ? 60 : 28)} ${v.ms.toFixed(1).padStart(9)} ms ${String(v.calls).padStart(6)} calls ${(v.ms / v.calls).toFixed(3).padStart(8)} ms/call`);
  }
}
