import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { SMALL_BENCH, type BenchPreset } from './bench-config.js';
import { runBench } from './run-bench.js';

const tiny: BenchPreset = {
  ...SMALL_BENCH,
  batch: 4,
  tokens: 6,
  tokenDim: 8,
  hga: { ...SMALL_BENCH.hga, clips: 4, videoDim: 8, hidden: 8, wordDim: 8, blockDim: 16 },
  vgt: { ...SMALL_BENCH.vgt, clips: 2, featureDim: 8, dModel: 8, ffDim: 8, heads: 2, boxHidden: 4 },
  evalQuestions: 8,
};

describe.runIf(testBackend() === 'wasm')('runBench', () => {
  it('measures both backbones with the engine step, frees its tensors and records the context', () => {
    const before = tf.memory().numTensors;
    const lines: string[] = [];
    const report = runBench({ preset: tiny, backbones: ['hga', 'vgt'], runs: 2, warmup: 1, seed: 5, backend: 'wasm', versions: { 'tfjs-core': tf.version_core }, log: (l) => lines.push(l) });
    expect(tf.memory().numTensors).toBe(before);
    for (const b of [report.hga!, report.vgt!]) {
      for (const x of [b.forwardMs, b.baselineStepMs, b.sparcStepMs, b.evalQuestionsPerSec, b.peakRssMB]) expect(x).toBeGreaterThan(0);
      expect(b.runsMs.baseline).toHaveLength(2);
      expect(b.baselineStepMs).toBeCloseTo((b.runsMs.baseline[0]! + b.runsMs.baseline[1]!) / 2, 6);
    }
    expect(report).toMatchObject({ backend: 'wasm', batch: 4, preset: 'small', runs: 2, warmup: 1 });
    expect(report.machine.cpus).toBeGreaterThan(0);
    // 1 warm-up + 2 runs of 3 measurements + 1 eval run, per backbone.
    expect(lines.filter((l) => l.startsWith('hga '))).toHaveLength(10);
    expect(lines.filter((l) => l.startsWith('vgt '))).toHaveLength(10);
  });
});
