// The shapes `sparc bench` measures (issue 8): the PyTorch reference's NExT-QA shapes at batch 64, and a
// small preset for quick looks. HGA sizes follow TRAIN_DEFAULTS (engine/train-config.ts), VGT sizes the
// `nextqa-vgt` preset (d_model 512, d_ff 1024, 8 heads, d_pos 128).
import { TRAIN_DEFAULTS, TRAIN_PRESETS } from '../engine/train-config.js';

/** The backbones the bench measures. */
export type BenchBackbone = 'hga' | 'vgt';

/** HGA input and model sizes. */
export interface HGABenchShapes {
  /** T: clips per video = teacher frames. */
  readonly clips: number;
  /** D: clip feature size (NExT-QA: 2048 appearance + 2048 motion). */
  readonly videoDim: number;
  readonly hidden: number;
  readonly wordDim: number;
  readonly blockDim: number;
  readonly blockChunks: number;
  readonly blockRank: number;
  readonly dropout: number;
}

/** VGT input and model sizes. */
export interface VGTBenchShapes {
  /** Clips per video = teacher frames (the 'steps' grid then is the feature grid itself). */
  readonly clips: number;
  readonly framesPerClip: number;
  /** R: regions per frame (graphHeads 5 must divide R², so 5). */
  readonly regions: number;
  /** F: region/frame appearance size; region inputs are F + 5 wide. */
  readonly featureDim: number;
  readonly dModel: number;
  readonly ffDim: number;
  readonly heads: number;
  readonly boxHidden: number;
  readonly dropout: number;
}

/** One bench preset. */
export interface BenchPreset {
  readonly name: 'reference' | 'small';
  readonly batch: number;
  /** C candidates, L tokens, W token feature size of the precomputed QA features. */
  readonly candidates: number;
  readonly tokens: number;
  readonly tokenDim: number;
  readonly hga: HGABenchShapes;
  readonly vgt: VGTBenchShapes;
  /** Questions the evaluation-throughput measurement predicts (a multiple of `batch`). */
  readonly evalQuestions: number;
}

/** NExT-QA's validation split size: the evaluation target is this many questions in under 60 s. */
export const NEXTQA_VAL_QUESTIONS = 4996;

/** Share of (sample, frame) pairs whose synthetic teacher probability of the answer exceeds 0.5. */
export const CAUSAL_FRAME_SHARE = 0.25;

const vgtPreset = TRAIN_PRESETS['nextqa-vgt']!;

/** Issue 8's reference shapes (PyTorch: HGA 2.13 s per step, VGT 5.1 s, batch 64, one thread). */
export const REFERENCE_BENCH: BenchPreset = Object.freeze({
  name: 'reference',
  batch: 64,
  candidates: 5,
  tokens: 37,
  tokenDim: 768,
  hga: Object.freeze({
    clips: 16,
    videoDim: 4096,
    hidden: TRAIN_DEFAULTS.hidden,
    wordDim: TRAIN_DEFAULTS.wordDim,
    blockDim: TRAIN_DEFAULTS.blockDim,
    blockChunks: TRAIN_DEFAULTS.blockChunks,
    blockRank: TRAIN_DEFAULTS.blockRank,
    dropout: TRAIN_DEFAULTS.dropout,
  }),
  vgt: Object.freeze({
    clips: 8,
    framesPerClip: 4,
    regions: 5,
    featureDim: 2048,
    dModel: vgtPreset.hidden!,
    ffDim: vgtPreset.ffDim!,
    heads: vgtPreset.heads!,
    boxHidden: TRAIN_DEFAULTS.boxHidden,
    dropout: vgtPreset.dropout!,
  }),
  evalQuestions: 256,
});

/** `--small`: the same code paths at toy sizes (seconds, not minutes). */
export const SMALL_BENCH: BenchPreset = Object.freeze({
  name: 'small',
  batch: 8,
  candidates: 5,
  tokens: 12,
  tokenDim: 32,
  hga: Object.freeze({ clips: 8, videoDim: 64, hidden: 32, wordDim: 32, blockDim: 64, blockChunks: 4, blockRank: 2, dropout: 0.1 }),
  vgt: Object.freeze({ clips: 4, framesPerClip: 2, regions: 5, featureDim: 32, dModel: 32, ffDim: 64, heads: 4, boxHidden: 16, dropout: 0.1 }),
  evalQuestions: 32,
});
