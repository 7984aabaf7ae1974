import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoTensorLeak, testBackend } from '@sparc-vqa/testing';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { readGroundTruth } from '../synth/ground-truth.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import { writeSyntheticDataset } from '../synth/write-synthetic-dataset.js';
import { AdamOptimizer, ADAM_DEFAULTS } from './adam-optimizer.js';
import type { BackboneAdapter } from './backbone-adapter.js';
import { groundTruthTeacher } from './ground-truth-teacher.js';
import { openQADataset, type HostBatch, type QADataset } from './qa-dataset.js';
import { sparcTrainStep, type SparcStepContext } from './sparc-step.js';
import { resolveTrainConfig, type TrainConfig } from './train-config.js';
import { createAdapterFor } from './train-run.js';

// Made in beforeAll, so that a project that skips every test leaves no folder behind.
let tmp: ReturnType<typeof makeTempDir> | undefined;
let data = '';
let ds: QADataset;
let teacher: ReturnType<typeof groundTruthTeacher>;
let batch: HostBatch;

const vgtConfig = (over: Partial<TrainConfig> = {}) =>
  resolveTrainConfig({ dataset: data, backbone: 'vgt', teacher: 'ground-truth', batchSize: 16, hidden: 16, ffDim: 24, heads: 4, dropout: 0.1, lr: 3e-3, seed: 5, ...over });

function stepContext(config: Readonly<TrainConfig>): SparcStepContext & { dispose(): void } {
  const adapter = createAdapterFor(config, ds);
  const optimizer = new AdamOptimizer({ ...ADAM_DEFAULTS, learningRate: config.lr }, adapter.backbone.weights);
  return {
    adapter, optimizer, teacher, teacherFrames: ds.clips, candidates: ds.candidates, tokens: ds.tokens, wordDim: ds.wordDim,
    dispose: () => {
      optimizer.dispose();
      adapter.backbone.dispose();
    },
  };
}

/** Inference logits of `batch` under `frameMask`, with the video tensors passed through `edit`. */
function logitsOf(adapter: BackboneAdapter, b: HostBatch, frameMask: number[][] | null, edit: (v: tf.Tensor[]) => tf.Tensor[] = (v) => v): number[] {
  return tf.tidy(() => {
    const B = b.keys.length;
    const inputs = adapter.inputs(
      edit(adapter.video(b)),
      tf.tensor4d(b.qa, [B, ds.candidates, ds.tokens, ds.wordDim]),
      tf.tensor2d(b.qaLengths, [B, ds.candidates], 'int32'),
      frameMask ? tf.tensor2d(frameMask) : undefined,
    );
    return Array.from(adapter.backbone.call(inputs).logits.dataSync());
  });
}

/** Replaces clips where `keep` is 0 with large noise, in both video tensors. */
const perturbClips = (keep: number[][]) => (video: tf.Tensor[]) =>
  video.map((v, i) => {
    const mask = tf.reshape(tf.tensor2d(keep), [...[keep.length, keep[0]!.length], ...v.shape.slice(2).map(() => 1)]);
    return tf.add(tf.mul(v, mask), tf.mul(tf.randomNormal(v.shape, 0, 40, 'float32', 11 + i), tf.sub(1, mask)));
  });

beforeAll(async () => {
  tmp = makeTempDir('sparc-vgt-adapter-');
  data = path.join(tmp.dir, 'data');
  await writeSyntheticDataset({ out: data, config: { preset: 'tiny', seed: 3, vgt: true } });
  const files = syntheticSplitFiles(data, 'train');
  const rows = readNextQACsv(files.annotations).rows;
  teacher = groundTruthTeacher(readGroundTruth(files.groundTruth), new Map(rows.map((r) => [r.key, r.answer])), 16, 5);
  ds = await openQADataset(data, 'train', { backbone: 'vgt' });
  batch = ds.batch(Array.from({ length: 16 }, (_, i) => i));
});
afterAll(() => {
  ds?.close();
  tmp?.remove();
});

