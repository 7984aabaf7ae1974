import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoTensorLeak, testBackend } from '@sparc-vqa/testing';
import { loadTeacherLookup, TeacherStoreMismatchError } from '../engine/load-teacher-lookup.js';
import { main } from '../main.js';
import { writeSyntheticDataset } from '../synth/write-synthetic-dataset.js';
import { datasetId } from './dataset-id.js';
import { extractTeacherRun } from './extract-teacher-run.js';
import { readGroundTruth } from '../synth/ground-truth.js';
import { buildFrameCaptions } from './frame-captions.js';
import { captionTeacherExamples, fitTeacherRun } from './fit-teacher-run.js';
import { resolveTeacherRunConfig } from './teacher-run-config.js';
import { readTeacherInputs } from './teacher-inputs.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-teacher-'));
const data = path.join(tmp, 'data');
const quiet = { out: () => {}, err: () => {} };
beforeAll(async () => {
  await writeSyntheticDataset({ out: data, config: { preset: 'tiny', seed: 4 } });
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('datasetId', () => {
  it('depends on the generator config, not on the folder', async () => {
    const copy = path.join(tmp, 'copy');
    fs.mkdirSync(copy);
    const manifest = JSON.parse(fs.readFileSync(path.join(data, 'synth.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(copy, 'synth.json'), JSON.stringify({ ...manifest, out: copy }));
    expect(datasetId(copy)).toBe(datasetId(data));
    expect(datasetId(data)).toMatch(/^synthetic-tiny-s4-[0-9a-f]{8}$/);
    const other = path.join(tmp, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'synth.json'), JSON.stringify({ ...manifest, config: { ...(manifest['config'] as object), seed: 5 } }));
    expect(datasetId(other)).not.toBe(datasetId(data));
    expect(datasetId(path.join(tmp, 'nextqa'))).toBe('nextqa');
  });
});

describe('captionTeacherExamples', () => {
  it('gives each caption example the rows of its frames, and frees them', async () => {
    const inputs = await readTeacherInputs(data, 'train');
    const gt = readGroundTruth(path.join(data, 'ground_truth_train.json'));
    const captions = buildFrameCaptions(gt, { seed: 0, kinds: ['action', 'place'] });
    const { examples, dispose } = captionTeacherExamples(inputs, captions);
    const D = inputs.dim;
    const row = inputs.rows.find((r) => r.video === captions[0]!.video)!;
    for (const i of [0, captions.length - 1]) {
      const c = captions[i]!;
      const video = inputs.framesOf(inputs.rows.find((r) => r.video === c.video)!);
      expect(examples[i]!.frames.shape).toEqual([c.frames.length, D]);
      expect(Array.from(examples[i]!.frames.dataSync())).toEqual(c.frames.flatMap((k) => Array.from(video.subarray(k * D, (k + 1) * D))));
      expect([examples[i]!.question, examples[i]!.candidates, examples[i]!.answer]).toEqual([c.question, c.candidates, c.answer]);
    }
    // The place example of a video holds all its T = 16 frames.
    expect(examples.find((e, i) => captions[i]!.kind === 'place' && captions[i]!.video === row.video)!.frames.shape).toEqual([16, D]);
    dispose();
    await expectNoTensorLeak(() => captionTeacherExamples(inputs, captions).dispose());
  });
});

describe.runIf(testBackend() === 'wasm')('teacher fit / extract / merge', () => {
  const model = path.join(tmp, 'teacher.tiny-albef');
  const config = resolveTeacherRunConfig({ dataset: data, seed: 2, pretrainEpochs: 1, fitEpochs: 2, fineTuneEpochs: 1, fitBatchSize: 16, hiddenSize: 16 });

  it('pre-trains, fits, fine-tunes, records the phases, and a rerun reuses the saved teacher', async () => {
    const first = await fitTeacherRun({ config, modelFile: model, historyFile: `${model}.history.json`, io: quiet });
    expect(first.history.phasesDone).toEqual(['pretrain', 'fit', 'fineTune']);
    expect(first.history.epochs.map((e) => `${e.phase}${e.epoch}`)).toEqual(['pretrain1', 'fit1', 'fit2', 'fineTune1']);
    for (const e of first.history.epochs) expect(e.valAccuracy).toBeGreaterThanOrEqual(0);
    const out: string[] = [];
    const again = await fitTeacherRun({ config, modelFile: model, historyFile: `${model}.history.json`, io: { out: (l) => out.push(l), err: () => {} } });
    expect(again.teacher.id).toBe(first.teacher.id);
    expect(out[0]).toMatch(/is trained .*reusing it/);
    first.teacher.dispose();
    again.teacher.dispose();
    await expect(fitTeacherRun({ config: { ...config, fitEpochs: 3 }, modelFile: model, historyFile: `${model}.history.json`, io: quiet })).rejects.toThrow(/fitEpochs = 2, not 3/);
  });

  it('a run killed after pre-training continues with the next phase; only pre-training needs the scripts', async () => {
    const other = path.join(tmp, 'resumed.tiny-albef');
    const c = resolveTeacherRunConfig({ dataset: data, seed: 2, pretrainEpochs: 1, fineTuneEpochs: 1, hiddenSize: 16, valSplit: null });
    expect(c.fitEpochs).toBe(0);
    const done = await fitTeacherRun({ config: c, modelFile: other, historyFile: `${other}.history.json`, io: quiet });
    done.teacher.dispose();
    // What the history looks like when the process dies during fine-tuning.
    fs.writeFileSync(`${other}.history.json`, JSON.stringify({ ...done.history, phasesDone: ['pretrain', 'fit'], epochs: done.history.epochs.filter((e) => e.phase === 'pretrain') }));
    const out: string[] = [];
    const resumed = await fitTeacherRun({ config: c, modelFile: other, historyFile: `${other}.history.json`, io: { out: (l) => out.push(l), err: () => {} } });
    expect(out[0]).toMatch(/pretrain, fit already done .*continuing/);
    expect(resumed.history.epochs.map((e) => `${e.phase}${e.epoch}`)).toEqual(['pretrain1', 'fineTune1']);
    resumed.teacher.dispose();
    // A dataset folder without ground_truth_train.json (not a sparc synth dataset).
    const bare = path.join(tmp, 'bare');
    fs.mkdirSync(bare);
    for (const f of ['train.csv', 'teacher', 'synth.json']) fs.symlinkSync(path.join(data, f), path.join(bare, f));
    const noScripts = resolveTeacherRunConfig({ dataset: bare, pretrainEpochs: 1, fineTuneEpochs: 1, hiddenSize: 16, valSplit: null });
    await expect(fitTeacherRun({ config: noScripts, modelFile: path.join(tmp, 'bare.tiny-albef'), historyFile: path.join(tmp, 'bare.json'), io: quiet })).rejects.toThrow(
      `${path.join(bare, 'ground_truth_train.json')}: file: expected the video scripts of split 'train' for --pretrain captions (a sparc synth dataset; else use --pretrain none), got no such file`,
    );
    // Without pre-training the scripts are not needed: the QA fit (3 epochs unless given) and fine-tuning.
    const none = resolveTeacherRunConfig({ dataset: bare, pretrain: 'none', fitEpochs: 1, fineTuneEpochs: 1, hiddenSize: 16, valSplit: null });
    const plain = await fitTeacherRun({ config: none, modelFile: path.join(tmp, 'bare.tiny-albef'), historyFile: path.join(tmp, 'bare-none.json'), io: quiet });
    expect(plain.history.phasesDone).toEqual(['fit', 'fineTune']);
    plain.teacher.dispose();
  });

  it('extracts a split; a rerun skips what is stored; two shards merged equal the whole store', async () => {
    const { loadTinyAlbefFile } = await import('@sparc-vqa/teacher/fs');
    const teacher = await loadTinyAlbefFile(model);
    const whole = path.join(tmp, 'train.sptk');
    const a = await extractTeacherRun({ teacher, dataset: data, split: 'train', store: whole, io: quiet });
    expect(a.written).toBe(64);
    const b = await extractTeacherRun({ teacher, dataset: data, split: 'train', store: whole, io: quiet });
    expect([b.written, b.skipped]).toEqual([0, 64]);
    teacher.dispose();
    for (const i of [0, 1]) {
      expect(await main(['teacher', 'extract', '--dataset', data, '--teacher', model, '--store', path.join(tmp, `s${i}.sptk`), '--shard', `${i}/2`, '--backend', 'wasm'], quiet)).toBe(0);
    }
    const merged = path.join(tmp, 'merged.sptk');
    expect(await main(['teacher', 'merge', '--out', merged, path.join(tmp, 's0.sptk'), path.join(tmp, 's1.sptk')], quiet)).toBe(0);
    const x = await loadTeacherLookup(whole, 16, 5, datasetId(data));
    const y = await loadTeacherLookup(merged, 16, 5, datasetId(data));
    expect(y.size).toBe(64);
    const keys = fs.readFileSync(path.join(data, 'train.csv'), 'utf8').trim().split('\n').slice(1).map((l) => `${l.split(',')[0]}_${l.split(',')[6]}`);
    for (const k of keys) expect(Array.from(y.get(k)!)).toEqual(Array.from(x.get(k)!));
    // Rows are probability distributions over the 5 candidates.
    const row = x.get(keys[0]!)!;
    for (let t = 0; t < 16; t++) expect(row.subarray(t * 5, t * 5 + 5).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
  });

  it('refuses a store from another dataset', async () => {
    const other = path.join(tmp, 'data-other');
    await writeSyntheticDataset({ out: other, config: { preset: 'tiny', seed: 9 } });
    await expect(loadTeacherLookup(path.join(tmp, 'train.sptk'), 16, 5, datasetId(other))).rejects.toThrow(TeacherStoreMismatchError);
    const err: string[] = [];
    const code = await main(['train', '--dataset', other, '--preset', 'synthetic', '--temporal', '--teacher', path.join(tmp, 'train.sptk'), '--out', path.join(tmp, 'run-x'), '--backend', 'wasm'], { out: () => {}, err: (l) => err.push(l) });
    expect(code).toBe(1);
    expect(err).toEqual([`sparc: TeacherStoreMismatchError: ${path.join(tmp, 'train.sptk')}: header dataset is "${datasetId(data)}", but the dataset needs "${datasetId(other)}"`]);
  });
});
