// Throughput of the built-in teacher (@sparc-vqa/teacher's tiny ALBEF-shaped model) at realistic sizes:
// frames/second for scoring (what `sparc teacher extract` does) and for one epoch of fit / fineTune.
// Not a test. Run from the repository root (TypeScript sources are loaded through tsx):
//   node --import tsx tools/bench/teacher-fps.mjs [wasm|cpu] [featureSize] [videos]
// Defaults: wasm, D = 512, 200 samples of T = 16 frames and C = 5 candidates.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../apps/runner/src/backend/index.ts';
import { TextTokenizer, createTinyAlbef } from '../../packages/teacher/src/index.ts';

const backend = process.argv[2] ?? 'wasm';
const D = Number(process.argv[3] ?? 512);
const N = Number(process.argv[4] ?? 200);
const T = 16;
const C = 5;
await initBackend(backend);

const words = ['run', 'jump', 'sit', 'eat', 'read', 'wave', 'swim', 'sing', 'open', 'close', 'throw', 'catch'];
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const pick = () => words[Math.floor(rand() * words.length)];
const examples = Array.from({ length: N }, (_, i) => ({
  key: `video${i}_q0`,
  frames: tf.randomNormal([T, D], 0, 1, 'float32', i),
  question: `why did the man ${pick()} after the girl ${pick()} near the table`,
  candidates: Array.from({ length: C }, () => `to ${pick()} and ${pick()} the ball`),
  answer: i % C,
}));
const tokenizer = TextTokenizer.fromCorpus(examples.flatMap((e) => [e.question, ...e.candidates]));
const teacher = createTinyAlbef({ featureSize: D }, tokenizer);

async function timed(label, frames, fn) {
  await fn(); // warm-up
  const t0 = performance.now();
  await fn();
  const s = (performance.now() - t0) / 1000;
  const row = { label, backend: tf.getBackend(), featureSize: D, samples: N, frames, seconds: +s.toFixed(2), framesPerSecond: Math.round(frames / s) };
  console.log(JSON.stringify(row));
}

for (const batch of [64, 256, 1024]) {
  await timed(`score (scoreBatch of ${batch / T} samples = ${batch} frames)`, N * T, async () => {
    for (let i = 0; i < N; i += batch / T) tf.dispose(await teacher.scoreBatch(examples.slice(i, i + batch / T)));
  });
}
for (const batchSize of [8, 32]) {
  await timed(`fineTune, 1 epoch (interaction only, batch ${batchSize}, encoder outputs cached)`, N * T, () => teacher.fineTune(examples, { epochs: 1, batchSize }));
  await timed(`fit, 1 epoch (everything trains, batch ${batchSize})`, N * T, () => teacher.fit(examples, { epochs: 1, batchSize }));
}
teacher.dispose();
