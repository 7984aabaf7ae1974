// The SpARC step with shared views (one encoding for the whole, guided and single-frame views: HGA's QA
// side and video projection, VGT's regions, frames and tokens; the adapters' sharedViews) equals the step on the batch tiled once per view: losses, metrics and every
// gradient of the first step, metrics of the second (dropout 0, so that both paths draw nothing at random
// but the step's seeds). Weights after Adam are not compared tightly: Adam turns float noise in
// near-zero gradients into updates of size ~lr.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { expectTensorClose, testBackend } from '@sparc-vqa/testing';
import { SMALL_BENCH, type BenchPreset } from '../bench/bench-config.js';
import { benchData } from '../bench/bench-dataset.js';
import { benchAdapter, sparcStepConfig } from '../bench/run-bench.js';
import { AdamOptimizer, ADAM_DEFAULTS } from './adam-optimizer.js';

/** Adam that keeps a copy of the first gradients it applies, keyed by weight name. */
class RecordingAdam extends AdamOptimizer {
  first: Map<string, tf.Tensor> | null = null;
  override apply(grads: tf.NamedTensorMap): tf.Scalar {
    if (this.first === null) {
      const byVariable = new Map([...this.weightsByName].map(([name, w]) => [w.name, name]));
      this.first = new Map(Object.entries(grads).map(([v, g]) => [byVariable.get(v)!, tf.keep(tf.clone(g))]));
    }
    return super.apply(grads);
  }
  constructor(readonly weightsByName: ReadonlyMap<string, tf.Variable>) {
    super({ ...ADAM_DEFAULTS, learningRate: 1e-2 }, weightsByName);
  }
}
import { sparcTrainStep, type SparcStepContext } from './sparc-step.js';

const preset: BenchPreset = {
  ...SMALL_BENCH, batch: 6, tokens: 6, tokenDim: 8, evalQuestions: 6,
  hga: { ...SMALL_BENCH.hga, clips: 6, videoDim: 10, hidden: 8, wordDim: 8, blockDim: 16, dropout: 0 },
  vgt: { ...SMALL_BENCH.vgt, clips: 4, framesPerClip: 2, featureDim: 8, dModel: 8, ffDim: 8, heads: 2, boxHidden: 4, dropout: 0 },
};

describe.runIf(testBackend() === 'wasm')('sparcTrainStep with shared views', () => {
  it.each(['hga', 'vgt'] as const)('%s: matches the tiled batch: same metrics, the same gradients', (backbone) => {
    const data = benchData(preset, backbone, 4);
    const run = (shared: boolean) => {
      const base = benchAdapter(preset, backbone, data, 9);
      expect(base.sharedViews).toBe(true);
      const adapter = { ...base, sharedViews: shared };
      const optimizer = new RecordingAdam(adapter.backbone.weights);
      const ctx: SparcStepContext = { adapter, optimizer, teacher: data.teacher, teacherFrames: data.frames, candidates: 5, tokens: preset.tokens, wordDim: preset.tokenDim };
      const metrics = [sparcTrainStep(ctx, data.batch, sparcStepConfig(), 17, 'a'), sparcTrainStep(ctx, data.batch, sparcStepConfig(), 18, 'b')];
      optimizer.dispose();
      return { metrics, backbone: adapter.backbone, grads: optimizer.first! };
    };
    const shared = run(true);
    const tiled = run(false);
    for (let i = 0; i < 2; i++) {
      const [a, b] = [shared.metrics[i]!, tiled.metrics[i]!];
      expect(a.whole).toBe(b.whole);
      for (const key of ['loss', 'guided', 'consistency', 'spatial', 'gradNorm', 'accuracy', 'framesKept', 'lambda'] as const) {
        expect(a[key], key).not.toBeNull();
        expect(a[key]!, key).toBeCloseTo(b[key]!, 4);
      }
    }
    expect(shared.metrics[0]!.spatial!).toBeGreaterThan(0);
    expect([...shared.grads.keys()].sort()).toEqual([...tiled.grads.keys()].sort());
    expect(shared.grads.size).toBeGreaterThan(20);
    for (const [name, g] of shared.grads) expectTensorClose(g, tiled.grads.get(name)!, { atol: 1e-6, rtol: 1e-3 });
    // The two models moved away from their common start.
    const start = benchAdapter(preset, backbone, data, 9).backbone;
    const moved = [...start.weights].some(([name, w]) => tf.max(tf.abs(tf.sub(w, shared.backbone.weights.get(name)!))).dataSync()[0]! > 1e-4);
    expect(moved).toBe(true);
    for (const m of [shared.backbone, tiled.backbone, start]) m.dispose();
    tf.dispose([...shared.grads.values(), ...tiled.grads.values()]);
  });
});
