// `sparc bench` (issue 8): per backbone, the inference forward pass, the engine's real baseline and SpARC
// training steps (sparcTrainStep with the backbone adapter, Adam, teacher T+S+TGM) and evaluation
// throughput (predictSplit) on seeded random inputs at a preset's shapes; warm-up, then the median of
// N runs; peak RSS sampled after every run.
import os from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { createHGA } from '@sparc-vqa/backbones';
import { AdamOptimizer, ADAM_DEFAULTS } from '../engine/adam-optimizer.js';
import type { BackboneAdapter } from '../engine/backbone-adapter.js';
import { hgaAdapter } from '../engine/hga-adapter.js';
import { predictSplit } from '../engine/predict.js';
import { sparcTrainStep, type SparcStepConfig, type SparcStepContext } from '../engine/sparc-step.js';
import { TRAIN_DEFAULTS, TRAIN_PRESETS, stepSeed } from '../engine/train-config.js';
import { createVGTFor, vgtAdapter } from '../engine/vgt-adapter.js';
import type { BenchBackbone, BenchPreset } from './bench-config.js';
import { benchData, type BenchData } from './bench-dataset.js';
import type { BackboneBench, BenchMachine, BenchReport } from './bench-result.js';
import { median } from './median.js';

/** Options of `runBench`. */
export interface RunBenchOptions {
  readonly preset: BenchPreset;
  readonly backbones: readonly BenchBackbone[];
  /** Timed runs per measurement (the median is reported). */
  readonly runs: number;
  /** Untimed runs before them. */
  readonly warmup: number;
  readonly seed: number;
  /** The active backend's name as the CLI reports it, and the package versions. */
  readonly backend: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly log?: (line: string) => void;
}

/** The step settings of the SpARC method as `sparc train` defaults them (T + S + TGM, t = 0.5). */
export function sparcStepConfig(): SparcStepConfig {
  return { ...TRAIN_DEFAULTS };
}

/** Plain training of the backbone: no guidance, no mixup. */
export function baselineStepConfig(): SparcStepConfig {
  return { ...TRAIN_DEFAULTS, temporal: false, spatial: false, mixup: 'none' };
}

/** The adapter `sparc train` would build for `backbone` at `preset`'s sizes. */
export function benchAdapter(preset: BenchPreset, backbone: BenchBackbone, data: BenchData, seed: number): BackboneAdapter {
  if (backbone === 'hga') {
    const h = preset.hga;
    const hga = createHGA({
      videoDim: h.videoDim, tokenDim: preset.tokenDim, hiddenSize: h.hidden, wordDim: h.wordDim, dropout: h.dropout,
      blockMmDim: h.blockDim, blockChunks: h.blockChunks, blockRank: h.blockRank, seed,
    });
    return hgaAdapter(hga, data.dataset);
  }
  const v = preset.vgt;
  const sizes = { dModel: v.dModel, ffDim: v.ffDim, numHeads: v.heads, boxHiddenDim: v.boxHidden, dropout: v.dropout, seed };
  return vgtAdapter(createVGTFor(data.dataset, 'steps', sizes), data.dataset, 'steps');
}

function wasmHeapMB(): number | null {
  if (tf.getBackend() !== 'wasm') return null;
  const wasm = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm;
  return wasm?.HEAPU8 ? wasm.HEAPU8.byteLength / 2 ** 20 : null;
}

