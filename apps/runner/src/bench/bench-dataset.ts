// Seeded random inputs at a bench preset's shapes (issue 8: no dataset needed): one host batch of the
// backbone's video inputs, QA token features with zero padding past each candidate's length, answers,
// and teacher rows [T, C] in which about CAUSAL_FRAME_SHARE of the frames give the answer p > 0.5.
// The QADataset it returns serves that batch for every position (evaluation throughput needs no files).
import { createRng } from '@sparc-vqa/mixup';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import type { HostBatch, QADataset } from '../engine/qa-dataset.js';
import type { TeacherLookup } from '../engine/teacher-lookup.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import { CAUSAL_FRAME_SHARE, type BenchBackbone, type BenchPreset } from './bench-config.js';

/** A bench "split": `evalQuestions` questions that all read the same random batch. */
export interface BenchData {
  readonly dataset: QADataset;
  readonly batch: HostBatch;
  /** Teacher rows of the batch's keys ([T, C] each). */
  readonly teacher: TeacherLookup;
  /** T: teacher frames per video (HGA clips; VGT clips). */
  readonly frames: number;
}

/** Per-sample video input shapes of `backbone` at `preset`. */
export function benchVideoShapes(preset: BenchPreset, backbone: BenchBackbone): number[][] {
  if (backbone === 'hga') return [[preset.hga.clips, preset.hga.videoDim]];
  const { clips, framesPerClip, regions, featureDim } = preset.vgt;
  return [
    [clips, framesPerClip, regions, featureDim + 5],
    [clips, framesPerClip, featureDim],
  ];
}

/**
 * Teacher probabilities [B, T, C] (row-major): the answer gets p in (0.5, 0.9] on a frame with
 * probability `share`, else p in [0, 0.45]; the rest of the mass is spread at random over the others.
 */
export function syntheticTeacherProbs(answers: Int32Array, frames: number, candidates: number, share: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const probs = new Float32Array(answers.length * frames * candidates);
  for (let b = 0; b < answers.length; b++) {
    for (let t = 0; t < frames; t++) {
      const row = (b * frames + t) * candidates;
      const pAnswer = rng() < share ? 0.5 + 1e-3 + 0.399 * rng() : 0.45 * rng();
      const others = Array.from({ length: candidates - 1 }, () => 0.05 + rng());
      const sum = others.reduce((a, x) => a + x, 0);
      let k = 0;
      for (let c = 0; c < candidates; c++) probs[row + c] = c === answers[b] ? pAnswer : ((1 - pAnswer) * others[k++]!) / sum;
    }
  }
  return probs;
}

/** Seeded bench inputs for `backbone` at `preset`. */
export function benchData(preset: BenchPreset, backbone: BenchBackbone, seed: number): BenchData {
  const rng = createRng(seed);
  const { batch: B, candidates: C, tokens: L, tokenDim: W } = preset;
  const uniform = (n: number) => {
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = 2 * rng() - 1;
    return a;
  };
  const videoShapes = benchVideoShapes(preset, backbone);
  const videos = videoShapes.map((shape) => uniform(B * shape.reduce((a, x) => a * x, 1)));
  const qaLengths = Int32Array.from({ length: B * C }, () => Math.min(L, 4 + Math.floor(rng() * (L - 3))));
  const qa = uniform(B * C * L * W);
  for (let i = 0; i < B * C; i++) qa.fill(0, (i * L + qaLengths[i]!) * W, (i + 1) * L * W);
  const answers = Int32Array.from({ length: B }, () => Math.floor(rng() * C));
  const keys = Array.from({ length: B }, (_, b) => `bench${b}_0`);
  const rows: NextQARow[] = keys.map((key, b) => ({
    row: b, key, video: `bench${b}`, frameCount: 0, width: 1, height: 1, question: '', answer: answers[b]!, qid: '0', type: 'CW', candidates: ['', '', '', '', ''],
  }));
  const batch: HostBatch = { keys, rows, videos, video: videos[0]!, qa, qaLengths, answers };
  const frames = backbone === 'hga' ? preset.hga.clips : preset.vgt.clips;
  const probs = syntheticTeacherProbs(answers, frames, C, CAUSAL_FRAME_SHARE, seed + 1);
  const per = frames * C;
  const byKey = new Map(keys.map((key, b) => [key, probs.subarray(b * per, (b + 1) * per)]));
  if (preset.evalQuestions % B !== 0) throw new RangeError(`benchData: evalQuestions (${preset.evalQuestions}) must be a multiple of batch (${B})`);
  const evalRows = Array.from({ length: preset.evalQuestions }, (_, i) => ({ ...rows[i % B]!, row: i }));
  const dataset: QADataset = {
    split: 'bench',
    backbone,
    files: syntheticSplitFiles('bench', 'bench'),
    rows: evalRows,
    clips: frames,
    videoShapes,
    videoDim: videoShapes[0]![videoShapes[0]!.length - 1]!,
    candidates: C,
    tokens: L,
    wordDim: W,
    batch: (positions) => {
      if (positions.length !== B) throw new RangeError(`bench dataset: batches hold ${B} questions, got ${positions.length}`);
      return batch;
    },
    close: () => {},
  };
  return { dataset, batch, teacher: { get: (key) => byKey.get(key) }, frames };
}
