// `sparc train` end to end, including a real kill -9 of a training process and its resumption.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { loadCheckpoint } from '../engine/checkpoint.js';
import { main } from '../main.js';
import { writeSyntheticDataset } from '../synth/write-synthetic-dataset.js';
import { parseTrainFlags } from './train-command.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-train-cmd-'));
const data = path.join(tmp, 'data');
const args = (out: string) => [
  'train', '--dataset', data, '--teacher', 'ground-truth', '--temporal', '--spatial', '--out', out, '--backend', 'wasm',
  '--epochs', '3', '--batch-size', '16', '--hidden', '16', '--lr', '0.003', '--seed', '9', '--checkpoint-every', '1',
];

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

beforeAll(async () => {
  await writeSyntheticDataset({ out: data, config: { preset: 'tiny', seed: 4 } });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('parseTrainFlags', () => {
  it('without --temporal/--spatial it is the baseline: no guidance, no mixup, no teacher needed', () => {
    const c = parseTrainFlags({ dataset: data });
    expect([c.temporal, c.spatial, c.mixup, c.teacher]).toEqual([false, false, 'none', null]);
  });
  it('applies a Table 6 preset and lets flags override it', () => {
    const c = parseTrainFlags({ dataset: data, preset: 'nextqa-hga', temporal: true, teacher: 't.store', lr: '5e-5' });
    expect([c.epochs, c.batchSize, c.lr, c.mixup, c.alpha]).toEqual([60, 256, 5e-5, 'tgm', 0.1]);
  });
  it('VGT: the synthetic-vgt preset and the VGT size flags', () => {
    const c = parseTrainFlags({ dataset: data, preset: 'synthetic-vgt', heads: '2', ffDim: '48', vgtGrid: 'clips' });
    expect([c.backbone, c.hidden, c.heads, c.ffDim, c.vgtGrid, c.batchSize]).toEqual(['vgt', 32, 2, 48, 'clips', 32]);
    expect(parseTrainFlags({ dataset: data, backbone: 'vgt' }).vgtGrid).toBe('steps');
    expect(parseTrainFlags({ dataset: data, preset: 'nextqa-vgt' }).hidden).toBe(512); // VGT's d_model
    expect(() => parseTrainFlags({ dataset: data, backbone: 'vgt', hidden: '30', heads: '4' })).toThrow('heads must divide hidden (30) for VGT, got 4');
    expect(() => parseTrainFlags({ dataset: data, vgtGrid: 'frames' })).toThrow('vgtGrid must be steps or clips, got "frames"');
  });
  it('rejects bad values with one-line usage errors', () => {
    expect(() => parseTrainFlags({})).toThrow('train: --dataset <dir> is required');
    expect(() => parseTrainFlags({ dataset: data, lr: 'fast' })).toThrow("--lr: expected a number, got 'fast'");
    expect(() => parseTrainFlags({ dataset: data, preset: 'imagenet' })).toThrow(/--preset: expected nextqa-hga/);
    expect(() => parseTrainFlags({ dataset: data, temporal: true })).toThrow(/teacher is required with temporal or spatial guidance/);
    expect(() => parseTrainFlags({ dataset: data, threshold: '1.5', temporal: true, teacher: 'x' })).toThrow('threshold must be in [0, 1], got 1.5');
  });
});

describe.runIf(testBackend() === 'wasm')('sparc train', () => {
  it('a missing dataset is a one-line error naming the file, exit code 1', async () => {
    const { io, err } = capture();
    expect(await main(['train', '--dataset', path.join(tmp, 'nope'), '--out', path.join(tmp, 'x'), '--backend', 'wasm'], io)).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^sparc: DataError: .*nope.*train\.csv/);
  });

  it('--backbone vgt trains and evaluates from the CLI on a dataset written with --vgt', async () => {
    const vgtData = path.join(tmp, 'data-vgt');
    await writeSyntheticDataset({ out: vgtData, config: { preset: 'tiny', seed: 4, vgt: true } });
    const out = path.join(tmp, 'vgt');
    const { io, out: lines } = capture();
    const code = await main(['train', '--dataset', vgtData, '--backbone', 'vgt', '--teacher', 'ground-truth', '--temporal', '--spatial', '--out', out, '--backend', 'wasm',
      '--epochs', '1', '--batch-size', '32', '--hidden', '16', '--ff-dim', '24', '--heads', '4', '--seed', '2'], io);
    expect(code).toBe(0);
    const config = JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8')).config;
    expect([config.backbone, config.heads, config.ffDim, config.vgtGrid]).toEqual(['vgt', 4, 24, 'steps']);
    expect(loadCheckpoint(out)!.backbone).toBe('vgt');
    expect(lines[lines.length - 1]).toMatch(/^done: val accuracy \d+\.\d\d% -> .*predictions\.json$/);
    // Without VGT features the same command is a one-line DataError naming the missing file.
    const { io: io2, err } = capture();
    expect(await main(['train', '--dataset', data, '--backbone', 'vgt', '--out', path.join(tmp, 'vgt-missing'), '--backend', 'wasm'], io2)).toBe(1);
    expect(err[0]).toMatch(/^sparc: DataError: .*acregion_8c20b_train\.h5.*sparc synth --vgt/);
  }, 120_000);

  it('killed with SIGKILL twice mid-run, the same command resumes and ends with the uninterrupted weights and metrics', async () => {
    const straight = path.join(tmp, 'straight');
    const { io } = capture();
    expect(await main(args(straight), io)).toBe(0);

    const killed = path.join(tmp, 'killed');
    const metrics = path.join(killed, 'metrics.jsonl');
    const bin = path.join(root, 'apps/runner/src/bin.ts');
    const runChild = (killAfterLines: number | null) =>
      new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, ['--conditions=@sparc-vqa/source', '--import', 'tsx', bin, ...args(killed)], { cwd: root, stdio: 'ignore' });
        let timer: NodeJS.Timeout | undefined;
        if (killAfterLines !== null) {
          timer = setInterval(() => {
            const n = fs.existsSync(metrics) ? fs.readFileSync(metrics, 'utf8').split('\n').filter(Boolean).length : 0;
            if (n >= killAfterLines) child.kill('SIGKILL');
          }, 25);
        }
        child.on('error', reject);
        child.on('exit', (code, signal) => {
          if (timer) clearInterval(timer);
          resolve(signal === 'SIGKILL' ? null : code);
        });
      });
    expect(await runChild(2)).toBeNull(); // killed in epoch 1 (4 steps + 1 eval line per epoch)
    expect(await runChild(7)).toBeNull(); // killed in epoch 2, after resuming once
    expect(await runChild(null)).toBe(0);

    const strip = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => {
      const { samplesPerSec: _drop, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return rest;
    });
    expect(strip(metrics)).toEqual(strip(path.join(straight, 'metrics.jsonl')));
    const a = Buffer.from(loadCheckpoint(straight)!.weights.data);
    const b = Buffer.from(loadCheckpoint(killed)!.weights.data);
    expect(b.equals(a)).toBe(true);
    expect(fs.readFileSync(path.join(killed, 'predictions.json'), 'utf8')).toBe(fs.readFileSync(path.join(straight, 'predictions.json'), 'utf8'));
  }, 240_000);
});
