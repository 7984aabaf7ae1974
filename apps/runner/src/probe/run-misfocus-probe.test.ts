// The misfocus probe end to end on the tiny synthetic preset: short HGA and VGT training runs and an
// untrained built-in teacher, checked on counts and on properties with known answers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextTokenizer, createTinyAlbef } from '@sparc-vqa/teacher';
import { saveTinyAlbefFile } from '@sparc-vqa/teacher/fs';
import { countNewTensors, testBackend } from '@sparc-vqa/testing';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { resolveTrainConfig } from '../engine/train-config.js';
import { trainRun } from '../engine/train-run.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import { writeSyntheticDataset } from '../synth/write-synthetic-dataset.js';
import { gradientView, openCheckpointFocusSource } from './checkpoint-focus-source.js';
import { misfocusItems, probeMisfocus } from './misfocus-probe.js';
import { runMisfocusProbe } from './run-misfocus-probe.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-probe-'));
const data = path.join(tmp, 'data');
const run = path.join(tmp, 'run');
const vgtRun = path.join(tmp, 'vgt-run');
const teacherFile = path.join(tmp, 'teacher.tiny-albef');
let test: readonly NextQARow[];
const temporal = (r: NextQARow) => /\b(before|after)\b/i.test(r.question);

describe.runIf(testBackend() === 'wasm')('runMisfocusProbe', () => {
  beforeAll(async () => {
    await writeSyntheticDataset({ out: data, config: { preset: 'tiny', seed: 3, vgt: true } });
    test = readNextQACsv(syntheticSplitFiles(data, 'test').annotations).rows;
    const config = resolveTrainConfig({
      dataset: data, temporal: false, spatial: false, teacher: null, mixup: 'none',
      epochs: 1, batchSize: 16, hidden: 16, wordDim: 16, blockDim: 24, blockChunks: 4, blockRank: 2, lr: 3e-3, seed: 5,
    });
    await trainRun({ config, runDir: run, maxSteps: 2 });
    const vgt = resolveTrainConfig({ dataset: data, backbone: 'vgt', temporal: false, spatial: false, teacher: null, mixup: 'none', epochs: 1, batchSize: 16, hidden: 16, ffDim: 24, heads: 4, boxHidden: 8, lr: 3e-3, seed: 5 });
    await trainRun({ config: vgt, runDir: vgtRun, maxSteps: 2 });
    const train = readNextQACsv(syntheticSplitFiles(data, 'train').annotations).rows;
    const teacher = createTinyAlbef({ featureSize: 32, hiddenSize: 16, seed: 1 }, TextTokenizer.fromCorpus(train.flatMap((r) => [r.question, ...r.candidates])));
    await saveTinyAlbefFile(teacherFile, teacher);
    teacher.dispose();
  }, 120_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('checkpoint: probes exactly the before/after questions, per type, with ground truth for both wordings', async () => {
    const json = path.join(tmp, 'out', 'misfocus.json');
    const { result, lines } = await runMisfocusProbe({ dataset: data, split: 'test', checkpoint: run, topK: 1, threshold: 0.5, json });
    const probed = test.filter(temporal);
    expect(probed.length).toBe(9); // tiny preset, seed 3: 5 TP + 4 TN of 32 test questions
    expect(result).toMatchObject({ source: 'checkpoint', split: 'test', samples: 9, excluded: { neither: 23, noSwappedAnswer: 0 } });
    expect(result.byType).toEqual({
      TP: { samples: 5, identical: expect.any(Number) },
      TN: { samples: 4, identical: expect.any(Number) },
    });
    // Shares are counts over their denominators, and the overall share is the count-weighted type mean.
    const counts = (share: number | null, n: number) => {
      const k = share! * n;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThanOrEqual(n);
      return Math.round(k);
    };
    expect(counts(result.identical, 9)).toBe(counts(result.byType['TP']!.identical, 5) + counts(result.byType['TN']!.identical, 4));
    expect(result.groundTruthSamples.original).toBe(9);
    expect(result.groundTruthSamples.swapped).toBeGreaterThan(0);
    expect(result.groundTruthSamples.swapped).toBeLessThanOrEqual(9);
    counts(result.groundTruthHit.original, 9);
    counts(result.groundTruthHit.swapped, result.groundTruthSamples.swapped);
    expect(Object.keys(result.views)).toEqual(['top-1', 'gradient top-1']);
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toEqual(result);
    expect(lines[0]).toBe('misfocus probe (paper 4.1.1), test: 9 questions with "before"/"after" swapped (23 without either word)');
    expect(lines.at(-1)).toBe(`wrote ${json}`);
  });

  it('checkpoint: an unchanged question re-encodes to the stored features, so the focus is identical for every k and view', async () => {
    const { items } = misfocusItems(test);
    const unchanged = items.map((it) => ({ ...it, swapped: it.row.question }));
    for (const [dir, views] of [[run, ['top-K', 'gradient top-K']], [vgtRun, ['gradient top-K']]] as const) {
      for (const topK of [1, 3]) {
        const source = await openCheckpointFocusSource({ runDir: dir, dataset: data, split: 'test', topK });
        try {
          expect(source.views).toEqual(views.map((v) => v.replace('K', String(topK))));
          const shares = await probeMisfocus(unchanged, source, 4);
          for (const view of source.views) expect([shares[view]!.samples, shares[view]!.identical], view).toEqual([9, 1]);
        } finally {
          source.close();
        }
      }
    }
  });

  it('checkpoint: a VGT run is probed through its gradient x input frame importance', async () => {
    const { result } = await runMisfocusProbe({ dataset: data, split: 'test', checkpoint: vgtRun, topK: 1, threshold: 0.5 });
    expect(result).toMatchObject({ source: 'checkpoint', samples: 9 });
    expect(Object.keys(result.views)).toEqual([gradientView(1)]);
    expect(result.focus).toBe('top-1 frames of VGT gradient x input frame importance (vgt-run)');
    expect(result.identical).toBe(result.views[gradientView(1)]!.identical);
    const k = result.identical! * 9;
    expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
  });

  it('checkpoint: top-k = all 16 clips always stays identical (a property, whatever the model)', async () => {
    const { result } = await runMisfocusProbe({ dataset: data, split: 'test', checkpoint: run, topK: 16, threshold: 0.5 });
    expect(result.identical).toBe(1);
    expect(result.groundTruthHit.original).toBe(0); // no TP/TN answer event spans the whole video
  });

  it('frees the model, the teacher and every tensor it creates', async () => {
    for (const source of [{ checkpoint: run }, { checkpoint: vgtRun }, { teacher: teacherFile }]) {
      const n = await countNewTensors(() => runMisfocusProbe({ dataset: data, split: 'test', topK: 2, threshold: 0.5, ...source }).then(() => undefined));
      expect(n, Object.keys(source)[0]).toBe(0);
    }
  });

  it('checkpoint: an unknown backbone or a run without checkpoint is a DataError', async () => {
    const odd = path.join(tmp, 'odd-run');
    fs.mkdirSync(odd);
    fs.writeFileSync(path.join(odd, 'config.json'), JSON.stringify({ config: { backbone: 'lstm' } }));
    await expect(runMisfocusProbe({ dataset: data, split: 'test', checkpoint: odd, topK: 1, threshold: 0.5 })).rejects.toThrow(`${path.join(odd, 'config.json')}: key 'config.backbone': expected 'hga' or 'vgt', got 'lstm'`);
    const empty = path.join(tmp, 'empty-run');
    fs.mkdirSync(empty);
    fs.copyFileSync(path.join(run, 'config.json'), path.join(empty, 'config.json'));
    await expect(runMisfocusProbe({ dataset: data, split: 'test', checkpoint: empty, topK: 1, threshold: 0.5 })).rejects.toThrow(/checkpoint: file: expected a checkpoint written by `sparc train`, got none/);
  });

  it('teacher: causal and argmax views; at threshold 1 no frame passes, so causal = the argmax fallback', async () => {
    const { result } = await runMisfocusProbe({ dataset: data, split: 'test', teacher: teacherFile, topK: 1, threshold: 1 });
    expect(result).toMatchObject({ source: 'teacher', samples: 9 });
    expect(Object.keys(result.views)).toEqual(['causal', 'argmax']);
    expect(result.views['causal']).toEqual(result.views['argmax']);
    expect(result.focus).toMatch(/^teacher causal frames p_k\[a\] > 1 \(argmax fallback\), a = the labelled answer \(tiny-albef:[0-9a-f]+\)$/);
  });

  it('teacher: at threshold 0 every frame is causal (softmax > 0), so the sets are identical and never inside the ground truth', async () => {
    const { result } = await runMisfocusProbe({ dataset: data, split: 'test', teacher: teacherFile, topK: 1, threshold: 0 });
    expect(result.identical).toBe(1);
    expect(result.groundTruthHit).toEqual({ original: 0, swapped: 0 });
  });

  it("teacher, answer 'swapped': keeps the questions whose swapped wording has an answer among the candidates", async () => {
    const { result } = await runMisfocusProbe({ dataset: data, split: 'test', teacher: teacherFile, topK: 1, threshold: 0.5, teacherAnswer: 'swapped' });
    expect(result.samples + result.excluded.noSwappedAnswer).toBe(9);
    expect(result.samples).toBeGreaterThan(0);
    expect(result.groundTruthSamples).toEqual({ original: result.samples, swapped: result.samples });
    expect(result.focus).toMatch(/a = each wording's own answer/);
  });
});
