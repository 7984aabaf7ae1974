import { describe, expect, it } from 'vitest';
import { benchJson, type BackboneBench, type BenchReport } from './bench-result.js';

const hga: BackboneBench = {
  forwardMs: 850.4,
  baselineStepMs: 2130.6,
  sparcStepMs: 3001.2,
  evalQuestionsPerSec: 75.26,
  peakRssMB: 1023.7,
  wasmHeapMB: 512.2,
  runsMs: { forward: [850.4, 851.6], baseline: [2130.6], sparc: [3001.2] },
  errors: {},
};
const report: BenchReport = {
  hga,
  vgt: { ...hga, wasmHeapMB: null },
  backend: 'wasm',
  batch: 64,
  preset: 'reference',
  runs: 5,
  warmup: 1,
  date: '2025-01-01T00:00:00.000Z',
  machine: { cpus: 2, cpuModel: 'x', platform: 'linux', arch: 'x64', node: 'v20.0.0', totalMemMB: 4096, loadStart: 1, loadEnd: 2 },
  versions: { 'tfjs-core': '4.22.0' },
};

describe('benchJson', () => {
  it('has the issue-8 layout: hga and vgt with the five numbers, then backend and batch', () => {
    const json = benchJson(report);
    expect(Object.keys(json).slice(0, 4)).toEqual(['hga', 'vgt', 'backend', 'batch']);
    expect(json['backend']).toBe('wasm');
    expect(json['batch']).toBe(64);
    const h = json['hga'] as Record<string, unknown>;
    expect(Object.keys(h).slice(0, 5)).toEqual(['forwardMs', 'baselineStepMs', 'sparcStepMs', 'evalQuestionsPerSec', 'peakRssMB']);
  });
  it('rounds milliseconds and MB to integers and throughput to 0.1', () => {
    const h = benchJson(report)['hga'] as Record<string, unknown>;
    expect(h).toMatchObject({ forwardMs: 850, baselineStepMs: 2131, sparcStepMs: 3001, evalQuestionsPerSec: 75.3, peakRssMB: 1024, wasmHeapMB: 512 });
    expect(h['runsMs']).toEqual({ forward: [850, 852], baseline: [2131], sparc: [3001] });
    expect((benchJson(report)['vgt'] as Record<string, unknown>)['wasmHeapMB']).toBeNull();
  });
  it('writes a failed measurement as null with its error', () => {
    const json = benchJson({ ...report, vgt: { ...hga, sparcStepMs: NaN, runsMs: { ...hga.runsMs, sparc: [] }, errors: { 'SpARC step': 'Aborted()' } } });
    expect(json['vgt']).toMatchObject({ sparcStepMs: null, errors: { 'SpARC step': 'Aborted()' } });
    expect('errors' in (json['hga'] as object)).toBe(false);
  });
  it('leaves out a backbone that was not measured and survives a JSON round trip', () => {
    const json = benchJson({ ...report, vgt: undefined });
    expect('vgt' in json).toBe(false);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
