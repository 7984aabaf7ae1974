import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { main } from '../main.js';
import { sharedDataDir } from '../data/testing/shared-data-dir.js';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { runEval } from './run-eval.js';

const HEADER = 'video,frame_count,width,height,question,answer,qid,type,a0,a1,a2,a3,a4';
// Eight questions, answer always 1. Hand count with the predictions below:
// CW 1/2, CH 1/1, TN 1/1 + TP 0/1 -> TN 1/2, TC 0/1, DC 1/1, DO 0/1; C 2/3, T 1/3, D 1/2, all 4/8.
const TYPES = ['CW', 'CW', 'CH', 'TN', 'TP', 'TC', 'DC', 'DO'];
const PRED = [1, 0, 1, 1, 2, 3, 1, 4];

const tmp = makeTempDir();
afterAll(() => tmp.remove());
const csv = path.join(tmp.dir, 'small.csv');
writeFileSync(csv, `${[HEADER, ...TYPES.map((t, i) => `10,300,640,480,q${i},1,${i},${t},a,b,c,d,e`)].join('\n')}\n`);

function writePredictions(name: string, entries: Array<[string, number, number]>): string {
  const file = path.join(tmp.dir, name);
  writeFileSync(file, JSON.stringify(Object.fromEntries(entries.map(([k, p, a]) => [k, { prediction: p, answer: a }]))));
  return file;
}
const preds = writePredictions('preds.json', PRED.map((p, i) => [`10_${i}`, p, 1]));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe.runIf(testBackend() === 'cpu')('runEval: hand-counted cases', () => {
  it('per type (TP with TN), per group and overall, in percent', () => {
    const { accuracy } = runEval({ annotations: csv, predictions: preds });
    expect(accuracy.count).toBe(8);
    expect(accuracy.overall).toBe(50);
    expect(accuracy.types).toEqual({ CW: 50, CH: 100, TN: 50, TC: 0, DC: 100, DO: 0 });
    expect(accuracy.groups.C).toBeCloseTo(200 / 3, 10);
    expect(accuracy.groups.T).toBeCloseTo(100 / 3, 10);
    expect(accuracy.groups.D).toBe(50);
    expect(accuracy.tallies.types.TN).toEqual({ correct: 1, count: 2 });
  });

  it('a subset omits absent groups and types; --json writes count, overall, groups, types', () => {
    const subset = path.join(tmp.dir, 'subset.txt');
    writeFileSync(subset, '0\n3\n4\n');
    const json = path.join(tmp.dir, 'out', 'acc.json');
    const r = runEval({ annotations: csv, predictions: preds, subset, json });
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual({ count: 3, overall: (2 * 100) / 3, groups: { C: 100, T: 50 }, types: { CW: 100, TN: 50 } });
    expect(r.lines[0]).toBe('NExT-QA accuracy of preds.json on small.csv [subset.txt]: 3 questions');
    expect(r.lines[2]).toContain('  100.00       -   50.00');
  });

  it('a subset may be scored from predictions of only its keys', () => {
    const subset = path.join(tmp.dir, 'subset2.txt');
    writeFileSync(subset, '1\n2\n');
    const only = writePredictions('only.json', [['10_1', 0, 1], ['10_2', 1, 1]]);
    expect(runEval({ annotations: csv, predictions: only, subset }).accuracy.overall).toBe(50);
  });

  it('reports missing and extra keys with counts and examples instead of guessing', () => {
    const missing = writePredictions('missing.json', PRED.slice(0, 5).map((p, i) => [`10_${i}`, p, 1]));
    expect(() => runEval({ annotations: csv, predictions: missing })).toThrow(
      "missing.json: file: expected exactly the 8 keys of the annotation file, got 5 keys: 3 missing ('10_5', '10_6', '10_7')",
    );
    const extra = writePredictions('extra.json', [...PRED.map((p, i): [string, number, number] => [`10_${i}`, p, 1]), ['99_1', 0, 0], ['99_2', 0, 0], ['99_3', 0, 0], ['99_4', 0, 0]]);
    expect(() => runEval({ annotations: csv, predictions: extra })).toThrow("got 12 keys: 4 extra ('99_1', '99_2', '99_3', ...)");
  });

  it('rejects answers that disagree with the CSV, malformed entries and non-JSON', () => {
    const wrong = writePredictions('wrong.json', PRED.map((p, i) => [`10_${i}`, p, i === 2 ? 3 : 1]));
    expect(() => runEval({ annotations: csv, predictions: wrong })).toThrow(/wrong.json: key '10_2': expected answers equal to the annotation file's \(1 in .*small.csv row 2\), got 3; 1 of 8 answers differ/);
    const bad = path.join(tmp.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ '10_0': { prediction: 'x', answer: 1 } }));
    expect(() => runEval({ annotations: csv, predictions: bad })).toThrow(`bad.json: key '10_0': expected { "prediction": <integer >= 0>, "answer": <integer >= 0> }, got {"prediction":"x","answer":1}`);
    writeFileSync(bad, '{');
    expect(() => runEval({ annotations: csv, predictions: bad })).toThrow(/bad.json: file: expected valid JSON/);
    const big = writePredictions('big.json', PRED.map((p, i) => [`10_${i}`, i === 0 ? 5 : p, 1]));
    expect(() => runEval({ annotations: csv, predictions: big })).toThrow("big.json: key '10_0': expected a prediction below 5, got 5");
  });

  it('`sparc eval` prints the table; bad input is one line with exit code 1, missing flags exit 2', async () => {
    const ok = capture();
    expect(await main(['eval', '--annotations', csv, '--predictions', preds], ok.io)).toBe(0);
    expect(ok.out[1]!.trim().split(/\s+/)).toEqual(['Why', 'How', 'Bef&Aft', 'When', 'Cnt', 'Loc', 'Other', 'Acc_C', 'Acc_T', 'Acc_D', 'Acc']);
    expect(ok.out[2]!.trim().split(/\s+/)).toEqual(['acc', '%', '50.00', '100.00', '50.00', '0.00', '100.00', '-', '0.00', '66.67', '33.33', '50.00', '50.00']);
    const bad = capture();
    expect(await main(['eval', '--annotations', csv, '--predictions', path.join(tmp.dir, 'nope.json')], bad.io)).toBe(1);
    expect(bad.err).toHaveLength(1);
    expect(bad.err[0]).toMatch(/^sparc: DataError: .*nope.json: file: expected a readable prediction file \(JSON\), got no such file$/);
    const debug = capture();
    expect(await main(['eval', '--annotations', csv, '--predictions', path.join(tmp.dir, 'nope.json'), '--debug'], debug.io)).toBe(1);
    expect(debug.err[1]).toMatch(/DataError.*\n\s+at /);
    const usage = capture();
    expect(await main(['eval', '--annotations', csv], usage.io)).toBe(1);
    expect(usage.err).toEqual(['sparc: UsageError: eval: --predictions <json> is required']);
  });
});

