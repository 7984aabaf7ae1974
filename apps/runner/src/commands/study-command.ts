import path from 'node:path';
import { initBackend } from '../backend/index.js';
import { runStudy, type StudyResults } from '../study/run-study.js';
import { STUDY_FULL, STUDY_QUICK, STUDY_ROW_ORDER, type StudyConfig } from '../study/study-config.js';
import { parseBackendOption } from './backend-command.js';
import type { CliIO, RegisterCommand } from './command-context.js';
import { UsageError } from './usage-error.js';

function list(flag: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const items = String(value).split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new UsageError(`--${flag}: expected a comma-separated list`);
  return items;
}

/** Validated `sparc study` flags -> the study config. */
export function parseStudyFlags(flags: Record<string, unknown>): StudyConfig {
  const base = flags['quick'] ? STUDY_QUICK : STUDY_FULL;
  const seeds = list('seeds', flags['seeds'])?.map((s) => {
    const n = Number(s);
    if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--seeds: expected integers >= 0, got '${s}'`);
    return n;
  });
  const backbones = list('backbones', flags['backbones'])?.map((b) => {
    if (b !== 'hga' && b !== 'vgt') throw new UsageError(`--backbones: expected hga and/or vgt, got '${b}'`);
    return b;
  });
  const rows = list('rows', flags['rows']);
  for (const r of rows ?? []) if (!STUDY_ROW_ORDER.includes(r)) throw new UsageError(`--rows: expected some of ${STUDY_ROW_ORDER.join(', ')}, got '${r}'`);
  const epochs = flags['epochs'] === undefined ? undefined : Number(flags['epochs']);
  if (epochs !== undefined && (!Number.isInteger(epochs) || epochs < 1)) throw new UsageError(`--epochs: expected a positive integer, got '${String(flags['epochs'])}'`);
  return {
    ...base,
    ...(seeds ? { seeds } : {}),
    ...(backbones ? { backbones } : {}),
    ...(rows ? { rows } : {}),
    ...(flags['sweep'] === false ? { sweep: false } : {}),
    ...(epochs ? { train: { ...base.train, epochs } } : {}),
  };
}

/** `sparc study` as a function. */
export async function studyCommand(flags: Record<string, unknown>, io: CliIO): Promise<StudyResults> {
  const config = parseStudyFlags(flags);
  const backend = await initBackend(parseBackendOption(flags['backend'] ?? 'auto'));
  const out = path.resolve(String(flags['out'] ?? (flags['quick'] ? 'runs/study-quick' : 'runs/study')));
  io.out(`sparc study${flags['quick'] ? ' --quick' : ''}: ${config.backbones.join(', ')} x rows ${config.rows.join(', ')} x seeds ${config.seeds.join(', ')}${config.sweep ? ' + sweep (threshold, fallback, soft weights)' : ''}; backend ${backend.name}; output in ${out} (resumable)`);
  return runStudy({ out, config, io, environment: { backend: backend.name, versions: backend.versions } });
}

/** `sparc study`: the effectiveness study of issue 7 (docs/results.md). */
export const registerStudyCommand: RegisterCommand = (cli, { io }) => {
  cli
    .command('study', 'Baseline vs each part of SpARC (Tables 5, 7) on the synthetic benchmark: seeds x backbones x rows, frame evidence, misfocus, t/fallback sweep')
    .option('--quick', 'CI size: tiny preset, one seed, HGA, baseline vs T+S+TGM')
    .option('--seeds <list>', 'e.g. 1,2,3')
    .option('--backbones <list>', 'hga,vgt')
    .option('--rows <list>', `some of ${STUDY_ROW_ORDER.join(', ')}`)
    .option('--epochs <n>', 'training epochs of every run')
    .option('--no-sweep', 'skip the sweep (t=0.3, t=0.7, fallback=all, fallback=skip, soft, oracle; every seed and backbone)')
    .option('--out <dir>', 'output folder (default runs/study or runs/study-quick)')
    .action(async (flags: Record<string, unknown>) => {
      await studyCommand(flags, io);
    });
};
