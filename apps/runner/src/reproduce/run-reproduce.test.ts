import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { questionGroup } from '../data/nextqa/question-type.js';
import { main } from '../main.js';
import { reproduceLayout } from './reproduce-layout.js';
import type { ReproduceResults } from './run-reproduce.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-reproduce-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => ({ code, out, err }));
}

/** Accuracy recomputed from a prediction file and the CSV, independently of the runner's eval code. */
function accuracyOf(predictionsFile: string, csv: string, group?: string): number {
  const predictions = JSON.parse(fs.readFileSync(predictionsFile, 'utf8')) as Record<string, { prediction: number; answer: number }>;
  const rows = readNextQACsv(csv).rows.filter((r) => group === undefined || questionGroup(r.type) === group);
  return (100 * rows.filter((r) => predictions[r.key]!.prediction === r.answer).length) / rows.length;
}

describe.runIf(testBackend() === 'wasm')('sparc reproduce --preset tiny', () => {
  const out = path.join(tmp, 'repro');
  const layout = reproduceLayout(out);
  const argv = ['reproduce', '--preset', 'tiny', '--seed', '3', '--out', out, '--backend', 'wasm'];

  it('runs the whole pipeline and writes results.json that agrees with the prediction files', async () => {
    const { code, out: lines, err } = await run(argv);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const results = JSON.parse(fs.readFileSync(layout.results, 'utf8')) as ReproduceResults;
    expect(results.options).toEqual({ preset: 'tiny', backbone: 'hga', seed: 3 });
    const csv = path.join(layout.data, 'test.csv');
    for (const method of ['baseline', 'sparc'] as const) {
      const file = path.join(layout.runs[method], 'predictions_test.json');
      expect(results[method].overall).toBeCloseTo(accuracyOf(file, csv), 10);
      for (const g of ['C', 'T', 'D'] as const) expect(results[method].groups[g]).toBeCloseTo(accuracyOf(file, csv, g), 10);
      expect(results[method].count).toBe(readNextQACsv(csv).rows.length);
    }
    // Same budget for both methods; SpARC with guidance, the baseline without.
    const config = (m: 'baseline' | 'sparc') => (JSON.parse(fs.readFileSync(path.join(layout.runs[m], 'config.json'), 'utf8')) as { config: Record<string, unknown> }).config;
    for (const f of ['epochs', 'lr', 'batchSize', 'seed', 'hidden']) expect(config('sparc')[f]).toEqual(config('baseline')[f]);
    expect([config('baseline')['temporal'], config('baseline')['spatial'], config('sparc')['temporal'], config('sparc')['spatial']]).toEqual([false, false, true, true]);
    expect(results.teacher.precision).toBeGreaterThanOrEqual(0);
    expect(results.teacher.precision).toBeLessThanOrEqual(1);
    expect(results.teacher.recall).toBeGreaterThan(0);
    expect(results.teacher.questions).toBe(results.baseline.count);
    // The printed table carries the same numbers.
    expect(lines).toContain(`| baseline | ${results.baseline.groups.C!.toFixed(1)} | ${results.baseline.groups.T!.toFixed(1)} | ${results.baseline.groups.D!.toFixed(1)} | ${results.baseline.overall.toFixed(1)} |`);
    expect(lines.some((l) => l.includes(`precision ${(100 * results.teacher.precision).toFixed(1)}%, recall ${(100 * results.teacher.recall).toFixed(1)}%`))).toBe(true);
  });

  it('a rerun reuses every finished stage and reports the same numbers', async () => {
    const before = JSON.parse(fs.readFileSync(layout.results, 'utf8')) as ReproduceResults;
    const { code, out: lines } = await run(argv);
    expect(code).toBe(0);
    expect(lines).toContain('  already generated; reusing it');
    expect(lines.some((l) => /teacher: .* is trained .*reusing it/.test(l))).toBe(true);
    const after = JSON.parse(fs.readFileSync(layout.results, 'utf8')) as ReproduceResults;
    expect([after.baseline, after.sparc, after.teacher]).toEqual([before.baseline, before.sparc, before.teacher]);
  });

  it('refuses to continue a folder started with other options', async () => {
    const { code, err } = await run(['reproduce', '--preset', 'tiny', '--seed', '4', '--out', out, '--backend', 'wasm']);
    expect(code).toBe(1);
    expect(err).toEqual([`sparc: ReproduceOptionsMismatchError: ${path.join(out, 'reproduce.json')}: this folder was started with --seed 3, not 4; use another --out or the same options`]);
  });

  it('rejects bad flags with one line and exit code 1', async () => {
    for (const [flags, message] of [
      [['--preset', 'huge'], "sparc: UsageError: --preset: expected tiny or default, got 'huge'"],
      [['--backbone', 'lstm'], "sparc: UsageError: --backbone: expected hga or vgt, got 'lstm'"],
      [['--seed', 'x'], "sparc: UsageError: --seed: expected an integer >= 0, got 'x'"],
      [['--epochz', '3'], 'sparc: UsageError: Unknown option `--epochz`'],
    ] as const) {
      const { code, err } = await run(['reproduce', ...flags, '--out', path.join(tmp, 'bad')]);
      expect([code, err]).toEqual([1, [message]]);
    }
  });

  it('runs with VGT as the backbone (data written with the VGT features)', async () => {
    const vgtOut = path.join(tmp, 'repro-vgt');
    const { code, err } = await run(['reproduce', '--preset', 'tiny', '--backbone', 'vgt', '--seed', '3', '--out', vgtOut, '--backend', 'wasm']);
    expect([code, err]).toEqual([0, []]);
    const vgt = reproduceLayout(vgtOut);
    const results = JSON.parse(fs.readFileSync(vgt.results, 'utf8')) as ReproduceResults;
    expect(results.options.backbone).toBe('vgt');
    const csv = path.join(vgt.data, 'test.csv');
    for (const method of ['baseline', 'sparc'] as const) {
      expect(results[method].overall).toBeCloseTo(accuracyOf(path.join(vgt.runs[method], 'predictions_test.json'), csv), 10);
      expect((JSON.parse(fs.readFileSync(path.join(vgt.runs[method], 'config.json'), 'utf8')) as { config: { backbone: string } }).config.backbone).toBe('vgt');
    }
  });
});
