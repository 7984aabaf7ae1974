import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { main } from '../main.js';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { openHGAVideoFeatures } from '../data/hdf5/hga-video-features.js';
import { openVGTFrameFeatures } from '../data/hdf5/vgt-frame-features.js';
import { openVGTRegionFeatures } from '../data/hdf5/vgt-region-features.js';
import { qaTokens } from './qa-token-encoder.js';
import { ACTIONS } from './lexicon.js';
import { openSyntheticSplit, type SyntheticSplit } from './open-synthetic-split.js';
import { resolveSynthConfig } from './synth-config.js';
import { syntheticSplitFiles } from './synth-layout.js';
import { writeSyntheticDataset, type SyntheticDatasetSummary } from './write-synthetic-dataset.js';

const tmp = makeTempDir('sparc-synth-');
afterAll(() => tmp.remove());
const dirA = path.join(tmp.dir, 'a');

describe.runIf(testBackend() === 'cpu')('writeSyntheticDataset (tiny preset)', () => {
  let summary: SyntheticDatasetSummary;
  let train: SyntheticSplit;
  beforeAll(async () => {
    summary = await writeSyntheticDataset({ out: dirA, config: { preset: 'tiny', seed: 7 } });
    train = await openSyntheticSplit(dirA, 'train');
  });
  afterAll(() => train?.close());

  it('writes every split in the reference layouts with consistent sizes', async () => {
    const c = summary.config;
    expect(summary.splits.train.videos).toBe(16);
    expect(train.annotations.rows).toHaveLength(summary.splits.train.questions);
    expect([train.video.clips, train.video.dim]).toEqual([16, c.videoDim]);
    expect([train.qa.questions, train.qa.candidates, train.qa.tokens, train.qa.dim]).toEqual([summary.splits.train.questions, 5, c.tokens, c.wordDim]);
    expect([train.teacher.frames, train.teacher.dim]).toEqual([16, c.teacherDim]);
    expect(train.video.ids).toEqual(train.teacher.ids);
    for (const split of ['val', 'test']) (await openSyntheticSplit(dirA, split)).close();
    const row = train.annotations.rows[0]!;
    expect(row.frameCount).toBe(16 * c.framesPerClip);
    const { frameIndices } = train.teacher.read([row.video]);
    expect(Array.from(frameIndices)).toEqual(Array.from({ length: 16 }, (_, k) => k * c.framesPerClip));
    const manifest = JSON.parse(readFileSync(path.join(dirA, 'synth.json'), 'utf8'));
    expect(manifest.format).toBe('sparc-synth/1');
    expect(manifest.config).toEqual(c);
    expect(manifest.vocabulary.words.jumped).toBe('jump');
  });

  it('QA token features hold "[CLS] question [SEP] candidate [SEP]" and zero rows after it', () => {
    const rows = train.annotations.rows.slice(0, 6);
    const { features, lengths } = train.qa.read(rows.map((r) => r.row));
    const { tokens: L, dim: D } = train.qa;
    rows.forEach((r, i) => {
      r.candidates.forEach((cand, c) => {
        const expected = qaTokens(r.question, cand, L).tokens.length;
        expect(lengths[i * 5 + c]).toBe(expected);
        const block = features.subarray(((i * 5 + c) * L) * D, ((i * 5 + c + 1) * L) * D);
        expect(block.subarray(expected * D).every((v) => v === 0)).toBe(true);
      });
    });
    // The same word gets the same token feature (question text determines the features).
    const q = rows.find((r) => r.question.startsWith('what did the'));
    if (q !== undefined) {
      const at = (cand: number, t: number) => Array.from(features.subarray(((rows.indexOf(q) * 5 + cand) * L + t) * D, ((rows.indexOf(q) * 5 + cand) * L + t + 1) * D));
      expect(at(0, 1)).toEqual(at(1, 1));
    }
  });

  it('every causal/temporal question has the misfocus trap and within-video distractors', () => {
    const gt = train.groundTruth;
    let checked = 0;
    for (const r of train.annotations.rows) {
      const q = gt.questions[r.key]!;
      expect(q.type).toBe(r.type);
      expect(new Set(r.candidates).size).toBe(5);
      expect(q.causal.length).toBeGreaterThan(0);
      if (r.type[0] === 'D') {
        expect(q.anchor).toEqual([]);
        continue;
      }
      checked += 1;
      const events = gt.videos[r.video]!.events;
      const anchor = events.find((e) => e.start === q.anchor[0])!;
      const answer = events.find((e) => e.start === q.causal[0])!;
      // The question names the anchor (actor and action), never the answer event's action ...
      expect(r.question).toContain(` ${anchor.actor} `);
      const anchorAction = ACTIONS.find((a) => a.base === anchor.action)!;
      expect([anchorAction.base, anchorAction.past, anchorAction.ing].some((form) => r.question.endsWith(form))).toBe(true);
      // ... whose frames do not hold the answer: disjoint steps, and they show another candidate.
      expect(q.anchor.some((s) => q.causal.includes(s))).toBe(false);
      expect(r.candidates[r.answer]).toBe(answer.action);
      expect(r.candidates[q.anchorCandidate]).toBe(anchor.action);
      expect(q.anchorCandidate).not.toBe(r.answer);
      // The answer action occurs only in the causal event; at least two wrong candidates occur in the video.
      expect(events.filter((e) => e.action === answer.action)).toHaveLength(1);
      const inVideo = r.candidates.filter((c, i) => i !== r.answer && events.some((e) => e.action === c));
      expect(inVideo.length).toBeGreaterThanOrEqual(2);
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('is deterministic from the seed and different for another seed', async () => {
    const dirB = path.join(tmp.dir, 'b');
    const dirC = path.join(tmp.dir, 'c');
    await writeSyntheticDataset({ out: dirB, config: { preset: 'tiny', seed: 7 } });
    await writeSyntheticDataset({ out: dirC, config: { preset: 'tiny', seed: 8 } });
    for (const split of ['train', 'test']) {
      const [a, b, c] = [dirA, dirB, dirC].map((d) => syntheticSplitFiles(d, split));
      expect(readFileSync(b!.annotations, 'utf8')).toBe(readFileSync(a!.annotations, 'utf8'));
      expect(readFileSync(b!.groundTruth, 'utf8')).toBe(readFileSync(a!.groundTruth, 'utf8'));
      expect(readFileSync(c!.annotations, 'utf8')).not.toBe(readFileSync(a!.annotations, 'utf8'));
      const [fa, fb] = await Promise.all([openHGAVideoFeatures(a!.video), openHGAVideoFeatures(b!.video)]);
      expect(fb.read(fb.ids)).toEqual(fa.read(fa.ids));
      fa.close();
      fb.close();
    }
  });

  it('frames per video 8 and 32, and the optional VGT files in their layouts', async () => {
    const dir = path.join(tmp.dir, 'vgt');
    const s = await writeSyntheticDataset({ out: dir, config: { preset: 'tiny', frames: 32, vgt: true, videos: { train: 4, val: 2, test: 2 } } });
    const files = s.splits.val.files;
    const regions = await openVGTRegionFeatures(files.vgtRegions, { regions: 5 });
    const frames = await openVGTFrameFeatures(files.vgtFrames);
    const split = await openSyntheticSplit(dir, 'val');
    try {
      expect([regions.clips, regions.frames, regions.storedRegions, regions.dim]).toEqual([8, 4, 5, 8]);
      expect([frames.clips, frames.frames, frames.dim]).toEqual([8, 4, 8]);
      expect(split.video.clips).toBe(32);
      const row = split.annotations.rows[0]!;
      const out = regions.read([row.video], [row]);
      for (let i = 0; i < out.length; i += 13) {
        const box = out.subarray(i + 8, i + 13);
        expect(box.every((v) => v >= 0 && v <= 1)).toBe(true);
        expect(box[2]! > box[0]! && box[3]! > box[1]!).toBe(true);
      }
    } finally {
      regions.close();
      frames.close();
      split.close();
    }
    const eight = await writeSyntheticDataset({ out: path.join(tmp.dir, 'eight'), config: { preset: 'tiny', frames: 8, videos: { train: 3, val: 2, test: 2 } } });
    expect(eight.config.frames).toBe(8);
    expect(JSON.parse(readFileSync(eight.splits.test.files.groundTruth, 'utf8')).frames).toBe(8);
  });

  it('validates options', () => {
    expect(() => resolveSynthConfig({ frames: 12 as 16 })).toThrow('synth: frames must be 8, 16 or 32, got 12');
    expect(() => resolveSynthConfig({ questionMix: { CW: -1 } })).toThrow('synth: questionMix.CW must be a finite number >= 0, got -1');
    expect(() => resolveSynthConfig({ videoDim: 33 })).toThrow('synth: videoDim must be even');
    expect(resolveSynthConfig({ preset: 'reference' })).toMatchObject({ videoDim: 4096, tokens: 37, wordDim: 768, vgtSizes: { regions: 20, regionDim: 2048, frameDim: 2048 } });
  });

  it('`sparc synth` writes the dataset and prints its summary; bad options exit with code 1', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const dir = path.join(tmp.dir, 'cli');
    expect(await main(['synth', '--preset', 'tiny', '--out', dir, '--videos-train', '3', '--videos-val', '2', '--videos-test', '2', '--mix', 'DL=0,DC=0', '--seed', '3'], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toBe(`wrote the synthetic benchmark (preset tiny, seed 3) to ${dir}`);
    expect(out[2]).toMatch(/^ {2}train: 3 videos, \d+ questions/);
    expect(out.join('\n')).not.toMatch(/DL|DC/);
    const bad: string[] = [];
    expect(await main(['synth', '--out', dir, '--mix', 'XX=1'], { out: () => {}, err: (l) => bad.push(l) })).toBe(1);
    expect(bad).toEqual(["sparc: UsageError: --mix: expected TYPE=weight pairs with TYPE in CW CH TN TC TP DC DL DO, got 'XX=1'"]);
    bad.length = 0;
    expect(await main(['synth', '--out', dir, '--video-dim', 'big'], { out: () => {}, err: (l) => bad.push(l) })).toBe(1);
    expect(bad).toEqual(["sparc: UsageError: --video-dim: expected a number, got 'big'"]);
  });
});
