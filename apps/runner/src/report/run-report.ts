// `sparc report` as a function: gather the folders' data, draw the page, write one HTML file.
import fs from 'node:fs';
import path from 'node:path';
import { buildReportData } from './build-report-data.js';
import { buildChartSpecs } from './chart-specs.js';
import { readChartJsBundle } from './chart-js-bundle.js';
import { renderReportHtml } from './render-report-html.js';
import type { ReportData } from './report-data.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';

/** Options of {@link runReport}. */
export interface RunReportOptions {
  readonly dirs: readonly string[];
  /** The HTML file to write. */
  readonly out: string;
  readonly split?: string;
  readonly samples?: number;
  readonly generatedAt?: string;
}

/** What was written. */
export interface RunReportResult {
  readonly file: string;
  readonly bytes: number;
  readonly charts: number;
  readonly data: ReportData;
  /** Summary lines for the terminal. */
  readonly lines: readonly string[];
}

/**
 * Writes the report of `dirs` to `out` (atomically: a temp file, then a rename).
 * @throws ReportFolderError, DataError (see buildReportData), ChartJsMissingError
 */
export async function runReport(options: RunReportOptions): Promise<RunReportResult> {
  const data = await buildReportData(options);
  const chartJs = readChartJsBundle();
  const html = renderReportHtml(data, { chartJs: chartJs.source, chartJsVersion: chartJs.version });
  const file = path.resolve(options.out);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, html);
  const charts = buildChartSpecs(data).length;
  const bytes = Buffer.byteLength(html);
  const lines = [
    `read ${data.runs.length} training run${data.runs.length === 1 ? '' : 's'} and ${data.reproductions.length} reproduction${data.reproductions.length === 1 ? '' : 's'}`,
    ...data.reproductions.flatMap((r) => r.notes.map((n) => `  ${r.label}: ${n}`)),
    `wrote ${file} (${charts} charts, ${(bytes / 1024).toFixed(0)} KiB, self-contained)`,
  ];
  return { file, bytes, charts, data, lines };
}
