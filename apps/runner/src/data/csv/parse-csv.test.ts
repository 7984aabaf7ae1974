import { describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { DataError } from '../data-error.js';
import { formatCsv, formatCsvField } from './format-csv.js';
import { parseCsv, parseCsvRecords } from './parse-csv.js';

const fields = (text: string) => parseCsvRecords(text, 'x.csv').map((r) => r.fields);

describe.runIf(testBackend() === 'cpu')('parseCsvRecords (RFC 4180)', () => {
  it('splits plain fields on LF and CRLF, with or without a final line end', () => {
    expect(fields('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\r\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,,c\n')).toEqual([['a', '', 'c']]);
    expect(fields('a,b,\n')).toEqual([['a', 'b', '']]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    expect(fields('"a, b","say ""hi""",c\n')).toEqual([['a, b', 'say "hi"', 'c']]);
    expect(fields('x,"line1\r\nline2",y\r\nz,"",w\r\n')).toEqual([['x', 'line1\r\nline2', 'y'], ['z', '', 'w']]);
    expect(fields('""""\n')).toEqual([['"']]);
  });

  it('records the start line of each record, counting line breaks inside quotes', () => {
    const records = parseCsvRecords('h1,h2\n"a\nb",c\nd,e\n', 'x.csv');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(fields('\uFEFFa,b\n')).toEqual([['a', 'b']]);
  });

  it('rejects an unterminated quote, a stray quote and text after a closing quote, naming the line', () => {
    expect(() => fields('a,b\n"open,c\n')).toThrow('x.csv: line 2: expected a closing quote, got end of file inside a quoted field');
    expect(() => fields('a,b\nab"c,d\n')).toThrow(/line 2: expected a quote only at the start of a field/);
    expect(() => fields('a,b\n"ab"c,d\n')).toThrow(/line 2: expected a comma or line end after a closing quote, got 'c'/);
    expect(() => fields('a\n"x\n')).toThrow(DataError);
  });
});

describe.runIf(testBackend() === 'cpu')('parseCsv', () => {
  it('separates the header and rejects a record with the wrong field count (file, line, row)', () => {
    const t = parseCsv('a,b\n1,2\n\n3,4\n', 'x.csv');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.records.map((r) => r.fields)).toEqual([['1', '2'], ['3', '4']]);
    expect(() => parseCsv('a,b\n1,2\n3\n', 'x.csv')).toThrow('x.csv: line 3 (row 1): expected 2 fields (a,b), got 1 fields');
    expect(() => parseCsv('', 'x.csv')).toThrow(/expected a header line/);
  });

  it('round-trips through formatCsv', () => {
    const rows = [['plain', 'with, comma', 'with "quote"', 'multi\nline', '']];
    const t = parseCsv(formatCsv(['a', 'b', 'c', 'd', 'e'], rows), 'x.csv');
    expect(t.records[0]!.fields).toEqual(rows[0]);
    expect(formatCsvField(3)).toBe('3');
    expect(formatCsvField('a"b')).toBe('"a""b"');
  });
});
