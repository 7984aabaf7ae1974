import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { main } from '../main.js';
import { writeReproductionFolder } from '../report/testing/write-report-fixtures.js';
import { parseSamples } from './report-command.js';

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
