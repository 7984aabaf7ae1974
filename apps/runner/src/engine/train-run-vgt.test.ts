// trainRun with VGT on the tiny synthetic benchmark written with --vgt (the HGA cases are in train-run.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { readGroundTruth } from '../synth/ground-truth.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import { writeSyntheticDataset } from '../synth/write-synthetic-dataset.js';
import { loadCheckpoint } from './checkpoint.js';
import { groundTruthTeacher } from './ground-truth-teacher.js';
import { resolveTrainConfig, type TrainConfig } from './train-config.js';
import { trainRun } from './train-run.js';

// Made in beforeAll, so that a project that skips every test leaves no folder behind.
let tmp: ReturnType<typeof makeTempDir>;
let data = '';
let teacher: ReturnType<typeof groundTruthTeacher>;

beforeAll(async () => {
  tmp = makeTempDir('sparc-train-vgt-');
  data = path.join(tmp.dir, 'data');
  await writeSyntheticDataset({ out: data, config: { preset: 'tiny', seed: 3, vgt: true } });
  const files = syntheticSplitFiles(data, 'train');
  const rows = readNextQACsv(files.annotations).rows;
  teacher = groundTruthTeacher(readGroundTruth(files.groundTruth), new Map(rows.map((r) => [r.key, r.answer])), 16, 5);
});
afterAll(() => tmp?.remove());

const small = (over: Partial<TrainConfig> = {}) =>
  resolveTrainConfig({ dataset: data, backbone: 'vgt', teacher: 'ground-truth', epochs: 2, batchSize: 16, hidden: 16, ffDim: 24, heads: 4, dropout: 0.1, lr: 3e-3, seed: 5, checkpointEvery: 3, ...over });
const baseline = { temporal: false, spatial: false, teacher: null, mixup: 'none' as const };

const lines = (dir: string) => fs.readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
const steps = (dir: string) => lines(dir).filter((l) => l['kind'] === 'step');

describe.runIf(testBackend() === 'wasm')('trainRun with VGT', () => {
  it('SpARC (T + S + TGM): a few steps log every loss term and leave a resumable VGT checkpoint', async () => {
    const dir = path.join(tmp.dir, 'sparc-few');
    const result = await trainRun({ config: small(), runDir: dir, teacher, maxSteps: 3 });
    expect([result.completed, result.steps]).toEqual([false, 3]);
    const m = steps(dir);
    expect(m).toHaveLength(3);
    for (const step of m) {
      for (const k of ['loss', 'guided', 'consistency', 'spatial', 'framesKept', 'lambda', 'gradNorm']) expect(Number.isFinite(step[k]), k).toBe(true);
      expect(step['whole']).toBeNull();
      // Causal frames are counted on VGT's 16 clips (one per time step).
      expect(step['framesKept'] as number).toBeGreaterThan(0);
      expect(step['framesKept'] as number).toBeLessThanOrEqual(16);
    }
    const checkpoint = loadCheckpoint(dir)!;
    expect(checkpoint.backbone).toBe('vgt');
    expect(checkpoint.position.globalStep).toBe(3);
    expect(checkpoint.weights.specs.some((s) => s.name === 'encode_vid.bbox_conv.1.running_mean')).toBe(true);
  });

  it('the baseline trains on the whole video only (loss = whole-video CE) and evaluates each epoch', async () => {
    const dir = path.join(tmp.dir, 'base');
    const result = await trainRun({ config: small({ ...baseline, epochs: 1 }), runDir: dir });
    expect([result.completed, result.steps]).toEqual([true, 4]); // 64 questions / 16
    const m = steps(dir);
    for (const step of m) {
      expect(step['guided']).toBeNull();
      expect(step['spatial']).toBeNull();
      expect(step['loss']).toBe(step['whole']);
    }
    expect(result.evaluation!.count).toBe(16);
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, 'predictions.json'), 'utf8')))).toHaveLength(16);
  });

  it('stopped after 5 steps and resumed, SpARC ends with the uninterrupted run\'s weights and metrics', async () => {
    const straight = path.join(tmp.dir, 'straight');
    const resumed = path.join(tmp.dir, 'resumed');
    await trainRun({ config: small(), runDir: straight, teacher });
    const first = await trainRun({ config: small(), runDir: resumed, teacher, maxSteps: 5 });
    expect(first.completed).toBe(false);
    fs.appendFileSync(path.join(resumed, 'metrics.jsonl'), '{"kind":"step","torn":true}\n');
    const second = await trainRun({ config: small(), runDir: resumed, teacher });
    expect([second.resumedFrom, second.completed, second.steps]).toEqual([5, true, 8]);
    const strip = (ls: Record<string, unknown>[]) => ls.map(({ samplesPerSec: _s, ...rest }) => rest);
    expect(strip(lines(resumed))).toEqual(strip(lines(straight)));
    // Weights include BatchNorm running statistics, which a resumed run must restore too.
    const a = loadCheckpoint(straight)!.weights.data;
    const b = loadCheckpoint(resumed)!.weights.data;
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  });

  it('refuses to continue a VGT run folder as HGA', async () => {
    await expect(trainRun({ config: small({ backbone: 'hga' }), runDir: path.join(tmp.dir, 'sparc-few'), teacher })).rejects.toThrow(/was started with backbone = "vgt", not "hga"/);
  });
});
