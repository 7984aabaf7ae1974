import fs from 'node:fs';
import path from 'node:path';
import { initBackend } from '../backend/index.js';
import { REFERENCE_BENCH, SMALL_BENCH, type BenchBackbone } from '../bench/bench-config.js';
import { benchJson } from '../bench/bench-result.js';
import { formatBenchTable } from '../bench/format-bench-table.js';
import { runBench } from '../bench/run-bench.js';
import { REPORT_FLAG, runBenchIsolated } from '../bench/run-bench-isolated.js';
import { parseBackendOption } from './backend-command.js';
import type { RegisterCommand } from './command-context.js';
import { UsageError } from './usage-error.js';

/** The flags of `sparc bench` as cac parses them. */
interface BenchFlags {
  readonly small?: unknown;
  readonly json?: unknown;
  readonly runs?: unknown;
  readonly warmup?: unknown;
  readonly backbones?: unknown;
  readonly seed?: unknown;
  readonly batch?: unknown;
  readonly inProcess?: unknown;
  readonly reportFile?: unknown;
  readonly backend?: unknown;
}

function count(value: unknown, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name}: expected an integer >= ${min}, got '${String(value)}'`);
  return n;
}

function parseBackbones(value: unknown): BenchBackbone[] {
  if (value === undefined) return ['hga', 'vgt'];
  const names = String(value).split(',').map((s) => s.trim());
  for (const n of names) if (n !== 'hga' && n !== 'vgt') throw new UsageError(`--backbones: expected hga, vgt or hga,vgt, got '${String(value)}'`);
  return [...new Set(names)] as BenchBackbone[];
}

/** `sparc bench`: training and evaluation speed at the PyTorch reference's shapes (issue 8). */
export const registerBenchCommand: RegisterCommand = (cli, { io }) => {
  cli
    .command('bench', 'Forward, baseline and SpARC train step, evaluation throughput and peak memory of HGA and VGT at the reference shapes (batch 64)')
    .option('--small', 'toy shapes (batch 8) for a quick look')
    .option('--json <out>', 'also write the results as JSON { hga, vgt, backend, batch, ... }')
    .option('--runs <n>', 'timed runs per measurement; the median is reported (default 5)')
    .option('--warmup <n>', 'untimed runs first (default 1)')
    .option('--backbones <list>', 'hga, vgt or hga,vgt (default)')
    .option('--seed <n>', 'seed of the random inputs and weights (default 0)')
    .option('--batch <n>', "override the preset's batch size (the reference is 64)")
    .option('--in-process', 'measure every backbone in this process (default: one child process per backbone)')
    .option(`${REPORT_FLAG} <file>`, '(internal) write the raw report of this process')
    .example('sparc bench --json runs/bench.json')
    .example('sparc bench --small --backbones hga --runs 3')
    .action(async (flags: BenchFlags) => {
      const base = flags.small ? SMALL_BENCH : REFERENCE_BENCH;
      const batch = count(flags.batch, 'batch', base.batch, 2);
      const preset = batch === base.batch ? base : { ...base, batch, evalQuestions: Math.ceil(base.evalQuestions / batch) * batch };
      const runs = count(flags.runs, 'runs', 5, 1);
      const warmup = count(flags.warmup, 'warmup', 1, 0);
      const seed = count(flags.seed, 'seed', 0, 0);
      const backbones = parseBackbones(flags.backbones);
      if (flags.json !== undefined && (typeof flags.json !== 'string' || flags.json === '')) throw new UsageError('--json: expected a path');
      const backend = parseBackendOption(flags.backend ?? 'auto');
      let report;
      if (backbones.length > 1 && !flags.inProcess) {
        const args = ['--backend', backend, '--runs', String(runs), '--warmup', String(warmup), '--seed', String(seed), '--batch', String(batch), ...(flags.small ? ['--small'] : [])];
        report = runBenchIsolated(args, backbones);
      } else {
        const info = await initBackend(backend);
        io.err(`bench: ${preset.name} shapes, batch ${preset.batch}, backend ${info.name}, ${warmup} warm-up + ${runs} runs per measurement`);
        report = runBench({ preset, backbones, runs, warmup, seed, backend: info.name, versions: info.versions, log: (line) => io.err(line) });
        if (typeof flags.reportFile === 'string') fs.writeFileSync(flags.reportFile, JSON.stringify(report));
      }
      for (const line of formatBenchTable(report)) io.out(line);
      if (typeof flags.json === 'string') {
        const out = path.resolve(flags.json);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, JSON.stringify(benchJson(report), null, 2) + '\n');
        io.out(`wrote ${out}`);
      }
    });
};
