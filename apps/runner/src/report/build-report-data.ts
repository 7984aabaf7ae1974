// Gathers everything `sparc report` shows from run, reproduction and study folders (no HTML here; the
// page is drawn by render-report-html.ts from the returned data).
import fs from 'node:fs';
import path from 'node:path';
import { accuracyBars, type AccuracyInput } from './accuracy-bars.js';
import { configDifferences } from './config-differences.js';
import { isReproductionFolder, readReproductionFolder } from './read-reproduction-folder.js';
import { isRunFolder, readRunFolder } from './read-run-folder.js';
import { ReportFolderError } from './report-folder-error.js';
import type { ReportData, ReportFolderKind, ReproductionSection, RunSeries } from './report-data.js';
import { isStudyFolder, readStudyFolders } from '../study/read-study-folders.js';

/** Options of {@link buildReportData}. */
export interface BuildReportOptions {
  /** Run, reproduction and study folders, in the order they are shown (study folders are merged into one section). */
  readonly dirs: readonly string[];
  /** Split of the teacher strips (default `test`). */
  readonly split?: string;
  /** Teacher strips per reproduction (default 6). */
  readonly samples?: number;
  /** Time stamp shown in the page (default now). */
  readonly generatedAt?: string;
}

/** Whether `dir` is a run, a reproduction or a study folder (checked in that order). */
export function detectReportFolder(dir: string): ReportFolderKind {
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs)) throw new ReportFolderError(abs, 'no such folder');
  if (!fs.statSync(abs).isDirectory()) throw new ReportFolderError(abs, 'a file');
  if (isRunFolder(abs)) return 'run';
  if (isReproductionFolder(abs)) return 'reproduction';
  if (isStudyFolder(abs)) return 'study';
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
 * evaluation), the config differences between all runs, each reproduction's teacher section, and the
 * study folders merged by readStudyFolders.
 * @throws ReportFolderError for a folder of no known kind; DataError for malformed files; StudyFolderError
 */
export async function buildReportData(options: BuildReportOptions): Promise<ReportData> {
  const dirs = options.dirs.map((d) => path.resolve(d));
  const kinds = dirs.map(detectReportFolder);
  const labels = folderLabels(dirs);
  const runs: RunSeries[] = [];
  const accuracy: AccuracyInput[] = [];
  const reproductions: ReproductionSection[] = [];
  const studyDirs: string[] = [];
  for (const [i, dir] of dirs.entries()) {
    if (kinds[i] === 'study') {
      studyDirs.push(dir);
      continue;
    }
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
    ...(studyDirs.length > 0 ? { study: { dirs: studyDirs, results: readStudyFolders(studyDirs) } } : {}),
  };
}
