import { runReport } from '../report/run-report.js';
import type { RegisterCommand } from './command-context.js';
import { UsageError } from './usage-error.js';

/** Parses `--samples`: a whole number of teacher strips, 0 to 100. */
export function parseSamples(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value === 'boolean' || !Number.isInteger(n) || n < 0 || n > 100) throw new UsageError(`--samples: expected an integer from 0 to 100, got '${String(value)}'`);
  return n;
}

/** `sparc report`: one self-contained HTML page of run and reproduction folders. */
export const registerReportCommand: RegisterCommand = (cli, { io }) => {
  cli
    .command('report [...dirs]', 'Write one self-contained HTML report (charts) of training run and reproduction folders')
    .option('--out <file>', 'the HTML file to write', { default: 'report.html' })
    .option('--split <name>', 'split of the teacher strips of a reproduction folder', { default: 'test' })
    .option('--samples <n>', 'teacher strips per reproduction folder', { default: 6 })
    .example('sparc report runs/repro --out repro.html')
    .example('sparc report runs/a runs/b --out compare.html   # overlaid curves, config differences')
    .action(async (dirs: string[], flags: Record<string, unknown>) => {
      if (dirs.length === 0) throw new UsageError('report: give at least one run or reproduction folder (sparc report <dir>... [--out report.html])');
      if (typeof flags['out'] !== 'string' || flags['out'] === '') throw new UsageError('report: --out <file> must be a path');
      const samples = parseSamples(flags['samples']);
      const result = await runReport({ dirs, out: flags['out'], split: String(flags['split']), ...(samples !== undefined ? { samples } : {}) });
      for (const line of result.lines) io.out(line);
    });
};
