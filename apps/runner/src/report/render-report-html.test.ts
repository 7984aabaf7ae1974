import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { testBackend } from '@sparc-vqa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { buildReportData } from './build-report-data.js';
import { buildChartSpecs } from './chart-specs.js';
import { readChartJsBundle } from './chart-js-bundle.js';
import { escapeHtml, jsonForScript, renderReportHtml } from './render-report-html.js';
import type { ReportData } from './report-data.js';
import { writeReproductionFolder } from './testing/write-report-fixtures.js';

const tmp = makeTempDir('sparc-report-html-');
let data: ReportData;
let html: string;
const chartJs = readChartJsBundle();
beforeAll(async () => {
  const repro = await writeReproductionFolder(path.join(tmp.dir, 'repro'));
  data = await buildReportData({ dirs: [repro], samples: 4, generatedAt: '2025-01-01T00:00:00Z' });
  html = renderReportHtml(data, { chartJs: chartJs.source, chartJsVersion: chartJs.version });
});
afterAll(() => tmp.remove());

/** The first of these browsers on PATH, or undefined. */
function findChromium(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) return file;
    }
  }
  return undefined;
}

describe('renderReportHtml', () => {
  it('is one self-contained page: Chart.js inlined, no external script, style, image or link', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(chartJs.source.slice(0, 2000));
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toMatch(/(src|href)=["']?https?:/i);
    expect(html.match(/<\/script>/g)).toHaveLength(5); // error hook, report data, chart specs, Chart.js, page script
  });

  it('has one canvas per chart spec, in the right sections', () => {
    const specs = buildChartSpecs(data);
    // 7 step charts (loss, whole, guided, consistency, spatial, accuracy, frames kept), epoch accuracy, bars, history, 4 strips
    const ids = [...html.matchAll(/<canvas id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(specs.map((s) => s.id));
    expect(ids).toHaveLength(14);
    expect(ids.filter((id) => id!.startsWith('strip-'))).toEqual(['strip-0-0', 'strip-0-1', 'strip-0-2', 'strip-0-3']);
    expect(ids).toContain('history-0');
    expect(ids).toContain('accuracy-bars');
  });

  it('embeds the data as JSON that parses back to the same object', () => {
    const json = /<script id="report-data" type="application\/json">([^]*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data)));
  });

  it('shows the tables: precision/recall, config differences and the accuracy numbers', () => {
    expect(html).toContain('<td>recomputed from test teacher store</td><td class="num">4</td><td class="num">75.0%</td><td class="num">75.0%</td>');
    expect(html).toContain('<td>results.json (sparc reproduce)</td>');
    expect(html).toContain('<td>temporal</td><td class="num">false</td><td class="num">true</td>');
    expect(html).toContain('<td>SpARC</td><td>results.json (test)</td><td class="num">4</td><td class="num">75.0</td>');
  });

  it('escapes text from the folders (a question with markup stays text)', () => {
    expect(escapeHtml(`<b a="1">'&'</b>`)).toBe('&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;');
    expect(jsonForScript({ q: '</script><script>alert(1)</script>' })).toBe('{"q":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}');
  });
});

const chromium = findChromium();

describe.runIf(testBackend() === 'wasm')('the page in headless Chromium', () => {
  /** Loads a page, lets its scripts run, returns the DOM after them. */
  function dumpDom(file: string): string {
    const profile = fs.mkdtempSync(path.join(tmp.dir, 'profile-'));
    const result = spawnSync(
      chromium!,
      ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`, '--window-size=1400,3000', '--virtual-time-budget=5000', '--dump-dom', pathToFileURL(file).href],
      { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  }
  const bodyAttribute = (dom: string, name: string) => new RegExp(`<body[^>]*\\b${name}="([^"]*)"`).exec(dom)?.[1];

  it.skipIf(chromium === undefined)(`draws every chart with no JS error${chromium === undefined ? ' (skipped: no chromium, chromium-browser or google-chrome on PATH)' : ''}`, () => {
    const file = path.join(tmp.dir, 'report.html');
    fs.writeFileSync(file, html);
    const dom = dumpDom(file);
    expect(bodyAttribute(dom, 'data-errors')).toBeUndefined();
    expect(bodyAttribute(dom, 'data-rendered')).toBe(String(buildChartSpecs(data).length));
    expect(bodyAttribute(dom, 'data-blank')).toBe(''); // every canvas has painted pixels
  }, 90_000);

  it.skipIf(chromium === undefined)(`reports a broken chart library instead of a silently empty page${chromium === undefined ? ' (skipped: no chromium on PATH)' : ''}`, () => {
    const file = path.join(tmp.dir, 'broken.html');
    fs.writeFileSync(file, renderReportHtml(data, { chartJs: 'throw new Error("boom")', chartJsVersion: 'x' }));
    const dom = dumpDom(file);
    expect(bodyAttribute(dom, 'data-errors')).toContain('boom');
    expect(bodyAttribute(dom, 'data-errors')).toContain('Chart.js did not load');
    expect(bodyAttribute(dom, 'data-rendered')).toBeUndefined();
  }, 90_000);
});
