// `sparc probe misfocus`: the before/after swap probe of paper 4.1.1 for a trained video model or the teacher.
import { initBackend } from '../backend/index.js';
import { runMisfocusProbe, type MisfocusProbeOptions } from '../probe/run-misfocus-probe.js';
import { parseBackendOption } from './backend-command.js';
import type { RegisterCommand } from './command-context.js';
import { UsageError } from './usage-error.js';

/** The probes `sparc probe` knows. */
export const PROBES = ['misfocus'] as const;

function text(flags: Record<string, unknown>, name: string, flag: string): string | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${flag}: expected a value, got '${String(v)}'`);
  return v;
}

/** Turns `sparc probe misfocus` flags into options (usage errors for bad values). */
export function parseProbeFlags(kind: unknown, flags: Record<string, unknown>): MisfocusProbeOptions {
  if (kind !== 'misfocus') throw new UsageError(`probe: expected one of ${PROBES.join(', ')}, got '${String(kind)}'`);
  const dataset = text(flags, 'dataset', 'dataset');
  if (dataset === undefined) throw new UsageError('probe misfocus: --dataset <dir> is required');
  const checkpoint = text(flags, 'checkpoint', 'checkpoint');
  const teacher = text(flags, 'teacher', 'teacher');
  if ((checkpoint === undefined) === (teacher === undefined)) throw new UsageError('probe misfocus: give exactly one of --checkpoint <run folder> and --teacher <teacher file>');
  const topK = Number(flags['topK'] ?? 1);
  if (typeof flags['topK'] === 'boolean' || !Number.isInteger(topK) || topK < 1) throw new UsageError(`--top-k: expected an integer >= 1, got '${String(flags['topK'])}'`);
  const threshold = Number(flags['threshold'] ?? 0.5);
  if (typeof flags['threshold'] === 'boolean' || !(threshold >= 0 && threshold <= 1)) throw new UsageError(`--threshold: expected a number in [0, 1], got '${String(flags['threshold'])}'`);
  const answer = flags['teacherAnswer'] ?? 'original';
  if (answer !== 'original' && answer !== 'swapped') throw new UsageError(`--teacher-answer: expected original or swapped, got '${String(answer)}'`);
  if (checkpoint !== undefined && flags['teacherAnswer'] !== undefined) throw new UsageError('probe misfocus: --teacher-answer applies to --teacher only');
  const json = text(flags, 'json', 'json');
  return {
    dataset,
    split: text(flags, 'split', 'split') ?? 'test',
    ...(checkpoint !== undefined ? { checkpoint } : { teacher: teacher! }),
    topK,
    threshold,
    teacherAnswer: answer,
    ...(json !== undefined ? { json } : {}),
  };
}

/** `sparc probe misfocus`. */
export const registerProbeCommand: RegisterCommand = (cli, { io }) => {
  cli
    .command('probe <kind>', 'Diagnostics; misfocus: share of before/after questions whose focused frames stay identical when the words are swapped (paper 4.1.1)')
    .option('--dataset <dir>', 'synthetic dataset folder (sparc synth)')
    .option('--checkpoint <run>', 'a sparc train run folder (HGA): compares the most attended frames')
    .option('--teacher <file>', 'a built-in teacher file: compares its causal frames and argmax frame')
    .option('--split <split>', 'split to probe', { default: 'test' })
    .option('--top-k <k>', 'checkpoint: frames compared per question (the k most attended)', { default: 1 })
    .option('--threshold <t>', 'teacher: causal frames p_k[a] > t (argmax fallback)', { default: 0.5 })
    .option('--teacher-answer <mode>', "teacher: candidate a for the swapped question, 'original' (the labelled answer) or 'swapped' (its own answer)")
    .option('--json <out>', 'write { source, split, samples, identical, byType, groundTruthHit, ... }')
    .example('sparc probe misfocus --dataset runs/synth --checkpoint runs/train --json misfocus.json')
    .example('sparc probe misfocus --dataset runs/synth --teacher runs/teacher/teacher.tiny-albef --threshold 0.5')
    .action(async (kind: string, flags: Record<string, unknown>) => {
      const options = parseProbeFlags(kind, flags);
      await initBackend(parseBackendOption(flags['backend'] ?? 'auto'));
      const { lines } = await runMisfocusProbe(options);
      for (const line of lines) io.out(line);
    });
};
