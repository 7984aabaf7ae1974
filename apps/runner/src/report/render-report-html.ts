// Draws the report: one self-contained HTML page (Chart.js inlined, data embedded as JSON, tables as
// HTML, the study's static SVG charts inlined) from the gathered ReportData. No file system or network here.
import { buildChartSpecs, categoryName, PALETTE, STRIP_COLORS, type ChartSpec } from './chart-specs.js';
import { formatConfigValue } from './config-differences.js';
import { escapeHtml } from './escape-html.js';
import { markdownTablesToHtml } from './markdown-tables-html.js';
import { REPORT_PAGE_SCRIPT, REPORT_ERROR_HOOK } from './report-page-script.js';
import type { FrameQuality, ReportData, ReportFolderKind, ReproductionSection, RunSeries, StudySection } from './report-data.js';
import { formatStudyTables } from '../study/run-study.js';
import { studySvgCharts } from '../study/study-svg.js';

/** Re-exported: the page's escaping, for callers of the renderer. */
export { escapeHtml };

/** JSON for a `<script type="application/json">` element (no `<` can end the element). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const pct = (x: number | null | undefined, digits = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '-');
const frac = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '-');
const num = (x: unknown, digits = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '-');

function canvases(specs: readonly ChartSpec[], section: string, cls = 'charts'): string {
  const cards = specs
    .filter((s) => s.section === section)
    .map((s) => `<figure class="card${s.wide ? ' wide' : ''}">${s.caption === null ? '' : `<figcaption>${escapeHtml(s.caption)}</figcaption>`}<div class="plot" style="height:${s.height}px"><canvas id="${escapeHtml(s.id)}"></canvas></div></figure>`);
  return cards.length === 0 ? '' : `<div class="${cls}">${cards.join('')}</div>`;
}

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>, numericFrom = 1): string {
  const th = head.map((h, i) => `<th${i >= numericFrom ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${i >= numericFrom ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function swatch(i: number): string {
  return `<span class="swatch" style="background:${PALETTE[i % PALETTE.length]}"></span>`;
}

function runsTable(runs: readonly RunSeries[]): string {
  const rows = runs.map((r, i) => {
    const last = r.evaluations[r.evaluations.length - 1];
    const lastStep = r.steps[r.steps.length - 1];
    return `<tr><td>${swatch(i)}${escapeHtml(r.label)}</td><td><code>${escapeHtml(r.dir)}</code></td><td class="num">${r.steps.length}</td><td class="num">${r.epochMeans.length}</td><td class="num">${num(lastStep?.loss ?? null, 4)}</td><td class="num">${last ? `${pct(last.overall)} (${escapeHtml(last.split)}, epoch ${last.epoch})` : '-'}</td></tr>`;
  });
  return `<table><thead><tr><th>run</th><th>folder</th><th class="num">steps</th><th class="num">epochs</th><th class="num">last loss</th><th class="num">last evaluation (%)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function accuracyTable(data: ReportData): string {
  const { categories, series } = data.accuracy;
  if (series.length === 0) return '<p class="note">No evaluation yet: no run has finished an epoch and no results.json was found.</p>';
  const head = ['series', 'source', 'questions', ...categories.map(categoryName)];
  return table(head, series.map((s) => [s.label, s.source, s.count === null ? '-' : String(s.count), ...s.values.map((v) => pct(v))]), 2);
}

function configSection(data: ReportData): string {
  const diff = data.configDifferences;
  if (data.runs.length === 0) return '<p class="note">No run.</p>';
  if (data.runs.length === 1) {
    const config = data.runs[0]!.config;
    return `<p class="note">One run: nothing to compare.</p><details><summary>its configuration</summary>${table(['field', 'value'], Object.entries(config).map(([k, v]) => [k, formatConfigValue(v)]))}</details>`;
  }
  const same = `<p class="note">${diff.same} other field${diff.same === 1 ? ' is' : 's are'} the same in every run.</p>`;
  if (diff.rows.length === 0) return `<p class="note">The runs have the same configuration.</p>${same}`;
  return table(['field', ...diff.runs], diff.rows.map((r) => [r.field, ...r.values])) + same;
}

function qualityRow(name: string, q: Readonly<Record<string, unknown>> | FrameQuality): string[] {
  const r = q as Record<string, unknown>;
  return [name, typeof r['questions'] === 'number' ? String(r['questions']) : '-', frac(r['precision']), frac(r['recall']), frac(r['f1']), num(r['framesSelected']), frac(r['fallbackRate']), frac(r['accuracy'])];
}

function teacherSection(repro: ReproductionSection, index: number, specs: readonly ChartSpec[]): string {
  const t = repro.teacher;
  const rows: string[][] = [];
  if (t.reported) {
    rows.push(qualityRow('results.json (sparc reproduce)', t.reported));
    const groups = t.reported['groups'];
    if (typeof groups === 'object' && groups !== null) {
      for (const [g, q] of Object.entries(groups as Record<string, Record<string, unknown>>)) rows.push(qualityRow(`results.json, group ${g}`, q));
    }
  }
  if (t.quality) rows.push(qualityRow(`recomputed from ${t.split} teacher store`, t.quality));
  const selection = `p_k[a] &gt; t = ${escapeHtml(String(t.threshold))}, fallback ${escapeHtml(t.fallback)}${t.minFrames > 0 ? `, min ${t.minFrames} frames` : ''}${t.maxFrames !== null ? `, max ${t.maxFrames} frames` : ''}`;
  const notes = repro.notes.length === 0 ? '' : `<ul class="notes">${repro.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`;
  const quality = rows.length === 0
    ? '<p class="note">No teacher precision/recall: results.json and the teacher store are both missing.</p>'
    : table(['selected frames vs ground-truth causal frames', 'questions', 'precision', 'recall', 'F1', 'frames / question', 'fallback', 'teacher accuracy'], rows);
  const legend = `<p class="legend"><span class="swatch" style="background:${STRIP_COLORS.selected}"></span>selected frame (${selection}) <span class="swatch" style="background:${STRIP_COLORS.other}"></span>not selected <span class="mark" style="color:${STRIP_COLORS.causal}">&#9660;</span>ground-truth causal frame <span class="mark" style="color:${STRIP_COLORS.anchor}">&#10005;</span>anchor frame (the event the question names) <span class="mark" style="color:${STRIP_COLORS.threshold}">- - -</span>threshold t</p>`;
  const strips = specs.some((s) => s.section === `teacher-${index}`)
    ? `<h3>Teacher probability of the answer per frame: ${t.strips.length} ${escapeHtml(t.split)} questions</h3>${legend}${canvases(specs, `teacher-${index}`, 'charts strips')}`
    : '';
  return `<section id="reproduction-${index}"><h2>Reproduction ${escapeHtml(repro.label)}</h2><p class="path"><code>${escapeHtml(repro.dir)}</code></p>${notes}<h3>Teacher causal frames (${selection}) on the ${escapeHtml(t.split)} split</h3>${quality}${canvases(specs, `history-${index}`)}${strips}</section>`;
}

/** The study: its SVG charts (accuracy and frame evidence per backbone, teacher) and the merged tables. */
function studySection(study: StudySection): string {
  const { results } = study;
  const seeds = [...new Set(results.records.map((r) => r.seed))].sort((a, b) => a - b);
  const dirs = study.dirs.map((d) => `<li><code>${escapeHtml(d)}</code></li>`).join('');
  const charts = studySvgCharts(results)
    .map((c) => `<figure class="card svg" data-file="${escapeHtml(c.file)}">${c.svg}</figure>`)
    .join('');
  const summary = `${results.records.length} run${results.records.length === 1 ? '' : 's'} (seeds ${seeds.join(', ')}) and ${Object.keys(results.teacher).length} teacher entr${Object.keys(results.teacher).length === 1 ? 'y' : 'ies'} merged from ${study.dirs.length} folder${study.dirs.length === 1 ? '' : 's'}:`;
  return `<section id="study"><h2>Study</h2><p class="note">${escapeHtml(summary)}</p><ul class="meta">${dirs}</ul><div class="charts svgs">${charts}</div><div class="study-tables">${markdownTablesToHtml(formatStudyTables(results))}</div></section>`;
}

