// Builds the cac CLI: global options and the command list. No logic lives here (unbuild's cli.ts pattern).
import { cac, type CAC } from 'cac';
import { registerBackendCommand } from './commands/backend-command.js';
import { registerBenchCommand } from './commands/bench-command.js';
import type { CommandContext, RegisterCommand } from './commands/command-context.js';
import { registerEvalCommand } from './commands/eval-command.js';
import { registerProbeCommand } from './commands/probe-command.js';
import { registerReportCommand } from './commands/report-command.js';
import { registerReproduceCommand } from './commands/reproduce-command.js';
import { registerStudyCommand } from './commands/study-command.js';
import { registerSynthCommand } from './commands/synth-command.js';
import { registerTeacherCommand } from './commands/teacher-command.js';
import { registerTrainCommand } from './commands/train-command.js';

/** Every command of `sparc`, in help order. */
export const COMMANDS: readonly RegisterCommand[] = [registerReproduceCommand, registerSynthCommand, registerTeacherCommand, registerTrainCommand, registerStudyCommand, registerEvalCommand, registerProbeCommand, registerReportCommand, registerBenchCommand, registerBackendCommand];

export function createCli(ctx: CommandContext): CAC {
  const cli = cac('sparc');
  cli.option('--backend <name>', 'auto | tensorflow-gpu | tensorflow | wasm | cpu', { default: 'auto' });
  cli.option('--debug', 'print stack traces of errors');
  for (const register of COMMANDS) register(cli, ctx);
  cli.help();
  cli.version('0.1.0');
  return cli;
}
