import { describe, expect, it } from 'vitest';
import type { BenchReport } from './bench-result.js';
import { parseBenchReport } from './run-bench-isolated.js';

describe('parseBenchReport', () => {
  it('restores failed measurements (NaN, written as null) and keeps everything else', () => {
    const report = {
      hga: { forwardMs: 12.5, baselineStepMs: NaN, sparcStepMs: NaN, evalQuestionsPerSec: 40, peakRssMB: 300, wasmHeapMB: null, runsMs: { forward: [12.5], baseline: [], sparc: [] }, errors: { 'baseline step': 'Aborted()' } },
      backend: 'wasm', batch: 64, preset: 'reference', runs: 1, warmup: 0, date: 'd',
      machine: { cpus: 2, cpuModel: 'm', platform: 'linux', arch: 'x64', node: 'v20', totalMemMB: 1, loadStart: 1, loadEnd: 1 },
      versions: {},
    } satisfies BenchReport;
    const back = parseBenchReport(JSON.stringify(report));
    expect(back.hga!.baselineStepMs).toBeNaN();
    expect(back.hga!.sparcStepMs).toBeNaN();
    expect(back.hga!.forwardMs).toBe(12.5);
    expect(back.hga!.wasmHeapMB).toBeNull();
    expect(back.hga!.errors).toEqual({ 'baseline step': 'Aborted()' });
    expect(back.batch).toBe(64);
  });
});
