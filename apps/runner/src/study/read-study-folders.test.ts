import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { compareTeacherKeys, findStudyRecordFiles, isStudyFolder, readStudyFolders, StudyFolderError } from './read-study-folders.js';
import { formatStudyTables } from './run-study.js';
import { STUDY_FULL } from './study-config.js';
import { FIXTURE_STUDY_CONFIG, studyRecord, studyRecordFile, teacherQuality, writeStudyFolder } from './testing/write-study-fixtures.js';

const tmp = makeTempDir('sparc-study-folders-');
afterAll(() => tmp.remove());

const acc = (overall: number) => ({ overall, C: overall - 5, T: overall, D: overall + 5 });
let s1: string;
let s2: string;
let s3: string;

beforeAll(() => {
  // s1: seed 1, HGA baseline, T+S and a sweep point; teacher seed1 and its sweep entry.
  s1 = writeStudyFolder(path.join(tmp.dir, 's1'), [studyRecord('hga', 1, 't=0.3', acc(33)), studyRecord('hga', 1, 'T+S', acc(31)), studyRecord('hga', 1, 'baseline', acc(30))], {
    'seed1 t=0.3': teacherQuality(0.7, 0.9, 0.3),
    seed1: teacherQuality(0.8, 0.6),
  }, { ...FIXTURE_STUDY_CONFIG, sweep: true });
  // s2: seed 2 of both backbones; its seed1 teacher entry equals s1's (same teacher, another invocation).
  s2 = writeStudyFolder(path.join(tmp.dir, 's2'), [studyRecord('vgt', 2, 'baseline', acc(40)), studyRecord('hga', 2, 'baseline', acc(34)), studyRecord('hga', 2, 'T+S', acc(35))], {
    seed2: teacherQuality(0.85, 0.65),
    seed1: teacherQuality(0.8, 0.6),
  }, { ...FIXTURE_STUDY_CONFIG, seeds: [2], backbones: ['hga', 'vgt'] });
  // s3: an unfinished invocation (no study.json): an unknown row and T, seed 3.
  s3 = writeStudyFolder(path.join(tmp.dir, 's3'), [studyRecord('hga', 3, 'zzz-custom', acc(20)), studyRecord('hga', 3, 'T', acc(21))], null);
  // Decoys where records are never searched: they would duplicate s1's baseline if read.
  for (const skipped of ['data', 'teacher', 'checkpoint']) {
    const file = path.join(s1, 'seed1', skipped, 'study-record.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(studyRecord('hga', 1, 'baseline', acc(99))));
  }
});

const key = (r: { backbone: string; row: string; seed: number }) => `${r.backbone} ${r.row} ${r.seed}`;

/** The cell (row, column) of the tables under the `### <section>` headings of formatStudyTables' output. */
function tableCell(lines: readonly string[], section: string, row: string, column: string): string | undefined {
  let inSection = false;
  let header: string[] = [];
  for (const line of lines) {
    if (line.startsWith('### ')) {
      inSection = line.startsWith(`### ${section}`);
      header = [];
      continue;
    }
    if (!inSection || !line.startsWith('|')) continue;
    const cells = line.slice(1, -1).split('|').map((c) => c.trim());
    if (header.length === 0) header = cells;
    else if (cells[0] === row && header.includes(column)) return cells[header.indexOf(column)];
  }
  return undefined;
}

function expectStudyError(fn: () => unknown, message: RegExp): StudyFolderError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StudyFolderError);
  expect((caught as Error).message).toMatch(message);
  return caught as StudyFolderError;
}

