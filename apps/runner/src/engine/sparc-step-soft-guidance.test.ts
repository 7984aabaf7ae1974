// Soft guidance (TrainConfig.guidance 'soft', beyond the paper): the guided view's frames are drawn per step
// from sigmoid((p_k[a] - t) / tau). As tau -> 0 the step is the hard-selection step; the draws are seeded.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { sampleFrameMask } from '@sparc-vqa/selector';
import { SMALL_BENCH, type BenchPreset } from '../bench/bench-config.js';
import { benchData } from '../bench/bench-dataset.js';
import { benchAdapter, sparcStepConfig } from '../bench/run-bench.js';
import { AdamOptimizer, ADAM_DEFAULTS } from './adam-optimizer.js';
import { sparcTrainStep, type SparcStepConfig, type SparcStepContext, type StepMetrics } from './sparc-step.js';
import { resolveTrainConfig, TrainConfigError } from './train-config.js';

const preset: BenchPreset = {
  ...SMALL_BENCH, batch: 8, tokens: 6, tokenDim: 8, evalQuestions: 8,
  hga: { ...SMALL_BENCH.hga, clips: 6, videoDim: 10, hidden: 8, wordDim: 8, blockDim: 16, dropout: 0 },
};

function steps(config: SparcStepConfig, seeds: readonly number[]): StepMetrics[] {
  const data = benchData(preset, 'hga', 4);
  const adapter = benchAdapter(preset, 'hga', data, 9);
  const optimizer = new AdamOptimizer({ ...ADAM_DEFAULTS, learningRate: 1e-2 }, adapter.backbone.weights);
  const ctx: SparcStepContext = { adapter, optimizer, teacher: data.teacher, teacherFrames: data.frames, candidates: 5, tokens: preset.tokens, wordDim: preset.tokenDim };
  const out = seeds.map((s) => sparcTrainStep(ctx, data.batch, config, s, `step ${s}`));
  optimizer.dispose();
  adapter.backbone.dispose();
  return out;
}

describe('sparcTrainStep with soft guidance', () => {
  const hard: SparcStepConfig = { ...sparcStepConfig(), mixup: 'none' };

  it('tau -> 0 gives the hard selection: the same losses, frames and gradient norms, step after step', () => {
    const a = steps(hard, [3, 4, 5]);
    const b = steps({ ...hard, guidance: 'soft', softTemperature: 1e-6 }, [3, 4, 5]);
    expect(b).toEqual(a);
    expect(a[0]!.framesKept!).toBeGreaterThan(0);
  });

  it('draws the guided frames from the step seed: Bernoulli(sigmoid((p - t) / tau)) per frame (tau huge: 1/2 each)', () => {
    const soft: SparcStepConfig = { ...hard, guidance: 'soft', softTemperature: 1e6 };
    const [first, second] = steps(soft, [21, 22]);
    // Reproducible: the same seeds on a fresh model give the same step.
    expect(steps(soft, [21, 22])).toEqual([first, second]);
    // With tau = 1e6 every weight is sigmoid(~0) = 1/2: the kept frames are the draws of seed + 3 (rows
    // without any frame fall back to the hard selection, which has at least one frame with 'argmax').
    const data = benchData(preset, 'hga', 4);
    const hardFrames = steps(hard, [21])[0]!.framesKept!;
    expect(hardFrames).toBeGreaterThan(0);
    const weights = tf.fill([preset.batch, preset.hga.clips], 0.5) as tf.Tensor2D;
    for (const [seed, metrics] of [[21, first!], [22, second!]] as const) {
      const drawn = sampleFrameMask({ weights }, { seed: seed + 3 });
      const counts = Array.from(drawn.counts.dataSync());
      tf.dispose([drawn.mask, drawn.counts]);
      expect(counts.every((c) => c > 0)).toBe(true); // 8 rows x 6 frames at 1/2: no empty row for these seeds
      expect(metrics.framesKept!).toBeCloseTo(counts.reduce((s, c) => s + c, 0) / counts.length, 5);
    }
    expect(first!.framesKept).not.toBe(second!.framesKept);
    expect(data.frames).toBe(preset.hga.clips);
    weights.dispose();
  });

  it('the config validates guidance and tau (default: hard, tau 0.1)', () => {
    expect(resolveTrainConfig({ dataset: 'd', teacher: 't' })).toMatchObject({ guidance: 'hard', softTemperature: 0.1 });
    expect(() => resolveTrainConfig({ dataset: 'd', teacher: 't', guidance: 'fuzzy' as never })).toThrow(new TrainConfigError('guidance', 'fuzzy', 'must be hard or soft'));
    expect(() => resolveTrainConfig({ dataset: 'd', teacher: 't', softTemperature: 0 })).toThrow(new TrainConfigError('softTemperature', 0, 'must be a finite number > 0'));
  });
});