const KIND_NAMES: Readonly<Record<ReportFolderKind, string>> = { run: 'training run', reproduction: 'reproduction', study: 'study' };

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:24px 32px;color:#222;background:#fafafa}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:15px;margin:20px 0 8px}
.meta,.note,.path{color:#666;margin:4px 0}.notes{color:#8a5a00}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:14px}
.charts.strips{grid-template-columns:repeat(auto-fill,minmax(420px,1fr))}
.card.wide{grid-column:1/-1}
.card{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:10px;margin:0;min-width:0}
.card figcaption{font-size:13px;margin:0 0 6px;color:#333;overflow-wrap:anywhere}
.strips .card figcaption{min-height:3.2em}
.plot{position:relative;width:100%}
table{border-collapse:collapse;background:#fff;margin:8px 0;font-size:13px}th,td{border:1px solid #e3e3e3;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 6px 0 12px;vertical-align:-1px}td .swatch{margin-left:0}
.legend{margin:6px 0 10px}.mark{margin:0 6px 0 12px;font-weight:bold}
#errors{background:#fde2e2;border:1px solid #e15759;padding:8px;margin:12px 0;white-space:pre-wrap}
code{font-size:12px}
.charts.svgs{grid-template-columns:repeat(auto-fill,minmax(640px,1fr))}.card.svg svg{display:block;width:100%;max-width:960px;height:auto;margin:0 auto}`;

/** Options of {@link renderReportHtml}. */
export interface RenderReportOptions {
  /** The Chart.js UMD bundle's text (readChartJsBundle). */
  readonly chartJs: string;
  readonly chartJsVersion: string;
}

/** The whole page. */
export function renderReportHtml(data: ReportData, options: RenderReportOptions): string {
  const specs = buildChartSpecs(data);
  const inputs = data.inputs.map((i) => `<li>${KIND_NAMES[i.kind]}: <code>${escapeHtml(i.dir)}</code></li>`).join('');
  const curves = data.runs.length === 0 ? '<p class="note">No training run.</p>' : runsTable(data.runs) + canvases(specs, 'curves');
  // Study folders alone: no empty run sections.
  const onlyStudy = data.study !== undefined && data.runs.length === 0 && data.reproductions.length === 0;
  const body = [
    `<h1>${escapeHtml(data.title)}</h1>`,
    `<p class="meta">Generated ${escapeHtml(data.generatedAt)} by <code>sparc report</code>. Inputs:</p><ul class="meta">${inputs}</ul>`,
    '<div id="errors" hidden></div>',
    ...(onlyStudy
      ? []
      : [
          `<section id="curves"><h2>Training curves</h2>${curves}</section>`,
          `<section id="accuracy"><h2>Accuracy per question type</h2>${canvases(specs, 'accuracy')}${accuracyTable(data)}</section>`,
          `<section id="config"><h2>Configuration differences</h2>${configSection(data)}</section>`,
        ]),
    ...data.reproductions.map((r, i) => teacherSection(r, i, specs)),
    ...(data.study ? [studySection(data.study)] : []),
    `<p class="meta">Charts drawn with Chart.js ${escapeHtml(options.chartJsVersion)} (MIT License), inlined in this page.</p>`,
  ].join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(data.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<script>${REPORT_ERROR_HOOK}</script>`,
    body,
    `<script id="report-data" type="application/json">${jsonForScript(data)}</script>`,
    `<script id="chart-specs" type="application/json">${jsonForScript(specs)}</script>`,
    `<script>${options.chartJs}</script>`,
    `<script>${REPORT_PAGE_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
