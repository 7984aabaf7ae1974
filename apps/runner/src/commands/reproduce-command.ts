import path from 'node:path';
import { initBackend } from '../backend/index.js';
import { REPRODUCE_PRESET_NAMES, type ReproducePresetName } from '../reproduce/reproduce-config.js';
import { runReproduce, type ReproduceResults } from '../reproduce/run-reproduce.js';
import { parseBackendOption } from './backend-command.js';
import type { CliIO, RegisterCommand } from './command-context.js';
import { UsageError } from './usage-error.js';

/** Validated `sparc reproduce` flags. */
export function parseReproduceFlags(flags: Record<string, unknown>): { preset: ReproducePresetName; backbone: 'hga' | 'vgt'; seed: number; out: string } {
  const preset = String(flags['preset'] ?? 'default');
  if (!(REPRODUCE_PRESET_NAMES as readonly string[]).includes(preset)) throw new UsageError(`--preset: expected ${REPRODUCE_PRESET_NAMES.join(' or ')}, got '${preset}'`);
  const backbone = String(flags['backbone'] ?? 'hga');
  if (backbone !== 'hga' && backbone !== 'vgt') throw new UsageError(`--backbone: expected hga or vgt, got '${backbone}'`);
  const seed = Number(flags['seed'] ?? 1);
  if (typeof flags['seed'] === 'boolean' || !Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed: expected an integer >= 0, got '${String(flags['seed'])}'`);
  return { preset: preset as ReproducePresetName, backbone, seed, out: path.resolve(String(flags['out'] ?? 'runs/reproduce')) };
}

/** `sparc reproduce` as a function (the default command; `npm start`). */
export async function reproduceCommand(flags: Record<string, unknown>, io: CliIO): Promise<ReproduceResults> {
  const options = parseReproduceFlags(flags);
  const backend = await initBackend(parseBackendOption(flags['backend'] ?? 'auto'));
  io.out(`sparc reproduce: preset ${options.preset}, ${options.backbone.toUpperCase()}, seed ${options.seed}, backend ${backend.name}; output in ${options.out} (rerun the same command to resume)`);
  const deno = (globalThis as { Deno?: { version: { deno: string } } }).Deno?.version.deno ?? null;
  return runReproduce({ ...options, io, environment: { backend: backend.name, versions: backend.versions, node: deno ? null : process.versions.node, deno } });
}

/** `sparc reproduce`: the whole pipeline (the default command, run by `npm start`). */
export const registerReproduceCommand: RegisterCommand = (cli, { io }) => {
  cli
    .command('reproduce', 'Whole SpARC pipeline on the synthetic benchmark: data, teacher, baseline vs SpARC, evaluation (resumable)')
    .option('--preset <name>', 'tiny (seconds) | default (under 10 minutes on 2 cores)', { default: 'default' })
    .option('--backbone <name>', 'hga | vgt', { default: 'hga' })
    .option('--seed <n>', 'seed of the data, the teacher and both trainings', { default: 1 })
    .option('--out <dir>', 'output folder (data/, teacher/, runs/, results.json)', { default: 'runs/reproduce' })
    .example('sparc reproduce --preset tiny --out /tmp/repro')
    .action(async (flags: Record<string, unknown>) => {
      await reproduceCommand(flags, io);
    });
};
