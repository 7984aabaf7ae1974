import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { readGroundTruth, type GroundTruthFile, type GroundTruthQuestion, type GroundTruthVideo } from '../synth/ground-truth.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import { writeSyntheticDataset } from '../synth/write-synthetic-dataset.js';
import { swappedGroundTruth } from './swapped-ground-truth.js';

// girl: jump [0,2), cry [2,5), clap [9,11); boy: kick ball [5,9)
const video: GroundTruthVideo = {
  location: 'park',
  holding: { girl: 'cup', boy: 'ball' },
  events: [
    { actor: 'girl', action: 'jump', start: 0, end: 2 },
    { actor: 'girl', action: 'cry', start: 2, end: 5 },
    { actor: 'boy', action: 'kick ball', start: 5, end: 9 },
    { actor: 'girl', action: 'clap', start: 9, end: 11 },
  ],
};
const question = (type: GroundTruthQuestion['type'], anchor: number[], causal: number[]): GroundTruthQuestion => ({ type, causal, anchor, anchorCandidate: 1, target: 'action' });

describe('swappedGroundTruth', () => {
  it('TP "before crying" swapped to "after": the same actor next event, skipping the other actor', () => {
    expect(swappedGroundTruth(question('TP', [2, 3, 4], [0, 1]), video, 'after')).toEqual({ causal: [9, 10], action: 'clap' });
  });

  it('TN "after crying" swapped to "before": the same actor previous event', () => {
    expect(swappedGroundTruth(question('TN', [2, 3, 4], [9, 10]), video, 'before')).toEqual({ causal: [0, 1], action: 'jump' });
  });

  it('undefined when the actor has no event on that side, the anchor is no event, or the type has no temporal template', () => {
    expect(swappedGroundTruth(question('TN', [0, 1], [2, 3, 4]), video, 'before')).toBeUndefined();
    expect(swappedGroundTruth(question('TP', [9, 10], [2, 3, 4]), video, 'after')).toBeUndefined();
    expect(swappedGroundTruth(question('TP', [3, 4], [0, 1]), video, 'after')).toBeUndefined();
    expect(swappedGroundTruth(question('CW', [5, 6, 7, 8], [2, 3, 4]), video, 'after')).toBeUndefined();
    expect(swappedGroundTruth(question('TP', [], []), video, 'after')).toBeUndefined();
  });

  // Host-only code: once is enough (the wasm project).
  describe.runIf(testBackend() === 'wasm')('on a generated dataset', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-swap-gt-'));
    let gt: GroundTruthFile;
    let videoOf: Map<string, string>;
    beforeAll(async () => {
      await writeSyntheticDataset({ out: tmp, config: { preset: 'tiny', seed: 7 } });
      const files = syntheticSplitFiles(tmp, 'train');
      gt = readGroundTruth(files.groundTruth);
      videoOf = new Map(readNextQACsv(files.annotations).rows.map((r) => [r.key, r.video]));
    });
    afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it('swapping twice gives back the original causal steps (TP -> after -> before = the generator answer)', () => {
      let checked = 0;
      for (const [key, q] of Object.entries(gt.questions)) {
        if (q.type !== 'TP' && q.type !== 'TN') continue;
        const v = gt.videos[videoOf.get(key)!]!;
        // The original relation recomputed from the script equals the generator's ground truth.
        const own = swappedGroundTruth(q, v, q.type === 'TP' ? 'before' : 'after');
        expect(own?.causal, key).toEqual(q.causal);
        const moved = swappedGroundTruth(q, v, q.type === 'TP' ? 'after' : 'before');
        if (moved) expect(moved.causal.some((s) => q.causal.includes(s)), key).toBe(false);
        checked += 1;
      }
      expect(checked).toBeGreaterThan(5);
    });
  });
});
