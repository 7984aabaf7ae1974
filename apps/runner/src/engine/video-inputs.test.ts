import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { DataError } from '../data/data-error.js';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import { writeSyntheticDataset } from '../synth/write-synthetic-dataset.js';
import { hasSplit, openQADataset } from './qa-dataset.js';
import { openVideoInputs, preloadVideoInputs } from './video-inputs.js';

// Made in beforeAll, so that a project that skips every test leaves no folder behind.
let tmp: ReturnType<typeof makeTempDir> | undefined;
let withVGT = '';
let hgaOnly = '';
afterAll(() => tmp?.remove());

// Host-side file reading only: one backend project is enough.
describe.runIf(testBackend() === 'cpu')('openVideoInputs / openQADataset per backbone', () => {
  beforeAll(async () => {
    tmp = makeTempDir('sparc-video-inputs-');
    withVGT = path.join(tmp.dir, 'vgt');
    hgaOnly = path.join(tmp.dir, 'hga');
    await writeSyntheticDataset({ out: withVGT, config: { preset: 'tiny', seed: 7, vgt: true } });
    await writeSyntheticDataset({ out: hgaOnly, config: { preset: 'tiny', seed: 7 } });
  });

  it('VGT: regions [8, 4, 5, F + 5] and frames [8, 4, F]; the time steps come from the HGA file (16)', async () => {
    const files = syntheticSplitFiles(withVGT, 'train');
    const csv = readNextQACsv(files.annotations);
    const v = await openVideoInputs('vgt', files, csv.file, csv.rows);
    try {
      expect(v.shapes).toEqual([[8, 4, 5, 13], [8, 4, 8]]);
      expect(v.steps).toBe(16);
      const rows = csv.rows.slice(0, 3);
      const [regions, frames] = v.read(rows);
      expect(regions!.length).toBe(3 * 8 * 4 * 5 * 13);
      expect(frames!.length).toBe(3 * 8 * 4 * 8);
      // The last 5 values of a region are VGT's box feature: x1/W, y1/H, x2/W, y2/H, (x2-x1+1)(y2-y1+1)/(W H).
      rows.forEach((row, i) => {
        for (let r = 0; r < 8 * 4 * 5; r += 7) {
          const at = (i * 8 * 4 * 5 + r) * 13 + 8;
          const [x1, y1, x2, y2, area] = Array.from(regions!.subarray(at, at + 5));
          const [W, H] = [row.width, row.height];
          expect(x1! * W).toBeCloseTo(Math.round(x1! * W), 3); // pixel boxes
          expect(area!).toBeCloseTo(((x2! - x1!) * W + 1) * ((y2! - y1!) * H + 1) / (W * H), 5);
          expect(x2!).toBeGreaterThan(x1!);
          expect(y2!).toBeGreaterThan(y1!);
        }
      });
      // Preloaded reads equal streamed reads, bit for bit, in any order and with repeats.
      const pre = preloadVideoInputs(v, csv.rows);
      const picked = [csv.rows[9]!, csv.rows[0]!, csv.rows[9]!];
      const [a, b] = [v.read(picked), pre.read(picked)];
      expect(Buffer.from(b[0]!.buffer).equals(Buffer.from(a[0]!.buffer))).toBe(true);
      expect(Buffer.from(b[1]!.buffer).equals(Buffer.from(a[1]!.buffer))).toBe(true);
    } finally {
      v.close();
    }
  });

  it('openQADataset: batches carry one array per video input, `video` = the first', async () => {
    const vgt = await openQADataset(withVGT, 'train', { backbone: 'vgt' });
    const hga = await openQADataset(withVGT, 'train');
    try {
      expect([vgt.backbone, vgt.clips, vgt.videoShapes]).toEqual(['vgt', 16, [[8, 4, 5, 13], [8, 4, 8]]]);
      expect([hga.backbone, hga.clips, hga.videoShapes, hga.videoDim]).toEqual(['hga', 16, [[16, 32]], 32]);
      const batch = vgt.batch([4, 1]);
      expect(batch.videos).toHaveLength(2);
      expect(batch.video).toBe(batch.videos[0]);
      expect(batch.videos[1]!.length).toBe(2 * 8 * 4 * 8);
      expect(batch.keys).toEqual([vgt.rows[4]!.key, vgt.rows[1]!.key]);
      const h = hga.batch([4, 1]);
      expect(h.videos).toHaveLength(1);
      expect(h.video.length).toBe(2 * 16 * 32);
      expect(Array.from(h.qa)).toEqual(Array.from(batch.qa)); // the QA side is shared
    } finally {
      vgt.close();
      hga.close();
    }
  });

  it('a dataset written without --vgt: hasSplit is false for VGT and opening it is a DataError naming the file', async () => {
    expect(hasSplit(hgaOnly, 'train')).toBe(true);
    expect(hasSplit(hgaOnly, 'train', 'vgt')).toBe(false);
    expect(hasSplit(withVGT, 'train', 'vgt')).toBe(true);
    const error = await openQADataset(hgaOnly, 'train', { backbone: 'vgt' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).file).toBe(syntheticSplitFiles(hgaOnly, 'train').vgtRegions);
    expect((error as Error).message).toMatch(/acregion_8c20b_train\.h5.*sparc synth --vgt/);
  });
});