describe('readStudyFolders', () => {
  it('merges the records of every folder in table order: hga then vgt, rows by STUDY_ROW_ORDER (unknown last), then seed', () => {
    const results = readStudyFolders([s1, s2, s3]);
    expect(results.format).toBe('sparc-study/1');
    expect(results.records.map(key)).toEqual([
      'hga baseline 1',
      'hga baseline 2',
      'hga T 3',
      'hga T+S 1',
      'hga T+S 2',
      'hga t=0.3 1',
      'hga zzz-custom 3',
      'vgt baseline 2',
    ]);
    // The decoys under data/, teacher/ and checkpoint/ (overall 99) were not read.
    expect(results.records.map((r) => r.accuracy.overall)).not.toContain(99);
    expect(findStudyRecordFiles(s1).map((f) => path.relative(s1, f))).toEqual(['seed1/runs/hga/T+S/study-record.json', 'seed1/runs/hga/baseline/study-record.json', 'seed1/runs/hga/t=0.3/study-record.json']);
  });

  it('teacher: the union of the study.json maps (equal duplicates merge), by seed then sweep order; config from the first study.json', () => {
    const results = readStudyFolders([s1, s2, s3]);
    expect(Object.keys(results.teacher)).toEqual(['seed1', 'seed1 t=0.3', 'seed2']);
    expect(results.teacher['seed2']!.precision).toBe(0.85);
    expect(results.teacher['seed1 t=0.3']!.threshold).toBe(0.3);
    expect(results.config.sweep).toBe(true);
    expect(readStudyFolders([s2, s1]).config.backbones).toEqual(['hga', 'vgt']);
    expect(['seed10', 'x', 'seed2 fallback=all', 'seed2 t=0.3', 'seed2', 'seed2 zz'].sort(compareTeacherKeys)).toEqual(['seed2', 'seed2 t=0.3', 'seed2 fallback=all', 'seed2 zz', 'seed10', 'x']);
  });

  it('the merged tables give mean ± sample sd over the folders (hand-computed)', () => {
    const lines = formatStudyTables(readStudyFolders([s1, s2, s3]));
    // baseline overall 30 (s1) and 34 (s2): mean 32, sd sqrt((4 + 4) / 1) = 2.828; C = overall - 5.
    expect(['seeds', 'C', 'T', 'D', 'All'].map((c) => tableCell(lines, 'HGA', 'baseline', c))).toEqual(['2', '27.0 ± 2.8', '32.0 ± 2.8', '37.0 ± 2.8', '32.0 ± 2.8']);
    expect(['CE causal frames', 'CE random frames'].map((c) => tableCell(lines, 'HGA', 'baseline', c))).toEqual(['1.000 ± 0.000', '1.500 ± 0.000']);
    // T+S 31 and 35; T only in s3 (one seed: no sd); VGT baseline only in s2.
    expect(['seeds', 'C', 'All'].map((c) => tableCell(lines, 'HGA', 'T+S', c))).toEqual(['2', '28.0 ± 2.8', '33.0 ± 2.8']);
    expect(['seeds', 'C', 'All'].map((c) => tableCell(lines, 'HGA', 'T', c))).toEqual(['1', '16.0', '21.0']);
    expect(tableCell(lines, 'VGT', 'baseline', 'All')).toBe('40.0');
    // Sections: HGA first, then VGT, then the teacher.
    const sections = lines.filter((l) => l.startsWith('### ')).map((l) => l.slice(4, 7));
    expect([...new Set(sections)]).toEqual(['HGA', 'VGT', 'Tea']);
    expect(lines.slice(-3)).toEqual([
      '| seed1 | 0.5 | argmax | 80.0 | 60.0 | 80.0 | 80.0 | 80.0 | 3.00 | 20.0 | 25.0 |',
      '| seed1 t=0.3 | 0.3 | argmax | 70.0 | 90.0 | 70.0 | 70.0 | 70.0 | 3.00 | 20.0 | 25.0 |',
      '| seed2 | 0.5 | argmax | 85.0 | 65.0 | 85.0 | 85.0 | 85.0 | 3.00 | 20.0 | 25.0 |',
    ]);
  });

  it('without any study.json: STUDY_FULL sized by the records (seeds, backbones, rows), no sweep, no teacher', () => {
    const results = readStudyFolders([s3]);
    expect(results.config).toEqual({ ...STUDY_FULL, seeds: [3], backbones: ['hga'], rows: ['T', 'zzz-custom'], sweep: false });
    expect(results.teacher).toEqual({});
  });

  it('a record file reached twice (a folder and its subfolder) counts once', () => {
    expect(readStudyFolders([s1, path.join(s1, 'seed1')]).records).toHaveLength(3);
  });

  it('isStudyFolder: a study.json or a record; not an empty folder or a missing one', () => {
    const empty = path.join(tmp.dir, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    expect([isStudyFolder(s1), isStudyFolder(s3), isStudyFolder(path.join(s1, 'seed1')), isStudyFolder(empty), isStudyFolder(path.join(tmp.dir, 'nope'))]).toEqual([true, true, true, false, false]);
  });
});

describe('readStudyFolders: errors name the folder or file, the field and what was expected', () => {
  it('a missing folder, a folder without records, a study.json without records', () => {
    expectStudyError(() => readStudyFolders([s1, path.join(tmp.dir, 'nope')]), /nope: expected a study folder \(study\.json or seed<N>\/runs\/<backbone>\/<row>\/study-record\.json, written by sparc study\), got no such folder$/);
    const bare = path.join(tmp.dir, 'bare');
    fs.mkdirSync(path.join(bare, 'seed1', 'data'), { recursive: true });
    fs.writeFileSync(path.join(bare, 'seed1', 'data', 'study-record.json'), '{}');
    expectStudyError(() => readStudyFolders([bare]), /bare: expected a study folder .* with at least one finished run, got no study-record\.json$/);
    const onlyJson = writeStudyFolder(path.join(tmp.dir, 'only-json'), [], { seed1: teacherQuality(0.8, 0.6) });
    expectStudyError(() => readStudyFolders([onlyJson]), /only-json: expected .*, got a study\.json but no study-record\.json$/);
  });

  it('a malformed record names the file and the field', () => {
    const dir = path.join(tmp.dir, 'bad-record');
    const r = studyRecord('hga', 1, 'T', acc(30));
    writeStudyFolder(dir, [r], null);
    const file = studyRecordFile(dir, r);
    const write = (value: unknown) => fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    write({ ...r, evidence: { ...r.evidence, randomLoss: 'x' } });
    const e = expectStudyError(() => readStudyFolders([dir]), /bad-record\/seed1\/runs\/hga\/T\/study-record\.json: field 'evidence\.randomLoss': expected a finite number, got 'x'$/);
    expect(e.file).toBe(file);
    expect(e.field).toBe('evidence.randomLoss');
    write({ ...r, backbone: 'clip' });
    expectStudyError(() => readStudyFolders([dir]), /field 'backbone': expected 'hga' or 'vgt', got 'clip'$/);
    const { trainEvidence: _, ...noTrain } = r;
    write(noTrain);
    expectStudyError(() => readStudyFolders([dir]), /field 'trainEvidence': expected an object, got nothing \(missing\)$/);
    write({ ...r, accuracy: { ...r.accuracy, groups: { C: null } } });
    expectStudyError(() => readStudyFolders([dir]), /field 'accuracy\.groups\.C': expected a finite number, got null$/);
    write({ ...r, evidence: { ...r.evidence, gradientMass: 'x' } });
    expectStudyError(() => readStudyFolders([dir]), /field 'evidence\.gradientMass': expected a finite number or null, got 'x'$/);
    // A record of an older version (no gradient importance, no misfocusGradient) is read.
    const { gradientMass: _m, gradientTop1: _t, ...older } = r.evidence;
    write({ ...r, evidence: older, trainEvidence: older });
    expect(readStudyFolders([dir]).records[0]!.evidence).toEqual(older);
    write({ ...r, seed: 1.5 });
    expectStudyError(() => readStudyFolders([dir]), /field 'seed': expected an integer, got 1\.5$/);
    write('{"backbone":"hga",');
    expectStudyError(() => readStudyFolders([dir]), /study-record\.json: expected valid JSON \(a study record\), got /);
  });

  it('a malformed study.json names the file and the field', () => {
    const dir = writeStudyFolder(path.join(tmp.dir, 'bad-json'), [studyRecord('hga', 1, 'T', acc(30))], { seed1: teacherQuality(0.8, 0.6) });
    const file = path.join(dir, 'study.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...json, teacher: { seed1: { ...json.teacher.seed1, recall: null } } }));
    expectStudyError(() => readStudyFolders([dir]), /bad-json\/study\.json: field 'teacher\.seed1\.recall': expected a finite number, got null$/);
    fs.writeFileSync(file, JSON.stringify({ ...json, format: 'sparc-study/0' }));
    expectStudyError(() => readStudyFolders([dir]), /study\.json: field 'format': expected 'sparc-study\/1', got 'sparc-study\/0'$/);
    fs.writeFileSync(file, JSON.stringify({ ...json, config: undefined }));
    expectStudyError(() => readStudyFolders([dir]), /study\.json: field 'config': expected an object, got nothing \(missing\)$/);
  });

  it('the same (backbone, seed, row) in two folders names both files', () => {
    const copy = writeStudyFolder(path.join(tmp.dir, 'copy'), [studyRecord('hga', 2, 'T+S', acc(50))], null);
    expectStudyError(() => readStudyFolders([s2, copy]), /copy\/seed2\/runs\/hga\/T\+S\/study-record\.json: expected one record per \(backbone, seed, row\), but .*s2\/seed2\/runs\/hga\/T\+S\/study-record\.json has the same, got hga seed 2 row 'T\+S'$/);
  });

  it('the same teacher key with different values in two folders', () => {
    const other = writeStudyFolder(path.join(tmp.dir, 'other-teacher'), [studyRecord('vgt', 1, 'baseline', acc(40))], { seed1: teacherQuality(0.8, 0.61) });
    expectStudyError(() => readStudyFolders([s1, other]), /other-teacher\/study\.json: field 'teacher\.seed1': expected the same value as in .*s1\/study\.json \(one teacher per seed\), got a different value$/);
  });
});
