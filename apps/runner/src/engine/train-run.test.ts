import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { readGroundTruth } from '../synth/ground-truth.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import { writeSyntheticDataset } from '../synth/write-synthetic-dataset.js';
import { loadCheckpoint } from './checkpoint.js';
import { groundTruthTeacher } from './ground-truth-teacher.js';
import { MissingTeacherError } from './teacher-lookup.js';
import { resolveTrainConfig, type TrainConfig } from './train-config.js';
import { epochOrder, trainRun } from './train-run.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-train-'));
const data = path.join(tmp, 'data');
let teacher: ReturnType<typeof groundTruthTeacher>;

beforeAll(async () => {
  await writeSyntheticDataset({ out: data, config: { preset: 'tiny', seed: 3 } });
  const files = syntheticSplitFiles(data, 'train');
  const rows = readNextQACsv(files.annotations).rows;
  teacher = groundTruthTeacher(readGroundTruth(files.groundTruth), new Map(rows.map((r) => [r.key, r.answer])), 16, 5);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const small = (over: Partial<TrainConfig> = {}) =>
  resolveTrainConfig({ dataset: data, teacher: 'ground-truth', epochs: 2, batchSize: 16, hidden: 16, blockDim: 24, blockChunks: 4, blockRank: 2, lr: 3e-3, seed: 5, checkpointEvery: 3, ...over });

const lines = (dir: string) => fs.readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('epochOrder', () => {
  it('is a permutation, a pure function of (seed, epoch)', () => {
    const a = epochOrder(10, 1, 0);
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(10).keys()]);
    expect(epochOrder(10, 1, 0)).toEqual(a);
    expect(epochOrder(10, 1, 1)).not.toEqual(a);
    expect(epochOrder(10, 2, 0)).not.toEqual(a);
  });
});

describe.runIf(testBackend() === 'wasm')('trainRun', () => {
  it('writes config.json, metrics.jsonl with every loss term, a checkpoint and predictions.json', async () => {
    const dir = path.join(tmp, 'run-a');
    const result = await trainRun({ config: small(), runDir: dir, teacher });
    expect(result.completed).toBe(true);
    expect(result.steps).toBe(8); // 64 questions / 16 x 2 epochs
    const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
    expect(config.config.temporal).toBe(true);
    const m = lines(dir);
    expect(m.filter((l) => l['kind'] === 'step')).toHaveLength(8);
    const step = m[0]!;
    for (const k of ['loss', 'guided', 'consistency', 'spatial', 'framesKept', 'fallbackRate', 'lambda', 'gradNorm']) expect(typeof step[k]).toBe('number');
    expect(step['whole']).toBeNull();
    const epochs = m.filter((l) => l['kind'] === 'epoch');
    expect(epochs).toHaveLength(2);
    expect(epochs[1]!['count']).toBe(16);
    const predictions = JSON.parse(fs.readFileSync(path.join(dir, 'predictions.json'), 'utf8'));
    expect(Object.keys(predictions)).toHaveLength(16);
    expect(loadCheckpoint(dir)!.position).toMatchObject({ epoch: 2, stepInEpoch: 0, globalStep: 8 });
  });

  it('the baseline (no T, no S) runs the same code path without a teacher: whole-video CE only', async () => {
    const dir = path.join(tmp, 'run-base');
    const result = await trainRun({ config: small({ temporal: false, spatial: false, teacher: null, mixup: 'none' }), runDir: dir });
    expect(result.completed).toBe(true);
    const step = lines(dir)[0]!;
    expect(step['guided']).toBeNull();
    expect(step['spatial']).toBeNull();
    expect(step['loss']).toBe(step['whole']);
  });

  it('resuming after a stop continues from the checkpoint and ends with identical weights and metrics', async () => {
    const straight = path.join(tmp, 'run-straight');
    const resumed = path.join(tmp, 'run-resumed');
    await trainRun({ config: small(), runDir: straight, teacher });
    const first = await trainRun({ config: small(), runDir: resumed, teacher, maxSteps: 5 });
    expect(first.completed).toBe(false);
    // A killed run may have written metrics past its checkpoint; resuming drops them.
    fs.appendFileSync(path.join(resumed, 'metrics.jsonl'), '{"kind":"step","torn":true}\n');
    const second = await trainRun({ config: small(), runDir: resumed, teacher });
    expect(second.resumedFrom).toBe(5);
    expect(second.completed).toBe(true);
    const strip = (ls: Record<string, unknown>[]) => ls.map(({ samplesPerSec: _s, ...rest }) => rest);
    expect(strip(lines(resumed))).toEqual(strip(lines(straight)));
    const a = new Float32Array(loadCheckpoint(straight)!.weights.data);
    const b = new Float32Array(loadCheckpoint(resumed)!.weights.data);
    expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
  });

  it('a missing teacher entry is an error by default, and weight 0 under zero-weight', async () => {
    const sparse = { get: (key: string) => (key.endsWith('_0') ? undefined : teacher.get(key)) };
    await expect(trainRun({ config: small(), runDir: path.join(tmp, 'run-miss'), teacher: sparse })).rejects.toBeInstanceOf(MissingTeacherError);
    const dir = path.join(tmp, 'run-miss-ok');
    await trainRun({ config: small({ missingTeacher: 'zero-weight', epochs: 1 }), runDir: dir, teacher: sparse });
    const missing = lines(dir).filter((l) => l['kind'] === 'step').map((l) => l['missingTeacher'] as number);
    expect(missing.reduce((a, b) => a + b, 0)).toBe(16); // one question in four ends in _0
  });

  it('refuses to resume a run folder with another configuration', async () => {
    const dir = path.join(tmp, 'run-a');
    await expect(trainRun({ config: small({ lr: 1e-2 }), runDir: dir, teacher })).rejects.toThrow(/was started with lr = 0.003, not 0.01/);
  });
});
