import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { makeTempDir } from '../data/testing/temp-dir.js';
import { analyzeSyntheticBenchmark, type BenchmarkAnalysis } from './analyze-benchmark.js';
import { formatAnalysisTable } from './format-analysis-table.js';
import { writeSyntheticDataset } from './write-synthetic-dataset.js';

const tmp = makeTempDir('sparc-analysis-');
afterAll(() => tmp.remove());

describe.runIf(testBackend() === 'cpu')('analyzeSyntheticBenchmark: where the answer is (tiny preset)', () => {
  let video: BenchmarkAnalysis;
  let teacher: BenchmarkAnalysis;
  beforeAll(async () => {
    const dir = path.join(tmp.dir, 'tiny');
    await writeSyntheticDataset({ out: dir, config: { preset: 'tiny' } });
    video = await analyzeSyntheticBenchmark({ dir });
    teacher = await analyzeSyntheticBenchmark({ dir, features: 'teacher' });
  });

  it.each(['C', 'T'] as const)('%s: recoverable from the causal frames, not from the anchor, one random frame or the rest', (group) => {
    for (const a of [video, teacher]) {
      expect(a.causal[group]!.count).toBeGreaterThanOrEqual(5);
      expect(a.causal[group]!.percent).toBeGreaterThanOrEqual(90);
      expect(a.anchor[group]!.percent).toBeLessThanOrEqual(10);
      expect(a.anchorPointsToAnchor[group]!.percent).toBeGreaterThanOrEqual(70);
      expect(a.randomFrame[group]!.percent).toBeLessThanOrEqual(35);
      expect(a.allFrames[group]!.percent).toBeLessThanOrEqual(40);
      expect(a.nonCausal[group]!.percent).toBeLessThanOrEqual(10);
    }
  });

  it('descriptive questions have no anchor and are answerable from their causal frames', () => {
    expect(video.anchor.D).toBeUndefined();
    expect(video.causal.D!.percent).toBeGreaterThan(video.randomFrame.D!.percent);
    const table = formatAnalysisTable(video);
    expect(table[0]).toMatch(/^\| oracle sees \| C \(n=\d+\) \| T \(n=\d+\) \| D \(n=\d+\) \| All \(n=\d+\) \|$/);
    expect(table).toHaveLength(9);
  });
});
