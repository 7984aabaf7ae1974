// `sparc probe misfocus` through the CLI entry point, on the tiny synthetic preset.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { resolveTrainConfig } from '../engine/train-config.js';
import { trainRun } from '../engine/train-run.js';
import { main } from '../main.js';
import { writeSyntheticDataset } from '../synth/write-synthetic-dataset.js';
import { parseProbeFlags } from './probe-command.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('parseProbeFlags', () => {
  it('defaults: split test, top-1, threshold 0.5, the labelled answer', () => {
    expect(parseProbeFlags('misfocus', { dataset: 'd', checkpoint: 'r' })).toEqual({ dataset: 'd', split: 'test', checkpoint: 'r', topK: 1, threshold: 0.5, teacherAnswer: 'original' });
    expect(parseProbeFlags('misfocus', { dataset: 'd', teacher: 't', split: 'val', threshold: '0.3', teacherAnswer: 'swapped', json: 'o.json' })).toEqual({
      dataset: 'd', split: 'val', teacher: 't', topK: 1, threshold: 0.3, teacherAnswer: 'swapped', json: 'o.json',
    });
    expect(parseProbeFlags('misfocus', { dataset: 'd', checkpoint: 'r', topK: '3' }).topK).toBe(3);
  });

  it('rejects bad usage with one-line messages', () => {
    expect(() => parseProbeFlags('attention', { dataset: 'd', checkpoint: 'r' })).toThrow("probe: expected one of misfocus, got 'attention'");
    expect(() => parseProbeFlags('misfocus', { checkpoint: 'r' })).toThrow('probe misfocus: --dataset <dir> is required');
    expect(() => parseProbeFlags('misfocus', { dataset: 'd' })).toThrow('give exactly one of --checkpoint <run folder> and --teacher <teacher file>');
    expect(() => parseProbeFlags('misfocus', { dataset: 'd', checkpoint: 'r', teacher: 't' })).toThrow('give exactly one of');
    expect(() => parseProbeFlags('misfocus', { dataset: 'd', checkpoint: 'r', topK: '0' })).toThrow("--top-k: expected an integer >= 1, got '0'");
    expect(() => parseProbeFlags('misfocus', { dataset: 'd', checkpoint: 'r', topK: true })).toThrow('--top-k');
    expect(() => parseProbeFlags('misfocus', { dataset: 'd', teacher: 't', threshold: '1.5' })).toThrow("--threshold: expected a number in [0, 1], got '1.5'");
    expect(() => parseProbeFlags('misfocus', { dataset: 'd', teacher: 't', teacherAnswer: 'gold' })).toThrow("--teacher-answer: expected original or swapped, got 'gold'");
    expect(() => parseProbeFlags('misfocus', { dataset: 'd', checkpoint: 'r', teacherAnswer: 'swapped' })).toThrow('--teacher-answer applies to --teacher only');
  });
});

describe.runIf(testBackend() === 'wasm')('sparc probe misfocus', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-probe-cmd-'));
  const data = path.join(tmp, 'data');
  const run = path.join(tmp, 'run');
  beforeAll(async () => {
    await writeSyntheticDataset({ out: data, config: { preset: 'tiny', seed: 3 } });
    const config = resolveTrainConfig({
      dataset: data, temporal: false, spatial: false, teacher: null, mixup: 'none',
      epochs: 1, batchSize: 16, hidden: 16, wordDim: 16, blockDim: 24, blockChunks: 4, blockRank: 2, lr: 3e-3, seed: 5,
    });
    await trainRun({ config, runDir: run, maxSteps: 1 });
  }, 120_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('prints the table and writes the JSON report', async () => {
    const { io, out, err } = capture();
    const json = path.join(tmp, 'misfocus.json');
    expect(await main(['probe', 'misfocus', '--dataset', data, '--checkpoint', run, '--top-k', '2', '--json', json, '--backend', 'wasm'], io)).toBe(0);
    expect(err).toEqual([]);
    const report = JSON.parse(fs.readFileSync(json, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['source', 'split', 'samples', 'excluded', 'focus', 'identical', 'byType', 'groundTruthHit', 'groundTruthSamples', 'views']);
    expect(report).toMatchObject({ source: 'checkpoint', split: 'test', samples: 9, excluded: { neither: 23, noSwappedAnswer: 0 }, focus: 'top-2 frames of HGA frameImportance (run)' });
    expect(Object.keys(report['byType'] as object).sort()).toEqual(['TN', 'TP']);
    expect(out[0]).toMatch(/^misfocus probe \(paper 4\.1\.1\), test: 9 questions/);
    expect(out[2]).toMatch(/^\s+TN\s+TP\s+all$/);
    expect(out[3]).toMatch(/^identical \[top-2\]\s+[\d.]+%\s+[\d.]+%\s+[\d.]+%$/);
    expect(out[4]).toMatch(/^identical \[gradient top-2\]\s+[\d.]+%\s+[\d.]+%\s+[\d.]+%$/);
    expect(out[5]).toMatch(/^count\s+4\s+5\s+9$/);
    expect(out[6]).toMatch(/^inside the ground-truth causal frames \[top-2\]: original [\d.]+% of 9, swapped [\d.]+% of \d$/);
    expect(out.at(-1)).toBe(`wrote ${json}`);
  });

  it('a dataset without synth.json: one-line DataError asking for re-encodable question features, exit 1', async () => {
    const copy = path.join(tmp, 'no-manifest');
    fs.cpSync(data, copy, { recursive: true });
    fs.rmSync(path.join(copy, 'synth.json'));
    const { io, err } = capture();
    expect(await main(['probe', 'misfocus', '--dataset', copy, '--checkpoint', run, '--backend', 'wasm'], io)).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^sparc: DataError: .*synth\.json: file: expected .*re-encodable question features/);
  });

  it('a run of an unknown backbone: one line naming config.backbone, exit 1; an unknown probe: a one-line usage error', async () => {
    const odd = path.join(tmp, 'odd');
    fs.mkdirSync(odd);
    fs.writeFileSync(path.join(odd, 'config.json'), JSON.stringify({ config: { backbone: 'lstm' } }));
    const a = capture();
    expect(await main(['probe', 'misfocus', '--dataset', data, '--checkpoint', odd, '--backend', 'wasm'], a.io)).toBe(1);
    expect(a.err).toEqual([`sparc: DataError: ${path.join(odd, 'config.json')}: key 'config.backbone': expected 'hga' or 'vgt', got 'lstm'`]);
    const b = capture();
    expect(await main(['probe', 'saliency', '--dataset', data, '--checkpoint', run], b.io)).not.toBe(0); // main.ts owns the usage exit code
    expect(b.err).toEqual(["sparc: UsageError: probe: expected one of misfocus, got 'saliency'"]);
  });
});
