// RFC 4180 CSV parsing: quoted fields, doubled quotes inside quotes, CRLF or LF line ends, commas and
// newlines inside quoted fields. No type conversion here; readers validate the fields they need.
import { DataError } from '../data-error.js';

/** One parsed record with the 1-based line of the text where it starts. */
export interface CsvRecord {
  readonly fields: readonly string[];
  readonly line: number;
}

/** A parsed CSV file: the header fields and the data records (header excluded). */
export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly records: readonly CsvRecord[];
}

/**
 * Splits CSV text into records. Handles quoted fields (`"a, b"`), escaped quotes (`""`), CRLF/LF line
 * ends and line breaks inside quotes. A final line end is optional; a blank final line is ignored.
 * Throws a {@link DataError} naming the line for an unterminated quote or a quote in the middle of an
 * unquoted field or right after a closing quote (`"ab"c`).
 *
 * @param text the file contents (a leading UTF-8 BOM is skipped)
 * @param file the file name used in error messages
 */
export function parseCsvRecords(text: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false; // inside a quoted field
  let afterQuote = false; // a quoted field just closed; only a delimiter may follow
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    fieldStarted = false;
    afterQuote = false;
  };
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        i += 1;
        continue;
      }
      if (c === '\n') line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      fieldStarted = false;
      afterQuote = false;
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      const crlf = c === '\r' && text[i + 1] === '\n';
      endRecord();
      i += crlf ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (afterQuote) throw new DataError(file, { line }, 'a comma or line end after a closing quote', `'${c}'`);
    if (c === '"') {
      if (fieldStarted) throw new DataError(file, { line }, 'a quote only at the start of a field (RFC 4180)', `a quote inside '${field}"'`);
      quoted = true;
      fieldStarted = true;
      i += 1;
      continue;
    }
    field += c;
    fieldStarted = true;
    i += 1;
  }
  if (quoted) throw new DataError(file, { line: recordLine }, 'a closing quote', 'end of file inside a quoted field');
  if (fieldStarted || afterQuote || fields.length > 0) endRecord();
  return records;
}

/**
 * Parses CSV text with a header line. Every record must have as many fields as the header; blank lines
 * (a single empty field) are skipped.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const all = parseCsvRecords(text, file).filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
  const head = all[0];
  if (head === undefined) throw new DataError(file, { line: 1 }, 'a header line', 'an empty file');
  const records = all.slice(1);
  records.forEach((r, row) => {
    if (r.fields.length !== head.fields.length) {
      throw new DataError(file, { row, line: r.line }, `${head.fields.length} fields (${head.fields.join(',')})`, `${r.fields.length} fields`);
    }
  });
  return { file, header: head.fields, records };
}