/** Measures one backbone. */
export function benchBackbone(options: RunBenchOptions, backbone: BenchBackbone): BackboneBench {
  const { preset, seed } = options;
  const log = options.log ?? (() => {});
  const data = benchData(preset, backbone, seed);
  const adapter = benchAdapter(preset, backbone, data, seed);
  const train = backbone === 'vgt' ? TRAIN_PRESETS['nextqa-vgt']! : TRAIN_PRESETS['nextqa-hga']!;
  const optimizer = new AdamOptimizer({ ...ADAM_DEFAULTS, learningRate: train.lr!, clipNorm: train.clipNorm ?? 0 }, adapter.backbone.weights);
  const ctx: SparcStepContext = {
    adapter, optimizer, teacher: data.teacher, teacherFrames: data.frames, candidates: preset.candidates, tokens: preset.tokens, wordDim: preset.tokenDim,
  };
  let peakRss = 0;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss / 2 ** 20);
  };
  const errors: Record<string, string> = {};
  // A failing measurement (e.g. the wasm heap's 4 GiB limit) is recorded and reported, not fatal.
  const time = (name: string, run: (i: number) => void, runs = options.runs, warmup = options.warmup): number[] => {
    const out: number[] = [];
    try {
      for (let i = 0; i < warmup + runs; i++) {
        const t0 = performance.now();
        run(i);
        const elapsed = performance.now() - t0;
        sample();
        if (i >= warmup) out.push(elapsed);
        log(`${backbone} ${name} ${i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`}: ${elapsed.toFixed(0)} ms`);
      }
    } catch (error) {
      errors[name] = (error as Error).message.split('\n')[0]!;
      log(`${backbone} ${name} failed: ${errors[name]}`);
      return [];
    }
    return out;
  };
  const B = preset.batch;
  try {
    const forward = time('forward', () => {
      const logits = tf.tidy(() =>
        adapter.backbone.call(
          adapter.inputs(
            adapter.video(data.batch),
            tf.tensor4d(data.batch.qa, [B, preset.candidates, preset.tokens, preset.tokenDim]),
            tf.tensor2d(data.batch.qaLengths, [B, preset.candidates], 'int32'),
          ),
        ).logits,
      );
      logits.dataSync();
      logits.dispose();
    });
    // One pass over evalQuestions / B batches (the forward runs were its warm-up); before
    // the train steps, whose memory may exceed the wasm heap's limit.
    const evalSeconds = median(time('eval', () => predictSplit(adapter, data.dataset, B), 1, 0)) / 1000;
    const baselineConfig = baselineStepConfig();
    const baseline = time('baseline step', (i) => sparcTrainStep(ctx, data.batch, baselineConfig, stepSeed(seed, 0, i), `bench baseline ${i}`));
    const sparcConfig = sparcStepConfig();
    const sparc = time('SpARC step', (i) => sparcTrainStep(ctx, data.batch, sparcConfig, stepSeed(seed, 1, i), `bench sparc ${i}`));
    return {
      forwardMs: median(forward),
      baselineStepMs: median(baseline),
      sparcStepMs: median(sparc),
      evalQuestionsPerSec: preset.evalQuestions / evalSeconds,
      peakRssMB: peakRss,
      wasmHeapMB: wasmHeapMB(),
      runsMs: { forward, baseline, sparc },
      errors,
    };
  } finally {
    try {
      optimizer.dispose();
      adapter.backbone.dispose();
    } catch {
      // After a wasm abort nothing can be freed; the error is already recorded.
    }
  }
}

function machine(loadStart: number): BenchMachine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    platform: process.platform,
    arch: process.arch,
    node: process.version,
    totalMemMB: Math.round(os.totalmem() / 2 ** 20),
    loadStart,
    loadEnd: os.loadavg()[0]!,
  };
}

/** Runs the bench on the active backend (the caller initialises it). */
export function runBench(options: RunBenchOptions): BenchReport {
  const loadStart = os.loadavg()[0]!;
  const date = new Date().toISOString();
  const results: Partial<Record<BenchBackbone, BackboneBench>> = {};
  for (const backbone of options.backbones) results[backbone] = benchBackbone(options, backbone);
  return {
    ...results,
    backend: options.backend,
    batch: options.preset.batch,
    preset: options.preset.name,
    runs: options.runs,
    warmup: options.warmup,
    date,
    machine: machine(loadStart),
    versions: { ...options.versions, node: process.version },
  };
}
