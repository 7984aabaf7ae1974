import { describe, expect, it } from 'vitest';
import type { BackboneBench, BenchReport } from './bench-result.js';
import { evalSecondsForVal, formatBenchTable } from './format-bench-table.js';

const hga: BackboneBench = {
  forwardMs: 800,
  baselineStepMs: 2000,
  sparcStepMs: 3100,
  evalQuestionsPerSec: 124.9,
  peakRssMB: 900,
  wasmHeapMB: 600,
  runsMs: { forward: [800], baseline: [2000], sparc: [3100] },
  errors: {},
};
const report: BenchReport = {
  hga,
  backend: 'wasm',
  batch: 64,
  preset: 'reference',
  runs: 5,
  warmup: 1,
  date: '2025-03-04T10:00:00.000Z',
  machine: { cpus: 2, cpuModel: 'Test CPU', platform: 'linux', arch: 'x64', node: 'v20.1.0', totalMemMB: 8000, loadStart: 1.04, loadEnd: 2.26 },
  versions: {},
};

describe('evalSecondsForVal', () => {
  it('is 4996 questions over the throughput', () => {
    expect(evalSecondsForVal({ ...hga, evalQuestionsPerSec: 4996 / 40 })).toBeCloseTo(40, 10);
  });
});

describe('formatBenchTable', () => {
  const lines = formatBenchTable(report);
  it('titles the table with preset, batch, backend, runs, date, cores, Node and load', () => {
    expect(lines[0]).toBe('sparc bench: reference shapes, batch 64, backend wasm, median of 5 after 1 warm-up; 2025-03-04, 2 cores (Test CPU), Node v20.1.0, load 1.0-2.3');
    expect(lines[1]).toBe('');
  });
  it('is a Markdown table with one column per measured backbone and a target column', () => {
    const table = lines.slice(2);
    expect(table[0]!.split('|').map((s) => s.trim())).toEqual(['', '', 'HGA', 'target', '']);
    expect(table[1]).toMatch(/^\|-+\|-+:\|-+:\|$/);
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
  });
  it('derives the ratio and the 4,996-question evaluation time', () => {
    const row = (name: string) => lines.find((l) => l.startsWith(`| ${name}`))!.split('|').map((s) => s.trim());
    expect(row('SpARC / baseline')[2]).toBe('1.55x');
    expect(row('SpARC / baseline')[3]).toBe('<= 1.5x');
    expect(row('eval 4996 questions')[2]).toBe('40.0');
    expect(row('baseline train step')[2]).toBe('2000');
    expect(row('peak RSS')[3]).toBe('< 2048');
  });
  it('prints a failed measurement as failed and lists its error under the table', () => {
    const failed = formatBenchTable({ ...report, hga: { ...hga, sparcStepMs: NaN, errors: { 'SpARC step': 'Aborted()' } } });
    expect(failed.find((l) => l.startsWith('| SpARC train step'))!.split('|')[2]!.trim()).toBe('failed');
    expect(failed.find((l) => l.startsWith('| SpARC / baseline'))!.split('|')[2]!.trim()).toBe('failed');
    expect(failed.at(-1)).toBe('HGA SpARC step failed: Aborted()');
  });
});
