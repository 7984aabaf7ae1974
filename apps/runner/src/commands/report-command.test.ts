import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { main } from '../main.js';
import { writeReproductionFolder } from '../report/testing/write-report-fixtures.js';
import { readStudyFolders } from '../study/read-study-folders.js';
import { formatStudyTables } from '../study/run-study.js';
import { studySvgCharts } from '../study/study-svg.js';
import { studyRecord, teacherQuality, writeStudyFolder } from '../study/testing/write-study-fixtures.js';
import { parsePathFlag, parseSamples } from './report-command.js';

const tmp = makeTempDir('sparc-report-cmd-');
let repro: string;
beforeAll(async () => {
  repro = await writeReproductionFolder(path.join(tmp.dir, 'repro'));
});
afterAll(() => tmp.remove());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('sparc report', () => {
  it('writes one HTML file for a reproduction folder and says what it read', async () => {
    const { io, out, err } = capture();
    const file = path.join(tmp.dir, 'out', 'repro.html');
    expect(await main(['report', repro, '--out', file], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toBe('read 2 training runs and 1 reproduction');
    // 7 step charts, epoch accuracy, bars, teacher history, 4 strips (the fixture has 4 test questions)
    expect(out[1]).toMatch(new RegExp(`^wrote ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(14 charts, \\d+ KiB, self-contained\\)$`));
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('<canvas id="strip-0-3">');
    expect(html).toContain('Chart.js 4.5.1');
  });

  it('several run folders: overlaid curves; --samples limits the strips', async () => {
    const { io, out } = capture();
    const file = path.join(tmp.dir, 'runs.html');
    const runs = path.join(repro, 'runs');
    expect(await main(['report', path.join(runs, 'baseline'), path.join(runs, 'sparc'), '--out', file], io)).toBe(0);
    expect(out[0]).toBe('read 2 training runs and 0 reproductions');
    expect(out[1]).toMatch(/\(9 charts, /);
    const two = capture();
    expect(await main(['report', repro, '--samples', '2', '--out', path.join(tmp.dir, 's2.html')], two.io)).toBe(0);
    expect(two.out[1]).toMatch(/\(12 charts, /);
  });

  it('a folder that is neither kind is a one-line error (exit 1)', async () => {
    const { io, out, err } = capture();
    const elsewhere = path.join(tmp.dir, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'notes.txt'), 'x');
    expect(await main(['report', elsewhere, '--out', path.join(tmp.dir, 'x.html')], io)).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^sparc: ReportFolderError: .*elsewhere: expected a training run folder .* or a reproduction folder .*, got a folder with notes\.txt$/);
    expect(fs.existsSync(path.join(tmp.dir, 'x.html'))).toBe(false);
  });

  it('a truncated metrics.jsonl line is a one-line DataError naming file and line (exit 1)', async () => {
    const run = path.join(tmp.dir, 'truncated');
    fs.cpSync(path.join(repro, 'runs', 'baseline'), run, { recursive: true });
    const metrics = path.join(run, 'metrics.jsonl');
    const lines = fs.readFileSync(metrics, 'utf8').split('\n');
    fs.writeFileSync(metrics, [...lines.slice(0, 2), lines[2]!.slice(0, 25)].join('\n'));
    const { io, err } = capture();
    expect(await main(['report', run, '--out', path.join(tmp.dir, 't.html')], io)).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^sparc: DataError: .*truncated\/metrics\.jsonl: line 3: expected a complete JSON object \(one metrics record per line; truncated\?\), got '\{"kind":"epoch"/);
  });

  it('no folder, or a bad --samples, is a usage error', async () => {
    const a = capture();
    expect(await main(['report'], a.io)).not.toBe(0);
    expect(a.err).toEqual(['sparc: UsageError: report: give at least one run or reproduction folder (sparc report <dir>... [--out report.html])']);
    const b = capture();
    expect(await main(['report', repro, '--samples', 'many'], b.io)).not.toBe(0);
    expect(b.err).toEqual(["sparc: UsageError: --samples: expected an integer from 0 to 100, got 'many'"]);
    expect([parseSamples(undefined), parseSamples('0'), parseSamples(6)]).toEqual([undefined, 0, 6]);
  });
});

describe('sparc report with study folders', () => {
  const acc = (overall: number) => ({ overall, C: overall - 4, T: overall, D: overall + 4 });
  let s1: string;
  let s2: string;
  beforeAll(() => {
    s1 = writeStudyFolder(path.join(tmp.dir, 'study', 's1'), [studyRecord('hga', 1, 'baseline', acc(30), [1.5, 1.5]), studyRecord('hga', 1, 'T+S', acc(27), [1.0, 1.6])], { seed1: teacherQuality(0.8, 0.6) });
    s2 = writeStudyFolder(path.join(tmp.dir, 'study', 's2'), [studyRecord('hga', 2, 'baseline', acc(32), [1.4, 1.5]), studyRecord('hga', 2, 'T+S', acc(25), [1.1, 1.6]), studyRecord('vgt', 2, 'baseline', acc(28))], {
      seed2: teacherQuality(0.85, 0.65),
    });
  });

  it('merges the folders: HTML with the SVGs and tables inlined, --svg-dir files, --tables = formatStudyTables of the merge', async () => {
    const { io, out, err } = capture();
    const file = path.join(tmp.dir, 'study-out', 'study.html');
    const svgDir = path.join(tmp.dir, 'study-out', 'svg');
    const tables = path.join(tmp.dir, 'study-out', 'tables.md');
    expect(await main(['report', s1, s2, '--out', file, '--svg-dir', svgDir, '--tables', tables], io)).toBe(0);
    expect(err).toEqual([]);
    const merged = readStudyFolders([s1, s2]);
    expect(merged.records).toHaveLength(5);
    const charts = studySvgCharts(merged);
    expect(out).toEqual([
      'read 0 training runs and 0 reproductions',
      'read 5 study records and 2 teacher entries from 2 study folders',
      expect.stringMatching(new RegExp(`^wrote ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(0 charts, 9 study SVG charts, \\d+ KiB, self-contained\\)$`)),
      `wrote 9 SVG charts to ${svgDir} (study-accuracy-hga.svg, study-evidence-hga.svg, study-focus-hga.svg, study-misfocus-hga.svg, study-accuracy-vgt.svg, study-evidence-vgt.svg, study-focus-vgt.svg, study-misfocus-vgt.svg, study-teacher.svg)`,
      `wrote the study tables to ${tables}`,
    ]);
    expect(fs.readFileSync(tables, 'utf8')).toBe(formatStudyTables(merged).join('\n') + '\n');
    // baseline: 30 and 32 -> 31.0 ± 1.4 (sample sd sqrt(2))
    expect(fs.readFileSync(tables, 'utf8')).toContain('| baseline | 2 | 27.0 ± 1.4 | 31.0 ± 1.4 | 35.0 ± 1.4 | 31.0 ± 1.4 |');
    expect(fs.readdirSync(svgDir).sort()).toEqual(['study-accuracy-hga.svg', 'study-accuracy-vgt.svg', 'study-evidence-hga.svg', 'study-evidence-vgt.svg', 'study-focus-hga.svg', 'study-focus-vgt.svg', 'study-misfocus-hga.svg', 'study-misfocus-vgt.svg', 'study-teacher.svg']);
    const html = fs.readFileSync(file, 'utf8');
    for (const chart of charts) {
      expect(fs.readFileSync(path.join(svgDir, chart.file), 'utf8')).toBe(chart.svg);
      expect(html).toContain(chart.svg);
    }
    expect(html).toContain('<section id="study"><h2>Study</h2>');
    expect(html).toContain('<td>T+S</td><td class="num">2</td><td class="num">22.0 ± 1.4</td>');
    expect(html).toContain('<li>study: <code>');
    // Study folders alone: no empty training-run sections.
    expect(html).not.toContain('<section id="curves">');
  });

  it('study folders next to a reproduction: both parts on one page', async () => {
    const { io, out } = capture();
    const file = path.join(tmp.dir, 'mixed.html');
    expect(await main(['report', repro, s2, '--out', file], io)).toBe(0);
    expect(out.slice(0, 2)).toEqual(['read 2 training runs and 1 reproduction', 'read 3 study records and 1 teacher entry from 1 study folder']);
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('<section id="curves">');
    expect(html).toContain('<section id="study">');
    expect(html.match(/<svg xmlns=/g)).toHaveLength(9); // s2 has HGA and VGT runs: accuracy, evidence, focus, misfocus for each, teacher
  });

  it('--svg-dir or --tables without a study folder is a usage error; a bad study record is a one-line error', async () => {
    const a = capture();
    expect(await main(['report', repro, '--svg-dir', path.join(tmp.dir, 'never')], a.io)).not.toBe(0);
    expect(a.err).toEqual(['sparc: UsageError: report: --svg-dir needs a study folder (written by sparc study) among the folders']);
    const b = capture();
    expect(await main(['report', repro, '--tables', path.join(tmp.dir, 'never.md')], b.io)).not.toBe(0);
    expect(b.err).toEqual(['sparc: UsageError: report: --tables needs a study folder (written by sparc study) among the folders']);
    expect(fs.existsSync(path.join(tmp.dir, 'never'))).toBe(false);
    expect([parsePathFlag('tables', undefined), parsePathFlag('tables', 'a.md'), parsePathFlag('svg-dir', 7)]).toEqual([undefined, 'a.md', '7']);
    const bad = writeStudyFolder(path.join(tmp.dir, 'study', 'bad'), [studyRecord('hga', 3, 'T', acc(20))], null);
    fs.writeFileSync(path.join(bad, 'seed3', 'runs', 'hga', 'T', 'study-record.json'), JSON.stringify({ ...studyRecord('hga', 3, 'T', acc(20)), seconds: 'slow' }));
    const c = capture();
    expect(await main(['report', s1, bad, '--out', path.join(tmp.dir, 'bad.html')], c.io)).toBe(1);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(/^sparc: StudyFolderError: .*bad\/seed3\/runs\/hga\/T\/study-record\.json: field 'seconds': expected a finite number, got 'slow'$/);
  });
});
