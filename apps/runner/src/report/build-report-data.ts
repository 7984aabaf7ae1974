// Gathers everything `sparc report` shows from run and reproduction folders (no HTML here; the page is
// drawn by render-report-html.ts from the returned data).
import fs from 'node:fs';
import path from 'node:path';
import { accuracyBars, type AccuracyInput } from './accuracy-bars.js';
import { configDifferences } from './config-differences.js';
import { isReproductionFolder, readReproductionFolder } from './read-reproduction-folder.js';
import { isRunFolder, readRunFolder } from './read-run-folder.js';
import { ReportFolderError } from './report-folder-error.js';
import type { ReportData, ReproductionSection, RunSeries } from './report-data.js';

/** Options of {@link buildReportData}. */
export interface BuildReportOptions {
  /** Run and reproduction folders, in the order they are shown. */
  readonly dirs: readonly string[];
  /** Split of the teacher strips (default `test`). */
  readonly split?: string;
  /** Teacher strips per reproduction (default 6). */
  readonly samples?: number;
  /** Time stamp shown in the page (default now). */
  readonly generatedAt?: string;
}

/** Whether `dir` is a run or a reproduction folder. */
export function detectReportFolder(dir: string): 'run' | 'reproduction' {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs)) throw new ReportFolderError(abs, 'no such folder');
  if (!fs.statSync(abs).isDirectory()) throw new ReportFolderError(abs, 'a file');
  if (isRunFolder(abs)) return 'run';
  if (isReproductionFolder(abs)) return 'reproduction';
  const entries = fs.readdirSync(abs, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, ... (${entries.length} entries)` : '');
  throw new ReportFolderError(abs, entries.length === 0 ? 'an empty folder' : `a folder with ${shown}`);
}

/** Short distinct labels: the folder names, each with parent folders added while it equals another. */
export function folderLabels(dirs: readonly string[]): string[] {
  const parts = dirs.map((d) => path.resolve(d).split(path.sep).filter((p) => p !== ''));
  const depth = parts.map(() => 1);
  const label = (i: number) => parts[i]!.slice(-depth[i]!).join('/');
  for (;;) {
    const labels = parts.map((_, i) => label(i));
    const clashing = labels.map((l, i) => labels.indexOf(l) !== i || labels.lastIndexOf(l) !== i);
    const grow = clashing.map((c, i) => c && depth[i]! < parts[i]!.length);
    if (!grow.some(Boolean)) return labels;
    grow.forEach((g, i) => g && depth[i]!++);
  }
}

/** The last evaluation of a run as a bar series. */
function lastEvaluation(run: RunSeries): AccuracyInput | null {
  const e = run.evaluations[run.evaluations.length - 1];
  return e ? { label: run.label, source: `metrics.jsonl epoch ${e.epoch} (${e.split})`, count: e.count, overall: e.overall, groups: e.groups, types: e.types } : null;
}

/**
 * Reads every folder and assembles the report: all runs' curves (a reproduction contributes its
 * baseline and SpARC runs), the accuracy bars (a reproduction's results.json, else each run's last
 * evaluation), the config differences between all runs, and each reproduction's teacher section.
 * @throws ReportFolderError for a folder that is neither kind; DataError for malformed files
 */
export async function buildReportData(options: BuildReportOptions): Promise<ReportData> {
  const dirs = options.dirs.map((d) => path.resolve(d));
  const kinds = dirs.map(detectReportFolder);
  const labels = folderLabels(dirs);
  const runs: RunSeries[] = [];
  const accuracy: AccuracyInput[] = [];
  const reproductions: ReproductionSection[] = [];
  for (const [i, dir] of dirs.entries()) {
    if (kinds[i] === 'run') {
      const run = readRunFolder(dir, labels[i]!);
      runs.push(run);
      const last = lastEvaluation(run);
      if (last) accuracy.push(last);
      continue;
    }
    const repro = await readReproductionFolder(dir, { label: dirs.length === 1 ? '' : labels[i]!, ...(options.split ? { split: options.split } : {}), ...(options.samples !== undefined ? { samples: options.samples } : {}) });
    runs.push(...repro.runs);
    if (repro.accuracy.length > 0) accuracy.push(...repro.accuracy);
    else for (const run of repro.runs) {
      const last = lastEvaluation(run);
      if (last) accuracy.push(last);
    }
    reproductions.push(repro.section);
  }
  return {
    title: `SpARC report: ${labels.join(', ')}`,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    inputs: dirs.map((dir, i) => ({ dir, kind: kinds[i]! })),
    runs,
    accuracy: accuracyBars(accuracy),
    configDifferences: configDifferences(runs),
    reproductions,
  };
}
