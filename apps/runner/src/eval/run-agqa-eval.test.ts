import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { main } from '../main.js';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { runAGQAEval } from './run-agqa-eval.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());
const q = (answer: string, ansType: 'binary' | 'open') => ({ question: 'q?', answer, video_id: 'V1', ans_type: ansType, global: [], steps: 1, semantic: 'object', structural: 'query' });
const write = (name: string, data: unknown) => {
  const file = path.join(tmp.dir, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
};
// Candidate set from training: yes (2), table (2) -> [table, yes] (ties in text order); 'cup' once: dropped.
const train = write('train_balanced.txt', { a: q('yes', 'binary'), b: q('yes', 'binary'), c: q('table', 'open'), d: q('table', 'open'), e: q('cup', 'open') });
const test = write('test_balanced.txt', { s1: q('yes', 'binary'), s2: q('table', 'open'), s3: q('cup', 'open') });

describe.runIf(testBackend() === 'cpu')('runAGQAEval / sparc eval --agqa-train', () => {
  it('scores Binary / Open / All over the global candidate set', async () => {
    const preds = write('preds.json', { s1: { prediction: 1, answer: 1 }, s2: { prediction: 1, answer: 0 }, s3: { prediction: 0, answer: 0 } });
    const r = runAGQAEval({ questions: test, train, predictions: preds });
    expect([r.candidates, r.covered]).toEqual([2, 2]);
    expect(r.accuracy).toEqual({ count: 3, all: 100 / 3, binary: 100, open: 0, counts: { binary: 1, open: 2 } });
    const out: string[] = [];
    const json = path.join(tmp.dir, 'agqa.json');
    expect(await main(['eval', '--agqa-train', train, '--annotations', test, '--predictions', preds, '--json', json], { out: (l) => out.push(l), err: () => {} })).toBe(0);
    expect(out[2]!.trim().split(/\s+/)).toEqual(['acc', '%', '100.00', '0.00', '33.33']);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual({ count: 3, all: 100 / 3, binary: 100, open: 0, candidates: 2, covered: 2 });
  });

  it('rejects answers that disagree with the converted index', () => {
    const preds = write('wrong.json', { s1: { prediction: 1, answer: 0 }, s2: { prediction: 1, answer: 0 }, s3: { prediction: 0, answer: 0 } });
    expect(() => runAGQAEval({ questions: test, train, predictions: preds })).toThrow("wrong.json: key 's1': expected answer 1 ('yes' in the candidate set of train_balanced.txt), got 0; 1 answers differ");
  });
});
