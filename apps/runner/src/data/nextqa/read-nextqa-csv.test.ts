import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { DataError } from '../data-error.js';
import { sharedDataDir } from '../testing/shared-data-dir.js';
import { makeTempDir } from '../testing/temp-dir.js';
import { evalType, questionGroup } from './question-type.js';
import { readNextQACsv } from './read-nextqa-csv.js';
import { ATP_HARD_FILE, readRowIndices, selectRows } from './row-subset.js';

const HEADER = 'video,frame_count,width,height,question,answer,qid,type,a0,a1,a2,a3,a4';
const tmp = makeTempDir();
afterAll(() => tmp.remove());

function writeCsv(name: string, lines: string[]): string {
  const file = path.join(tmp.dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe.runIf(testBackend() === 'cpu')('readNextQACsv: small files', () => {
  it('types every column, builds keys and accepts quoted fields', () => {
    const file = writeCsv('ok.csv', [HEADER, '7,300,640,480,"why did he say ""no"", twice",1,3,CW,a,"b, c",d,e,f', '7,300,640,480,what next,4,4,TP,a,b,c,d,e']);
    const { rows, byKey } = readNextQACsv(file);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      row: 0, key: '7_3', video: '7', frameCount: 300, width: 640, height: 480,
      question: 'why did he say "no", twice', answer: 1, qid: '3', type: 'CW', candidates: ['a', 'b, c', 'd', 'e', 'f'],
    });
    expect(byKey.get('7_4')?.row).toBe(1);
    expect(evalType(rows[1]!.type)).toBe('TN');
    expect(questionGroup(rows[1]!.type)).toBe('T');
  });

  it.each([
    ['unknown type code', '7,300,640,480,q,1,3,XX,a,b,c,d,e', "line 2 (row 0), column 'type': expected one of CW CH TN TC TP DC DL DO, got 'XX'"],
    ['answer out of range', '7,300,640,480,q,5,3,CW,a,b,c,d,e', "line 2 (row 0), column 'answer': expected an integer in 0..4, got '5'"],
    ['non-integer answer', '7,300,640,480,q,x,3,CW,a,b,c,d,e', "line 2 (row 0), column 'answer': expected an integer in 0..4, got 'x'"],
    ['bad width', '7,300,-1,480,q,1,3,CW,a,b,c,d,e', "line 2 (row 0), column 'width': expected an integer >= 1, got '-1'"],
    ['too few fields', '7,300,640,480,q,1,3,CW,a,b,c,d', 'line 2 (row 0): expected 13 fields'],
    ['empty video', ',300,640,480,q,1,3,CW,a,b,c,d,e', "line 2 (row 0), column 'video': expected a video id, got an empty field"],
  ])('rejects a row with %s in one line naming file, line, row and column', (_, line, message) => {
    const file = writeCsv('bad.csv', [HEADER, line]);
    expect(() => readNextQACsv(file)).toThrow(DataError);
    expect(() => readNextQACsv(file)).toThrow(`bad.csv: ${message}`);
  });

  it('rejects duplicate keys, a wrong header and a missing file', () => {
    const dup = writeCsv('dup.csv', [HEADER, '7,300,640,480,q,1,3,CW,a,b,c,d,e', '7,300,640,480,q,1,3,CH,a,b,c,d,e']);
    expect(() => readNextQACsv(dup)).toThrow("dup.csv: line 3 (row 1), column 'qid': expected a unique key <video>_<qid>, got '7_3' again (first at row 0)");
    const header = writeCsv('header.csv', ['video,question,answer', '7,q,1']);
    expect(() => readNextQACsv(header)).toThrow(/header.csv: line 1: expected a header with video,frame_count.*missing frame_count/);
    expect(() => readNextQACsv(path.join(tmp.dir, 'none.csv'))).toThrow(/none.csv: file: expected a readable NExT-QA CSV file, got no such file/);
  });

  it('reads row-index files and rejects out-of-range and repeated indices', () => {
    const ok = writeCsv('idx.txt', ['2', '0', '', '1']);
    expect(readRowIndices(ok, 3)).toEqual([2, 0, 1]);
    expect(() => readRowIndices(ok, 2)).toThrow("idx.txt: line 1: expected a 0-based row index below 2 (the annotation file's row count), got '2'");
    const rep = writeCsv('rep.txt', ['1', '1']);
    expect(() => readRowIndices(rep, 3)).toThrow('rep.txt: line 2: expected each row index once, got 1 again');
  });
});

const shared = sharedDataDir();
describe.runIf(testBackend() === 'cpu' && shared !== undefined)('readNextQACsv: the real NExT-QA files', () => {
  const dir = path.join(shared ?? '', 'nextqa');

  it('val.csv: 4,996 questions, 570 videos, the documented type counts', () => {
    const { rows } = readNextQACsv(path.join(dir, 'val.csv'));
    expect(rows).toHaveLength(4996);
    expect(new Set(rows.map((r) => r.video)).size).toBe(570);
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.type] = (counts[r.type] ?? 0) + 1;
    expect(counts).toEqual({ CW: 1924, TN: 895, CH: 683, TC: 663, DO: 305, DL: 295, DC: 177, TP: 54 });
    expect(rows[0]).toMatchObject({ key: '4010069381_6', answer: 0, type: 'CH', candidates: ['roll the handle', 'tap their feet', 'strum the string', 'hit with sticks', 'pat with hand'] });
  });

  it('test.csv: 8,564 questions on 1,000 videos', () => {
    const { rows } = readNextQACsv(path.join(dir, 'test.csv'));
    expect(rows).toHaveLength(8564);
    expect(new Set(rows.map((r) => r.video)).size).toBe(1000);
  });

  it('ATP-hard: 2,269 val rows (C 1,334, T 935) equal to nextqa-atphard.csv row by row', () => {
    const val = readNextQACsv(path.join(dir, 'val.csv'));
    const subset = selectRows(val.rows, readRowIndices(path.join(dir, ATP_HARD_FILE), val.rows.length));
    expect(subset).toHaveLength(2269);
    expect(subset.filter((r) => r.type[0] === 'C')).toHaveLength(1334);
    expect(subset.filter((r) => r.type[0] === 'T')).toHaveLength(935);
    const atp = readNextQACsv(path.join(dir, 'nextqa-atphard.csv'));
    expect(atp.rows.map((r) => r.key)).toEqual(subset.map((r) => r.key));
  });
});
