// Runs `sparc bench` once per backbone in a child process and merges the reports: a backbone that
// exhausts the wasm heap (4 GiB; an abort leaves the wasm module unusable) cannot spoil the next one, and
// each backbone's peak RSS is its own.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchBackbone } from './bench-config.js';
import type { BackboneBench, BenchReport } from './bench-result.js';

/** The hidden flag a child writes its raw report with. */
export const REPORT_FLAG = '--report-file';

const NUMBERS = new Set(['forwardMs', 'baselineStepMs', 'sparcStepMs', 'evalQuestionsPerSec', 'peakRssMB']);

/** Parses a report written with JSON.stringify (NaN became null) back into a BenchReport. */
export function parseBenchReport(text: string): BenchReport {
  return JSON.parse(text, (key, value: unknown) => (value === null && NUMBERS.has(key) ? NaN : value)) as BenchReport;
}

/** A backbone whose child process produced no report. */
function failedBench(message: string): BackboneBench {
  return {
    forwardMs: NaN, baselineStepMs: NaN, sparcStepMs: NaN, evalQuestionsPerSec: NaN, peakRssMB: NaN, wasmHeapMB: null,
    runsMs: { forward: [], baseline: [], sparc: [] },
    errors: { process: message },
  };
}

/**
 * Runs this CLI (`process.execPath`, its exec flags and script) with `args` plus `--backbones <b>` for
 * each backbone; the children's progress goes to this process's stderr.
 */
export function runBenchIsolated(args: readonly string[], backbones: readonly BenchBackbone[]): BenchReport {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-bench-'));
  try {
    const reports: Array<{ backbone: BenchBackbone; report: BenchReport | null; error: string }> = [];
    for (const backbone of backbones) {
      const file = path.join(dir, `${backbone}.json`);
      const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, 'bench', ...args, '--backbones', backbone, REPORT_FLAG, file], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const report = fs.existsSync(file) ? parseBenchReport(fs.readFileSync(file, 'utf8')) : null;
      reports.push({ backbone, report, error: child.error?.message ?? `exited with code ${child.status ?? child.signal}` });
    }
    const first = reports.find((r) => r.report !== null)?.report;
    if (!first) throw new Error(`sparc bench: no child process wrote a report (${reports.map((r) => `${r.backbone}: ${r.error}`).join('; ')})`);
    const last = [...reports].reverse().find((r) => r.report !== null)!.report!;
    const merged: Partial<Record<BenchBackbone, BackboneBench>> = {};
    for (const r of reports) merged[r.backbone] = r.report?.[r.backbone] ?? failedBench(`child process ${r.error} without a report`);
    return { ...first, ...merged, machine: { ...first.machine, loadEnd: last.machine.loadEnd } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
