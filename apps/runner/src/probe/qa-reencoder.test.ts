import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { openQADataset, type QADataset } from '../engine/qa-dataset.js';
import { writeSyntheticDataset } from '../synth/write-synthetic-dataset.js';
import { openQAReencoder } from './qa-reencoder.js';
import { swapBeforeAfter } from './swap-before-after.js';

// Host-only code: once is enough (the wasm project).
describe.runIf(testBackend() === 'wasm')('openQAReencoder', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-reencode-'));
  const data = path.join(tmp, 'data');
  let test: QADataset;
  beforeAll(async () => {
    await writeSyntheticDataset({ out: data, config: { preset: 'tiny', seed: 11 } });
    test = await openQADataset(data, 'test');
  });
  afterAll(() => {
    test?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('re-encoding the original text reproduces the stored QA features and lengths exactly', () => {
    const re = openQAReencoder(data);
    expect([re.tokens, re.wordDim]).toEqual([test.tokens, test.wordDim]);
    const positions = test.rows.map((_, i) => i);
    const stored = test.batch(positions);
    const features = new Float32Array(stored.qa.length).fill(7); // stale values must be overwritten
    const lengths = new Int32Array(stored.qaLengths.length);
    test.rows.forEach((r, i) => re.encode(r.question, r.candidates, features, lengths, i));
    expect(lengths).toEqual(stored.qaLengths);
    expect(features).toEqual(stored.qa);
  });

  it('the swapped question differs from the original in the temporal word row only', () => {
    const re = openQAReencoder(data);
    const row = test.rows.find((r) => swapBeforeAfter(r.question) !== undefined)!;
    const block = test.candidates * test.tokens * test.wordDim;
    const a = new Float32Array(block);
    const b = new Float32Array(block);
    const la = new Int32Array(test.candidates);
    const lb = new Int32Array(test.candidates);
    re.encode(row.question, row.candidates, a, la, 0);
    re.encode(swapBeforeAfter(row.question)!, row.candidates, b, lb, 0);
    expect(lb).toEqual(la);
    const word = row.question.split(' ').findIndex((w) => w === 'before' || w === 'after') + 1; // after [CLS]
    const changedRows = new Set<number>();
    for (let i = 0; i < block; i++) if (a[i] !== b[i]) changedRows.add(Math.floor(i / test.wordDim) % test.tokens);
    expect([...changedRows]).toEqual([word]);
  });

  it('a dataset without synth.json is a DataError saying the probe needs re-encodable question features', () => {
    const bare = path.join(tmp, 'bare');
    fs.mkdirSync(bare);
    expect(() => openQAReencoder(bare)).toThrow(/synth\.json: file: expected .*needs re-encodable question features.*real NExT-QA BERT features cannot be recomputed here.*got no such file/);
  });

  it('a manifest without the encoder sizes names the field', () => {
    const bad = path.join(tmp, 'bad');
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, 'synth.json'), JSON.stringify({ config: { seed: 1, tokens: 16 } }));
    expect(() => openQAReencoder(bad)).toThrow(/synth\.json: key 'config\.wordDim': expected a non-negative integer, got undefined/);
  });
});
