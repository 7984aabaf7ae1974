import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { DataError } from '../data-error.js';
import type { NextQARow } from '../nextqa/nextqa-row.js';
import { makeTempDir } from '../testing/temp-dir.js';
import { checkVideoCoverage } from './check-video-coverage.js';
import { createH5File, createRowDataset, writeDataset, writeIds } from './h5-writer.js';
import { openHGAVideoFeatures } from './hga-video-features.js';
import { openQATokenFeatures } from './qa-token-features.js';
import { openTeacherFrames } from './teacher-frames.js';
import { boxFeature, openVGTRegionFeatures } from './vgt-region-features.js';
import { openVGTFrameFeatures } from './vgt-frame-features.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());
const at = (name: string) => path.join(tmp.dir, name);
const ramp = (n: number, scale = 1) => Float32Array.from({ length: n }, (_, i) => (i + 1) * scale);
const IDS = ['4010069381', '4882821564', '2435100235'];

async function write(name: string, fill: (f: Awaited<ReturnType<typeof createH5File>>) => void): Promise<string> {
  const f = await createH5File(at(name));
  try {
    fill(f);
  } finally {
    f.close();
  }
  return at(name);
}

describe.runIf(testBackend() === 'cpu')('HDF5 feature readers (reference layouts, small sizes)', () => {
  let hga = '';
  let qa = '';
  beforeAll(async () => {
    // app_mot: ids [3] int64, feat [3, 4 clips, 6]; row r holds ramp values offset by 1000 r.
    hga = await write('app_mot_val.h5', (f) => {
      writeIds(f, 'ids', IDS);
      const w = createRowDataset(f, 'feat', [3, 4, 6]);
      for (let r = 0; r < 3; r += 1) w.write(r, ramp(24).map((v) => v + 1000 * r));
    });
    // bert_ft: feat [2 questions, 5 candidates, 4 tokens, 3]; candidate c of question q has c+1 tokens
    // (question 1, candidate 4: 4 tokens), zero rows after.
    qa = await write('bert_ft_val.h5', (f) => {
      const w = createRowDataset(f, 'feat', [2, 5, 4, 3]);
      for (let q = 0; q < 2; q += 1) {
        const row = new Float32Array(5 * 4 * 3);
        for (let c = 0; c < 5; c += 1) for (let t = 0; t < Math.min(c + 1, 4); t += 1) row.fill(q + c + t + 1, (c * 4 + t) * 3, (c * 4 + t + 1) * 3);
        w.write(q, row);
      }
    });
  });

  it('HGA app+motion: maps ids to rows and reads any batch by slices, in request order', async () => {
    const r = await openHGAVideoFeatures(hga, { clips: 4 });
    try {
      expect([r.clips, r.dim]).toEqual([4, 6]);
      expect(r.ids).toEqual(IDS);
      const batch = r.read([IDS[2]!, IDS[0]!, IDS[1]!]);
      expect(batch.length).toBe(3 * 24);
      expect(batch[0]).toBe(2001);
      expect(batch[24]).toBe(1);
      expect(batch[48 + 23]).toBe(1024);
      expect(() => r.read(['999'])).toThrow("app_mot_val.h5: dataset 'ids': expected an entry for video '999', got no such id among 3");
    } finally {
      r.close();
    }
    await expect(openHGAVideoFeatures(hga, { clips: 16 })).rejects.toThrow("app_mot_val.h5: dataset 'feat': expected shape [3, 16, *], got [3, 4, 6]");
  });

  it('QA token features: rows by CSV index, lengths = leading non-zero token rows', async () => {
    const r = await openQATokenFeatures(qa, { questions: 2, candidates: 5 });
    try {
      const { features, lengths } = r.read([1, 0]);
      expect(Array.from(lengths)).toEqual([1, 2, 3, 4, 4, 1, 2, 3, 4, 4]);
      expect(features[0]).toBe(2); // question 1, candidate 0, token 0
      expect(() => r.read([2])).toThrow("bert_ft_val.h5: dataset 'feat' row 2: expected a row below 2, got row 2");
    } finally {
      r.close();
    }
    await expect(openQATokenFeatures(qa, { questions: 4996 })).rejects.toThrow("bert_ft_val.h5: dataset 'feat': expected shape [4996, *, *, *], got [2, 5, 4, 3]");
  });

  it('VGT regions: keeps the first bnum regions and appends the 5-d box feature with W, H from the CSV', async () => {
    const file = await write('acregion_8c20b_val.h5', (f) => {
      writeIds(f, 'ids', IDS.slice(0, 2));
      writeDataset(f, 'feat', [2, 2, 1, 3, 2], ramp(2 * 2 * 1 * 3 * 2));
      const box = new Float32Array(2 * 2 * 1 * 3 * 4);
      for (let i = 0; i < box.length; i += 4) box.set([10, 20, 109, 69], i);
      writeDataset(f, 'bbox', [2, 2, 1, 3, 4], box);
    });
    const r = await openVGTRegionFeatures(file, { regions: 2 });
    try {
      expect([r.clips, r.frames, r.regions, r.storedRegions, r.dim]).toEqual([2, 1, 2, 3, 2]);
      const out = r.read([IDS[1]!], [{ width: 200, height: 100 }]);
      expect(out.length).toBe(2 * 1 * 2 * 7);
      const expectedBox = boxFeature(10, 20, 109, 69, { width: 200, height: 100 });
      expect(expectedBox).toEqual([0.05, 0.2, 0.545, 0.69, (100 * 50) / 20000]);
      expect(Array.from(out.subarray(0, 7))).toEqual([13, 14, ...expectedBox].map(Math.fround));
      expect(Array.from(out.subarray(7, 9))).toEqual([15, 16]); // region 1 of clip 0
      expect(Array.from(out.subarray(14, 16))).toEqual([19, 20]); // clip 1 skips stored region 2 (17, 18)
    } finally {
      r.close();
    }
    await expect(openVGTRegionFeatures(file, { regions: 5 })).rejects.toThrow("dataset 'feat': expected at least 5 regions per frame (bnum), got 3");
    const bad = await write('bad_bbox.h5', (f) => {
      writeIds(f, 'ids', IDS.slice(0, 2));
      writeDataset(f, 'feat', [2, 2, 1, 3, 2], ramp(24));
      writeDataset(f, 'bbox', [2, 2, 1, 2, 4], new Float32Array(32));
    });
    await expect(openVGTRegionFeatures(bad, { regions: 1 })).rejects.toThrow("bad_bbox.h5: dataset 'bbox': expected shape [2, 2, 1, 3, 4], got [2, 2, 1, 2, 4]");
  });

  it('VGT frames and teacher frames: ids, shapes and integer frame indices', async () => {
    const frames = await write('app_feat_val.h5', (f) => {
      writeIds(f, 'ids', ['a1', 'b2']);
      writeDataset(f, 'resnet_features', [2, 2, 2, 3], ramp(24));
    });
    const vf = await openVGTFrameFeatures(frames);
    expect(vf.ids).toEqual(['a1', 'b2']);
    expect(Array.from(vf.read(['b2']).subarray(0, 2))).toEqual([13, 14]);
    vf.close();
    const teacher = await write('teacher_frames_val.h5', (f) => {
      writeIds(f, 'ids', IDS.slice(0, 2));
      writeDataset(f, 'frames', [2, 3, 2], ramp(12));
      writeDataset(f, 'frame_indices', [2, 3], Int32Array.from([0, 8, 16, 0, 8, 16]), '<i');
    });
    const t = await openTeacherFrames(teacher);
    const batch = t.read([IDS[1]!]);
    expect(Array.from(batch.frames)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(Array.from(batch.frameIndices)).toEqual([0, 8, 16]);
    t.close();
  });

  it('names the file and dataset for a missing dataset, wrong dtype, duplicate ids, missing and non-HDF5 files', async () => {
    const noFeat = await write('no_feat.h5', (f) => writeIds(f, 'ids', IDS));
    await expect(openHGAVideoFeatures(noFeat)).rejects.toThrow("no_feat.h5: dataset 'feat': expected a dataset, got none (the file has ids)");
    const intFeat = await write('int_feat.h5', (f) => {
      writeIds(f, 'ids', IDS);
      writeDataset(f, 'feat', [3, 1, 1], Int32Array.from([1, 2, 3]), '<i');
    });
    await expect(openHGAVideoFeatures(intFeat)).rejects.toThrow("int_feat.h5: dataset 'feat': expected a float dataset, got dtype '<i'");
    const dup = await write('dup.h5', (f) => {
      writeIds(f, 'ids', ['7', '8', '7']);
      writeDataset(f, 'feat', [3, 1, 1], ramp(3));
    });
    await expect(openHGAVideoFeatures(dup)).rejects.toThrow("dup.h5: dataset 'ids' row 2: expected unique ids, got '7' again (first at row 0)");
    const rows = await write('rows.h5', (f) => {
      writeIds(f, 'ids', IDS);
      writeDataset(f, 'feat', [2, 1, 1], ramp(2));
    });
    await expect(openHGAVideoFeatures(rows)).rejects.toThrow("rows.h5: dataset 'feat': expected shape [3, *, *], got [2, 1, 1]");
    await expect(openHGAVideoFeatures(at('none.h5'))).rejects.toThrow(/none.h5: file: expected an HDF5 file, got no such file/);
    writeFileSync(at('text.h5'), 'video,question\n');
    await expect(openHGAVideoFeatures(at('text.h5'))).rejects.toThrow(DataError);
    await expect(openHGAVideoFeatures(at('text.h5'))).rejects.toThrow(/text.h5: file: expected an HDF5 file \(signature \\x89HDF\), got another format/);
    const zeroCandidate = await write('zero.h5', (f) => writeDataset(f, 'feat', [1, 2, 2, 1], Float32Array.from([1, 0, 0, 0])));
    const q = await openQATokenFeatures(zeroCandidate);
    expect(() => q.read([0])).toThrow("zero.h5: dataset 'feat' row 0: expected a non-zero first token row for every candidate, got candidate 1 starts with a zero row");
    q.close();
  });

  it('reports videos of the annotations that a feature file lacks', async () => {
    const r = await openHGAVideoFeatures(hga);
    const rows = ['4010069381', '1', '2', '3', '4'].map((video, row) => ({ video, row }) as unknown as NextQARow);
    expect(() => checkVideoCoverage('val.csv', rows.slice(0, 1), [r])).not.toThrow();
    expect(() => checkVideoCoverage('val.csv', rows, [r])).toThrow("app_mot_val.h5: dataset 'ids': expected every video of val.csv (5), got 4 missing ('1', '2', '3', ...)");
    r.close();
  });
});
