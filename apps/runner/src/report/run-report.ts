// `sparc report` as a function: gather the folders' data, draw the page, write one HTML file (and, for
// study folders, the static SVG charts and the merged markdown tables).
import fs from 'node:fs';
import path from 'node:path';
import { buildReportData } from './build-report-data.js';
import { buildChartSpecs } from './chart-specs.js';
import { readChartJsBundle } from './chart-js-bundle.js';
import { renderReportHtml } from './render-report-html.js';
import type { ReportData } from './report-data.js';
import { formatStudyTables } from '../study/run-study.js';
import { studySvgCharts } from '../study/study-svg.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';

/** Options of {@link runReport}. */
export interface RunReportOptions {
  readonly dirs: readonly string[];
  /** The HTML file to write. */
  readonly out: string;
  readonly split?: string;
  readonly samples?: number;
  readonly generatedAt?: string;
  /** Study folders only: write the study's SVG charts here (`study-accuracy-hga.svg`, ..., `study-teacher.svg`). */
  readonly svgDir?: string;
  /** Study folders only: write the merged markdown tables (formatStudyTables) to this file. */
  readonly tables?: string;
}

/** `svgDir` or `tables` without a study folder among the inputs. */
export class ReportStudyOptionError extends Error {
  override readonly name = 'ReportStudyOptionError';
  constructor(readonly option: string) {
    super(`report: ${option} needs a study folder (written by sparc study) among the folders`);
  }
}

/** What was written. */
export interface RunReportResult {
  readonly file: string;
  readonly bytes: number;
  readonly charts: number;
  readonly data: ReportData;
  /** The SVG files written (empty without svgDir). */
  readonly svgFiles: readonly string[];
  /** Summary lines for the terminal. */
  readonly lines: readonly string[];
}

/**
 * Writes the report of `dirs` to `out` (atomically: a temp file, then a rename), and the study's SVG charts
 * and tables when asked.
 * @throws ReportFolderError, DataError, StudyFolderError (see buildReportData), ChartJsMissingError,
 *   ReportStudyOptionError
 */
export async function runReport(options: RunReportOptions): Promise<RunReportResult> {
  const data = await buildReportData(options);
  const study = data.study;
  if (!study && options.svgDir !== undefined) throw new ReportStudyOptionError('--svg-dir');
  if (!study && options.tables !== undefined) throw new ReportStudyOptionError('--tables');
  const chartJs = readChartJsBundle();
  const html = renderReportHtml(data, { chartJs: chartJs.source, chartJsVersion: chartJs.version });
  const file = path.resolve(options.out);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, html);
  const charts = buildChartSpecs(data).length;
  const bytes = Buffer.byteLength(html);
  const svgs = study ? studySvgCharts(study.results) : [];
  const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
  const lines = [
    `read ${plural(data.runs.length, 'training run')} and ${plural(data.reproductions.length, 'reproduction')}`,
    ...(study ? [`read ${plural(study.results.records.length, 'study record')} and ${plural(Object.keys(study.results.teacher).length, 'teacher entry', 'teacher entries')} from ${plural(study.dirs.length, 'study folder')}`] : []),
    ...data.reproductions.flatMap((r) => r.notes.map((n) => `  ${r.label}: ${n}`)),
    `wrote ${file} (${charts} charts, ${study ? `${svgs.length} study SVG charts, ` : ''}${(bytes / 1024).toFixed(0)} KiB, self-contained)`,
  ];
  const svgFiles: string[] = [];
  if (study && options.svgDir !== undefined) {
    const dir = path.resolve(options.svgDir);
    fs.mkdirSync(dir, { recursive: true });
    for (const chart of svgs) {
      const svgFile = path.join(dir, chart.file);
      writeFileAtomic(svgFile, chart.svg);
      svgFiles.push(svgFile);
    }
    lines.push(`wrote ${plural(svgFiles.length, 'SVG chart')} to ${dir} (${svgs.map((c) => c.file).join(', ')})`);
  }
  if (study && options.tables !== undefined) {
    const tablesFile = path.resolve(options.tables);
    fs.mkdirSync(path.dirname(tablesFile), { recursive: true });
    writeFileAtomic(tablesFile, formatStudyTables(study.results).join('\n') + '\n');
    lines.push(`wrote the study tables to ${tablesFile}`);
  }
  return { file, bytes, charts, data, svgFiles, lines };
}
