import { detectReportFolder } from '../report/build-report-data.js';
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

/** Parses a path flag (`--svg-dir`, `--tables`): absent, or a non-empty path. */
export function parsePathFlag(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value === '') throw new UsageError(`report: --${name} needs a path, got '${String(value)}'`);
  return value;
}

/** `sparc report`: one self-contained HTML page of run, reproduction and study folders. */
export const registerReportCommand: RegisterCommand = (cli, { io }) => {
  cli
    .command('report [...dirs]', 'Write one self-contained HTML report (charts) of training run, reproduction and study folders')
    .option('--out <file>', 'the HTML file to write', { default: 'report.html' })
    .option('--split <name>', 'split of the teacher strips of a reproduction folder', { default: 'test' })
    .option('--samples <n>', 'teacher strips per reproduction folder', { default: 6 })
    .option('--svg-dir <dir>', 'study folders: also write the study charts as SVG files here')
    .option('--tables <file>', 'study folders: also write the merged study tables (markdown) to this file')
    .example('sparc report runs/repro --out repro.html')
    .example('sparc report runs/a runs/b --out compare.html   # overlaid curves, config differences')
    .example('sparc report study/s1 study/s2 --out study.html --svg-dir docs/img --tables study.md   # merged study folders')
    .action(async (dirs: string[], flags: Record<string, unknown>) => {
      if (dirs.length === 0) throw new UsageError('report: give at least one run or reproduction folder (sparc report <dir>... [--out report.html])');
      if (typeof flags['out'] !== 'string' || flags['out'] === '') throw new UsageError('report: --out <file> must be a path');
      const samples = parseSamples(flags['samples']);
      const svgDir = parsePathFlag('svg-dir', flags['svgDir']);
      const tables = parsePathFlag('tables', flags['tables']);
      if ((svgDir !== undefined || tables !== undefined) && !dirs.map(detectReportFolder).includes('study')) {
        throw new UsageError(`report: ${svgDir !== undefined ? '--svg-dir' : '--tables'} needs a study folder (written by sparc study) among the folders`);
      }
      const result = await runReport({
        dirs,
        out: flags['out'],
        split: String(flags['split']),
        ...(samples !== undefined ? { samples } : {}),
        ...(svgDir !== undefined ? { svgDir } : {}),
        ...(tables !== undefined ? { tables } : {}),
      });
      for (const line of result.lines) io.out(line);
    });
};
