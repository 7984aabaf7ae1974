import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { main } from '../main.js';
import type { StudyResults } from './run-study.js';
import { causalAndRandomMasks } from './frame-evidence.js';
import { createRng } from '@sparc-vqa/mixup';
import { formatStudyTables, meanSd } from './run-study.js';
import { STUDY_FULL } from './study-config.js';
import { studyRecord } from './testing/write-study-fixtures.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-study-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('study helpers', () => {
  it('meanSd: mean and sample standard deviation', () => {
    expect(meanSd([1, 2, 3, 6])).toEqual({ mean: 3, sd: Math.sqrt(14 / 3), n: 4 });
    expect(meanSd([5])).toEqual({ mean: 5, sd: 0, n: 1 });
  });

  it('formatStudyTables: accuracy mean ± sd per row, and the difference to the baseline paired by seed', () => {
    const record = (row: string, seed: number, overall: number) => studyRecord('hga', seed, row, { overall, C: overall, T: overall, D: overall });
    const results = { format: 'sparc-study/1', config: STUDY_FULL, teacher: {}, records: [record('baseline', 1, 30), record('baseline', 2, 32), record('T+S', 1, 28), record('T+S', 2, 35), record('S', 2, 31)] } as StudyResults;
    const lines = formatStudyTables(results);
    expect(lines.slice(0, 7)).toEqual([
      '### HGA: test accuracy (%, mean ± sd over seeds)',
      '',
      '| row | seeds | C | T | D | All | All − baseline, same seed |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| baseline | 2 | 31.0 ± 1.4 | 31.0 ± 1.4 | 31.0 ± 1.4 | 31.0 ± 1.4 |  |',
      // differences -2 and +3: mean +0.5, sample sd sqrt(12.5) = 3.54; the rows' own sd would be 4.9
      '| T+S | 2 | 31.5 ± 4.9 | 31.5 ± 4.9 | 31.5 ± 4.9 | 31.5 ± 4.9 | +0.5 ± 3.5 |',
      '| S | 1 | 31.0 | 31.0 | 31.0 | 31.0 | -1.0 |',
    ]);
  });

  it('causalAndRandomMasks: the causal positions, and a random subset of the same size', () => {
    const { causal, random } = causalAndRandomMasks([[1, 3], [0], []], 4, null, createRng(1));
    expect(Array.from(causal)).toEqual([0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    const rows = [0, 1, 2].map((b) => Array.from(random.subarray(b * 4, b * 4 + 4)));
    expect(rows.map((r) => r.reduce((s, x) => s + x, 0))).toEqual([2, 1, 0]);
    // Mapped positions (VGT grid): position k stands for teacher frame teacherFrameOf[k].
    const mapped = causalAndRandomMasks([[1]], 4, Int32Array.from([0, 0, 1, 1]), createRng(1));
    expect(Array.from(mapped.causal)).toEqual([0, 0, 1, 1]);
  });
});

describe.runIf(testBackend() === 'wasm')('sparc study --quick (what is robust at the tiny size)', () => {
  it('the teacher beats chance at finding causal frames, and SpARC fits the answer better from the causal frames than from random ones', async () => {
    const out = path.join(tmp, 'quick');
    const lines: string[] = [];
    const err: string[] = [];
    expect(await main(['study', '--quick', '--out', out, '--backend', 'wasm'], { out: (l) => lines.push(l), err: (l) => err.push(l) })).toBe(0);
    expect(err).toEqual([]);
    const results = JSON.parse(fs.readFileSync(path.join(out, 'study.json'), 'utf8')) as StudyResults;
    expect(results.records.map((r) => r.row)).toEqual(['baseline', 'T+S+TGM']);
    const sparc = results.records.find((r) => r.row === 'T+S+TGM')!;
    // Chance precision: the share of frames that are causal (a random pick's expected precision).
    const chance = sparc.evidence.uniformMass;
    expect(results.teacher['seed1']!.precision).toBeGreaterThan(chance + 0.1);
    // The guided loss trained on the teacher's causal frames: on the training questions the model answers
    // better from the ground-truth causal frames than from as many random frames.
    expect(sparc.trainEvidence.causalLoss).toBeLessThan(sparc.trainEvidence.randomLoss);
    // Gradient x input importance and its misfocus probe are recorded for every run (shares in [0, 1]).
    for (const r of results.records) {
      for (const share of [r.evidence.gradientMass, r.evidence.gradientTop1, r.misfocusGradient!]) {
        expect(share).toBeGreaterThanOrEqual(0);
        expect(share).toBeLessThanOrEqual(1);
      }
    }
    // The printed tables are the ones written to study.md.
    expect(fs.readFileSync(path.join(out, 'study.md'), 'utf8').trim().split('\n')).toEqual(formatStudyTables(results));
    expect(lines).toContain(formatStudyTables(results)[0]);
  }, 600_000);
});
