import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../data/data-error.js';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { buildReportData, detectReportFolder, folderLabels } from './build-report-data.js';
import { ReportFolderError } from './report-folder-error.js';
import { BASELINE_CONFIG, BASELINE_LINES, SPARC_LINES, writeReproductionFolder, writeRunFolder } from './testing/write-report-fixtures.js';

const tmp = makeTempDir('sparc-report-data-');
const repro = path.join(tmp.dir, 'repro');
const unfinished = path.join(tmp.dir, 'unfinished');
beforeAll(async () => {
  await writeReproductionFolder(repro);
  await writeReproductionFolder(unfinished, { results: false, store: false, sparcRun: false });
});
afterAll(() => tmp.remove());

describe('detectReportFolder', () => {
  it('tells run folders from reproduction folders', () => {
    expect(detectReportFolder(path.join(repro, 'runs', 'sparc'))).toBe('run');
    expect(detectReportFolder(repro)).toBe('reproduction');
    expect(detectReportFolder(unfinished)).toBe('reproduction');
  });

  it('anything else is a one-line ReportFolderError saying what is there', () => {
    const other = path.join(tmp.dir, 'other');
    fs.mkdirSync(path.join(other, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(other, 'config.json'), '{}');
    expect(() => detectReportFolder(other)).toThrow(ReportFolderError);
    expect(() => detectReportFolder(other)).toThrow(/other: expected a training run folder \(config\.json \+ metrics\.jsonl.*got a folder with config\.json, sub\/$/);
    const empty = path.join(tmp.dir, 'empty');
    fs.mkdirSync(empty);
    expect(() => detectReportFolder(empty)).toThrow(/got an empty folder$/);
    expect(() => detectReportFolder(path.join(tmp.dir, 'missing'))).toThrow(/got no such folder$/);
    expect(() => detectReportFolder(path.join(repro, 'results.json'))).toThrow(/got a file$/);
  });
});

describe('folderLabels', () => {
  it('uses folder names, adding parents only to those that clash', () => {
    expect(folderLabels(['/r/a/run', '/r/b/run', '/r/c/other'])).toEqual(['a/run', 'b/run', 'other']);
    expect(folderLabels(['/p/x/a/run', '/q/x/a/run', '/r/b/run'])).toEqual(['p/x/a/run', 'q/x/a/run', 'b/run']);
    expect(folderLabels(['/x/one', '/y/two'])).toEqual(['one', 'two']);
    expect(folderLabels(['/same', '/same'])).toEqual(['same', 'same']);
  });
});

describe('buildReportData', () => {
  it('a reproduction folder: its two runs, results.json bars, config differences', async () => {
    const data = await buildReportData({ dirs: [repro], samples: 3, generatedAt: 'T' });
    expect(data.inputs).toEqual([{ dir: repro, kind: 'reproduction' }]);
    expect(data.runs.map((r) => r.label)).toEqual(['baseline', 'SpARC']);
    expect(data.runs[0]!.epochMeans.map((e) => e.loss)).toEqual([1.5, 0.6]);
    expect(data.runs[1]!.evaluations.map((e) => e.overall)).toEqual([45]);
    expect(data.accuracy.categories).toEqual(['All', 'C', 'T', 'D', 'CW', 'CH', 'TN', 'DL']);
    expect(data.accuracy.series.map((s) => [s.label, s.source, s.count])).toEqual([['baseline', 'results.json (test)', 4], ['SpARC', 'results.json (test)', 4]]);
    expect(data.accuracy.series[1]!.values).toEqual([75, 50, 50, 100, 50, 50, 50, 100]);
    expect(data.configDifferences.rows.map((r) => r.field)).toEqual(['teacher', 'temporal', 'spatial', 'mixup']);
    expect(data.configDifferences.same).toBe(7);
    expect(data.reproductions).toHaveLength(1);
    expect(data.reproductions[0]!.notes).toEqual([]);
  });

  it('teacher strips: p_k[a] per frame, frames selected at t = 0.5 (strict, argmax fallback), ground truth', async () => {
    const t = (await buildReportData({ dirs: [repro], samples: 3 })).reproductions[0]!.teacher;
    expect(t).toMatchObject({ split: 'test', threshold: 0.5, fallback: 'argmax', minFrames: 0, maxFrames: null });
    // Turns over CW, CH, TN, ...: 100_0 (CW), 101_1 (CH), 100_1 (TN).
    expect(t.strips.map((s) => s.key)).toEqual(['100_0', '101_1', '100_1']);
    expect(t.strips.map((s) => s.answerProbs)).toEqual([[0.9, 0.2, 0.6, 0.1], [0.5, 0.5, 0.3, 0.2], [0.1, 0.3, 0.2, 0.4]]);
    // .9 and .6 pass; 101_1: .5 = t passes nowhere -> argmax, tie -> frame 0; 100_1: none -> argmax frame 3.
    expect(t.strips.map((s) => s.selected)).toEqual([[0, 2], [0], [3]]);
    expect(t.strips.map((s) => s.usedFallback)).toEqual([false, true, true]);
    expect(t.strips.map((s) => [s.causal, s.anchor])).toEqual([[[0, 1], [3]], [[1], [2]], [[3], [0]]]);
    // 101_1 puts the rest on candidate 0 (p0 = .5 .5 .7 .8): the teacher prefers 0 on every frame and overall.
    expect(t.strips[1]!.topCandidate).toEqual([0, 0, 0, 0]);
    expect(t.strips[1]!.averagedPrediction).toBe(0);
    expect(t.strips[0]!.averagedPrediction).toBe(1);
  });

  it('precision/recall over the whole split: TP 6, FP 2, FN 2 -> 0.75 / 0.75; results.json numbers kept', async () => {
    const t = (await buildReportData({ dirs: [repro], samples: 3 })).reproductions[0]!.teacher;
    // 100_0 {0,2} vs {0,1}: TP 1 FP 1 FN 1; 100_1 {3} vs {3}: TP 1; 101_0 all 4: TP 4; 101_1 {0} vs {1}: FP 1 FN 1.
    expect(t.quality).toEqual({ questions: 4, precision: 0.75, recall: 0.75, f1: 0.75, framesSelected: 2, fallbackRate: 0.5, accuracy: 0.75 });
    expect(t.reported).toMatchObject({ precision: 0.75, recall: 0.75 });
    expect(t.history).toEqual([{ phase: 'fit', epochs: [{ epoch: 1, loss: 1.5, accuracy: 0.5, frameAccuracy: 0.4 }, { epoch: 2, loss: 1, accuracy: null, frameAccuracy: null }] }]);
  });

  it('an unfinished reproduction: what exists, the baseline last evaluation as bars, and notes', async () => {
    const data = await buildReportData({ dirs: [unfinished] });
    expect(data.runs.map((r) => r.label)).toEqual(['baseline']);
    expect(data.accuracy.series.map((s) => [s.label, s.source, s.values[0]])).toEqual([['baseline', 'metrics.jsonl epoch 2 (val)', 50]]);
    const section = data.reproductions[0]!;
    expect(section.teacher.strips).toEqual([]);
    expect(section.teacher.quality).toBeNull();
    expect(section.notes).toEqual([
      'runs/sparc has no config.json and metrics.jsonl yet',
      'results.json is not written yet (the reproduction has not finished)',
      'no teacher strips: teacher/test.sptk not found',
    ]);
  });

  it('several folders: every run overlaid, labels from the folder names', async () => {
    const a = writeRunFolder(path.join(tmp.dir, 'cmp', 'a', 'run'), BASELINE_CONFIG, BASELINE_LINES);
    const b = writeRunFolder(path.join(tmp.dir, 'cmp', 'b', 'run'), { ...BASELINE_CONFIG, lr: 0.01 }, SPARC_LINES);
    const data = await buildReportData({ dirs: [a, b, repro], samples: 1 });
    expect(data.runs.map((r) => r.label)).toEqual(['a/run', 'b/run', 'repro: baseline', 'repro: SpARC']);
    expect(data.accuracy.series.map((s) => s.label)).toEqual(['a/run', 'b/run', 'repro: baseline', 'repro: SpARC']);
    expect(data.configDifferences.rows[0]).toEqual({ field: 'teacher', values: ['null', 'null', 'null', '/x/teacher/train.sptk'] });
    expect(data.configDifferences.rows.find((r) => r.field === 'lr')!.values).toEqual(['0.001', '0.01', '0.001', '0.001']);
    expect(data.reproductions[0]!.label).toBe('repro');
    expect(data.reproductions[0]!.teacher.strips).toHaveLength(1);
  });

  it('a truncated metrics.jsonl line inside a reproduction is a DataError naming that file and line', async () => {
    const broken = path.join(tmp.dir, 'broken');
    await writeReproductionFolder(broken, { store: false });
    const metrics = path.join(broken, 'runs', 'sparc', 'metrics.jsonl');
    fs.appendFileSync(metrics, '{"kind":"step","epoch":2,"st');
    const error = await buildReportData({ dirs: [broken] }).catch((e: unknown) => e);
    expect(DataError.isInstance(error)).toBe(true);
    expect((error as DataError).file).toBe(metrics);
    expect((error as DataError).location).toEqual({ line: 4 });
  });

  it('a results.json without a numeric overall is a DataError naming the key', async () => {
    const bad = path.join(tmp.dir, 'bad-results');
    await writeReproductionFolder(bad, { store: false });
    fs.writeFileSync(path.join(bad, 'results.json'), JSON.stringify({ baseline: { overall: '50' } }));
    await expect(buildReportData({ dirs: [bad] })).rejects.toThrow(/results\.json: key 'baseline': expected an object with a number 'overall'/);
  });
});
