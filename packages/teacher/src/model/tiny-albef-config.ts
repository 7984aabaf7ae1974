// Configuration of the built-in teacher: a small image-QA model in ALBEF's shape (visual encoder,
// text encoder, cross-modal interaction module; Li et al. 2021, as used by SpARC A.1). Not ALBEF's
// weights or size: a from-scratch model small enough to train and run on a CPU.
import { ConfigError } from '../errors.js';

/** Hyperparameters of the tiny ALBEF-shaped teacher (plain JSON; stored in checkpoints). */
export interface TinyAlbefConfig {
  /** Name; the teacher id is `<name>:<crc32 of the weights>`. */
  readonly name: string;
  /** What a frame is: a feature vector `[D]` (default) or an RGB image `[H, W, 3]`. */
  readonly frames: 'features' | 'images';
  /** D, the feature size (frames: 'features'). */
  readonly featureSize: number;
  /** Images are resized to imageSize x imageSize (frames: 'images'); ALBEF uses 384, here 32. */
  readonly imageSize: number;
  /** H, the width of every encoder and of the interaction module. */
  readonly hiddenSize: number;
  /** Visual tokens per feature frame (the MLP's output is split into this many tokens). Images give (imageSize/8)^2 patch tokens. */
  readonly visualTokens: number;
  /** Attention heads (H must be divisible by it). */
  readonly heads: number;
  /** Transformer layers of the text encoder. */
  readonly textLayers: number;
  /** L, tokens per "[CLS] question [SEP] candidate [SEP]" sequence. */
  readonly maxTextLength: number;
  /** Largest number of frames scored in one forward pass (memory bound of scoreBatch). */
  readonly batchFrames: number;
  /** Seed of the weight initialisation. */
  readonly seed: number;
}

/** Defaults (frozen). */
export const TINY_ALBEF_DEFAULTS: TinyAlbefConfig = Object.freeze({
  name: 'tiny-albef',
  frames: 'features',
  featureSize: 512,
  imageSize: 32,
  hiddenSize: 64,
  visualTokens: 4,
  heads: 4,
  textLayers: 1,
  maxTextLength: 24,
  batchFrames: 1024,
  seed: 0,
});

/** Fills defaults and validates; returns a new frozen object (never mutates `config`). */
export function resolveTinyAlbefConfig(config: Partial<TinyAlbefConfig> = {}): TinyAlbefConfig {
  const fn = 'resolveTinyAlbefConfig';
  const c: TinyAlbefConfig = { ...TINY_ALBEF_DEFAULTS, ...config };
  if (typeof c.name !== 'string' || c.name.length === 0) throw new ConfigError(fn, 'name', c.name, 'must be a non-empty string');
  if (c.frames !== 'features' && c.frames !== 'images') throw new ConfigError(fn, 'frames', c.frames, "must be 'features' or 'images'");
  const positive = ['featureSize', 'imageSize', 'hiddenSize', 'visualTokens', 'heads', 'textLayers', 'batchFrames'] as const;
  for (const f of positive) if (!Number.isInteger(c[f]) || c[f] < 1) throw new ConfigError(fn, f, c[f], 'must be an integer >= 1');
  if (c.hiddenSize % c.heads !== 0) throw new ConfigError(fn, 'heads', c.heads, `must divide hiddenSize (${c.hiddenSize})`);
  if (!Number.isInteger(c.maxTextLength) || c.maxTextLength < 5) throw new ConfigError(fn, 'maxTextLength', c.maxTextLength, 'must be an integer >= 5');
  if (!Number.isInteger(c.seed)) throw new ConfigError(fn, 'seed', c.seed, 'must be an integer');
  return Object.freeze(c);
}

/** Visual tokens per frame for a config: `visualTokens` for features, ceil(imageSize/8)^2 for images. */
export function visualTokenCount(config: TinyAlbefConfig): number {
  if (config.frames === 'features') return config.visualTokens;
  const side = Math.ceil(Math.ceil(Math.ceil(config.imageSize / 2) / 2) / 2);
  return side * side;
}