const shared = sharedDataDir();
// The official HGA val predictions are listed in shared/data/README.md but not shipped there; fetched files
// are never committed here, so this suite runs when the file is in shared/data/nextqa (or named by the env).
const official = process.env['NEXTQA_OFFICIAL_PREDICTIONS'] ?? path.join(shared ?? '', 'nextqa', 'HGA-bert-ft-h256-val.json');
describe.runIf(testBackend() === 'cpu' && shared !== undefined && existsSync(official))('runEval: the official HGA predictions on the real val.csv', () => {
  const val = path.join(shared ?? '', 'nextqa', 'val.csv');

  it('reproduces the NExT-QA README: Acc 49.74, C 46.26, T 50.74, D 59.33', () => {
    const { accuracy } = runEval({ annotations: val, predictions: official });
    expect(accuracy.count).toBe(4996);
    expect(accuracy.overall.toFixed(2)).toBe('49.74');
    expect(accuracy.groups.C?.toFixed(2)).toBe('46.26');
    expect(accuracy.groups.T?.toFixed(2)).toBe('50.74');
    expect(accuracy.groups.D?.toFixed(2)).toBe('59.33');
    expect(accuracy.tallies.types.TN?.count).toBe(895 + 54);
  });

  it('reproduces ATP-hard: C 43.78, T 45.03, all 44.29, and omits D', async () => {
    const json = path.join(tmp.dir, 'atp.json');
    const { io, out } = capture();
    expect(await main(['eval', '--annotations', val, '--predictions', official, '--subset', 'atp-hard', '--json', json], io)).toBe(0);
    const written = JSON.parse(readFileSync(json, 'utf8'));
    expect(written.count).toBe(2269);
    expect(written.overall.toFixed(2)).toBe('44.29');
    expect(written.groups.C.toFixed(2)).toBe('43.78');
    expect(written.groups.T.toFixed(2)).toBe('45.03');
    expect(Object.keys(written.groups)).toEqual(['C', 'T']);
    expect(Object.keys(written.types)).toEqual(['CW', 'CH', 'TN', 'TC']);
    expect(out[0]).toBe('NExT-QA accuracy of HGA-bert-ft-h256-val.json on val.csv [ATP-hard]: 2269 questions');
  });
});
