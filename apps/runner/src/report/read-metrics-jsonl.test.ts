import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from '../data/data-error.js';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { parseMetricsJsonl, readMetricsJsonl } from './read-metrics-jsonl.js';
import { BASELINE_LINES, SPARC_LINES, stepLine } from './testing/write-report-fixtures.js';

const tmp = makeTempDir('sparc-report-metrics-');
afterAll(() => tmp.remove());

const text = (records: readonly Record<string, unknown>[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('parseMetricsJsonl', () => {
  it('splits step and epoch lines and keeps every value', () => {
    const m = parseMetricsJsonl(text(BASELINE_LINES), 'metrics.jsonl');
    expect(m.steps.map((s) => [s.epoch, s.step, s.loss, s.accuracy])).toEqual([[1, 1, 2, 0.25], [1, 2, 1, 0.5], [2, 3, 0.6, 0.75]]);
    expect(m.steps[0]!.guided).toBeNull();
    expect(m.evaluations.map((e) => [e.epoch, e.step, e.split, e.count, e.overall])).toEqual([[1, 2, 'val', 16, 40], [2, 3, 'val', 16, 50]]);
    expect(m.evaluations[1]!.groups).toEqual({ C: 50, T: 25, D: 100 });
    expect(m.evaluations[1]!.types).toEqual({ CW: 50, TN: 25, DL: 100 });
  });

  it('skips blank lines and lines of other kinds', () => {
    const m = parseMetricsJsonl(`\n${JSON.stringify({ kind: 'note', text: 'x' })}\n\n${text(SPARC_LINES)}`, 'm.jsonl');
    expect(m.steps).toHaveLength(2);
    expect(m.steps[1]!.framesKept).toBe(3);
    expect(m.evaluations).toHaveLength(1);
  });

  it('a truncated line is a DataError naming the file and the 1-based line', () => {
    const lines = text(SPARC_LINES).split('\n');
    const truncated = [lines[0], lines[1]!.slice(0, 40)].join('\n');
    const file = path.join(tmp.dir, 'metrics.jsonl');
    fs.writeFileSync(file, truncated);
    let error: unknown;
    try {
      readMetricsJsonl(file);
    } catch (e) {
      error = e;
    }
    expect(DataError.isInstance(error)).toBe(true);
    const e = error as DataError;
    expect(e.file).toBe(file);
    expect(e.location).toEqual({ line: 2 });
    expect(e.message).toContain('metrics.jsonl: line 2: expected a complete JSON object');
    expect(e.message).not.toContain('\n');
  });

  it('rejects a line without kind, a string loss and a step number below 1, naming the line', () => {
    expect(() => parseMetricsJsonl('{"epoch":1}\n', 'm.jsonl')).toThrow(/m\.jsonl: line 1: expected a field 'kind'/);
    const bad = text([stepLine(1, 1, { loss: 1 }), { ...stepLine(1, 2, {}), loss: 'NaN' }]);
    expect(() => parseMetricsJsonl(bad, 'm.jsonl')).toThrow(/m\.jsonl: line 2: expected field 'loss' to be a finite number or null, got 'NaN'/);
    expect(() => parseMetricsJsonl(text([stepLine(1, 0, {})]), 'm.jsonl')).toThrow(/line 1: expected field 'step' to be an integer >= 1, got 0/);
  });

  it('a missing file is a one-line DataError', () => {
    expect(() => readMetricsJsonl(path.join(tmp.dir, 'nope.jsonl'))).toThrow(/nope\.jsonl: file: expected a readable metrics\.jsonl file, got no such file/);
  });
});