// VGT steps are slow enough that one backend project runs them (wasm, the one training uses).
describe.runIf(testBackend() === 'wasm')('vgtAdapter', () => {
  it("'steps' grid: 16 clips of 2 frames, clip k = teacher frame k; 'clips' grid: 8 x 4, teacher frames 0, 2, ..., 14", () => {
    const steps = createAdapterFor(vgtConfig(), ds);
    const clips = createAdapterFor(vgtConfig({ vgtGrid: 'clips' }), ds);
    try {
      expect([steps.frames, steps.teacherFrameOf]).toEqual([16, null]);
      const video = steps.video(batch);
      expect(video.map((v) => v.shape)).toEqual([[16, 16, 2, 5, 13], [16, 16, 2, 8]]);
      // The regrouping is the same row-major data: clip k, frame f = grid cell 2k + f.
      expect(Buffer.from(video[1]!.dataSync().buffer).equals(Buffer.from(batch.videos[1]!.buffer))).toBe(true);
      expect(clips.frames).toBe(8);
      expect(Array.from(clips.teacherFrameOf!)).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
      expect(clips.video(batch).map((v) => v.shape)).toEqual([[16, 8, 4, 5, 13], [16, 8, 4, 8]]);
      tf.dispose(video);
    } finally {
      steps.backbone.dispose();
      clips.backbone.dispose();
    }
  });

  it('a masked clip is absent: its content never matters, and masking the last clip equals removing it', () => {
    const adapter = createAdapterFor(vgtConfig(), ds);
    try {
      const b = ds.batch([0, 5, 9]);
      const mask = [Array.from({ length: 16 }, (_, k) => (k === 3 ? 0 : 1)), Array.from({ length: 16 }, (_, k) => (k % 2)), Array(16).fill(1)];
      const masked = logitsOf(adapter, b, mask);
      expect(logitsOf(adapter, b, mask, perturbClips(mask))).toEqual(masked);
      expect(logitsOf(adapter, b, null, perturbClips(mask))).not.toEqual(logitsOf(adapter, b, null));
      // Single-frame view: only that clip's content matters.
      const single = [0, 1, 2].map((i) => Array.from({ length: 16 }, (_, k) => (k === 4 * i + 1 ? 1 : 0)));
      expect(logitsOf(adapter, b, single, perturbClips(single))).toEqual(logitsOf(adapter, b, single));
      // VGT is position-aware, so only a suffix can be removed without moving the other clips' positions:
      // masking clips 12..15 equals running on clips 0..11.
      const suffix = [0, 1, 2].map(() => Array.from({ length: 16 }, (_, k) => (k < 12 ? 1 : 0)));
      const removed = logitsOf(adapter, b, null, (video) => video.map((v) => tf.slice(v, 0, [-1, 12])));
      const diff = Math.max(...logitsOf(adapter, b, suffix).map((x, i) => Math.abs(x - removed[i]!)));
      expect(diff).toBeLessThan(1e-5);
      expect(logitsOf(adapter, b, null)).not.toEqual(removed);
    } finally {
      adapter.backbone.dispose();
    }
  });
});

describe.runIf(testBackend() === 'wasm')('sparcTrainStep with VGT', () => {
  it('leaks no tensor in a SpARC step (temporal + spatial + TGM)', async () => {
    const ctx = stepContext(vgtConfig());
    try {
      await expectNoTensorLeak(() => {
        sparcTrainStep(ctx, batch, vgtConfig(), 17, 'leak test');
      });
    } finally {
      ctx.dispose();
    }
  });

  it.each([
    ['steps', 16, (k: number) => k],
    ['clips', 8, (c: number) => 2 * c],
  ] as const)("'%s' grid: causal frames are selected over VGT's %i clips from their teacher frames", (grid, clips, teacherFrame) => {
    const config = vgtConfig({ vgtGrid: grid });
    const ctx = stepContext(config);
    try {
      // Hand count: clips whose teacher frame gives the answer p > 0.5, else 1 (fallback argmax).
      const counts = batch.keys.map((key, i) => {
        const probs = teacher.get(key)!;
        const n = Array.from({ length: clips }, (_, c) => probs[teacherFrame(c) * 5 + batch.answers[i]!]! > 0.5).filter(Boolean).length;
        return n === 0 ? 1 : n;
      });
      const m = sparcTrainStep(ctx, batch, config, 3, 'grid');
      expect(m.framesKept).toBeCloseTo(counts.reduce((x, y) => x + y, 0) / counts.length, 5);
      expect(m.fallbackRate).toBeCloseTo(batch.keys.filter((key, i) => !Array.from({ length: clips }, (_, c) => teacher.get(key)![teacherFrame(c) * 5 + batch.answers[i]!]! > 0.5).some(Boolean)).length / 16, 5);
    } finally {
      ctx.dispose();
    }
  });

  it.each([
    ['SpARC (T + S + TGM)', {}],
    ['baseline', { temporal: false, spatial: false, teacher: null, mixup: 'none' as const }],
  ])('%s: the loss on a fixed batch is finite and goes down over 6 steps', (_name, over) => {
    const config = vgtConfig(over);
    const ctx = stepContext(config);
    try {
      // Same seed every step: the same views, mixup draw and dropout masks, so the objective is fixed.
      const losses = Array.from({ length: 6 }, () => sparcTrainStep(ctx, batch, config, 23, 'fixed batch').loss);
      console.info(`[${testBackend()}] VGT ${_name} losses on a fixed batch: ${losses.map((l) => l.toFixed(4)).join(' ')}`);
      expect(losses.every(Number.isFinite)).toBe(true);
      for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1]!);
      expect(losses[5]).toBeLessThan(losses[0]! - 0.01);
    } finally {
      ctx.dispose();
    }
  });
});
