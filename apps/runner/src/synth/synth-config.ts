// Options of the synthetic benchmark, its presets, and their validation (resolveSynthConfig returns a
// new frozen object with every field filled in).
import { QUESTION_TYPES, type QuestionType } from '../data/nextqa/question-type.js';

/** Sizes of the VGT feature files (written only when `vgt` is on). */
export interface SynthVGTConfig {
  /** Regions stored per frame (reference 20; VGT keeps the first 5). */
  readonly regions: number;
  /** RoI feature size (reference 2048). */
  readonly regionDim: number;
  /** Frame feature size (reference 2048). */
  readonly frameDim: number;
}

/** Every option of `sparc synth` (plain JSON data; written to synth.json). */
export interface SynthConfig {
  readonly preset: SynthPresetName;
  readonly seed: number;
  /** Videos per split. */
  readonly videos: { readonly train: number; readonly val: number; readonly test: number };
  /** Questions asked about each video (fewer when a video cannot support that many distinct ones). */
  readonly questionsPerVideo: number;
  /** Time steps per video = HGA clips = teacher frames (8, 16 or 32). */
  readonly frames: 8 | 16 | 32;
  /** Raw frames per clip: frame_count = frames * framesPerClip; teacher frame k is frame k * framesPerClip. */
  readonly framesPerClip: number;
  /** HGA clip feature size D (reference 4096: first half "appearance", second half "motion"). */
  readonly videoDim: number;
  /** QA token sequence length L (reference 37). */
  readonly tokens: number;
  /** QA token feature size (reference 768). */
  readonly wordDim: number;
  /** Teacher "image" feature size per frame. */
  readonly teacherDim: number;
  /** Standard deviation of the per-element noise of the video features (components have unit variance). */
  readonly noise: number;
  /** Noise of the teacher frames (a separate rendering). */
  readonly teacherNoise: number;
  /** Relative frequency of each question type. */
  readonly questionMix: Readonly<Record<QuestionType, number>>;
  /** Actors per video (2 or 3). */
  readonly actorsPerVideo: number;
  /** Write VGT region and frame features too (large at reference sizes). */
  readonly vgt: boolean;
  readonly vgtSizes: SynthVGTConfig;
}

export const SYNTH_PRESET_NAMES = ['tiny', 'default', 'reference'] as const;
export type SynthPresetName = (typeof SYNTH_PRESET_NAMES)[number];

/** NExT-QA-like emphasis on causal and temporal questions (the misfocus-prone types). */
const DEFAULT_MIX: Record<QuestionType, number> = { CW: 0.24, CH: 0.12, TN: 0.16, TP: 0.1, TC: 0.14, DC: 0.08, DL: 0.06, DO: 0.1 };

const BASE: Omit<SynthConfig, 'preset'> = {
  seed: 1,
  videos: { train: 300, val: 60, test: 60 },
  questionsPerVideo: 5,
  frames: 16,
  framesPerClip: 16,
  videoDim: 128,
  tokens: 16,
  wordDim: 64,
  teacherDim: 128,
  noise: 1,
  teacherNoise: 0.5,
  questionMix: DEFAULT_MIX,
  actorsPerVideo: 2,
  vgt: false,
  vgtSizes: { regions: 5, regionDim: 64, frameDim: 64 },
};

/** The presets: `tiny` for tests (well under a second), `default` for `npm start`, `reference` sizes. */
export const SYNTH_PRESETS: Readonly<Record<SynthPresetName, Omit<SynthConfig, 'preset'>>> = {
  tiny: { ...BASE, videos: { train: 16, val: 4, test: 8 }, questionsPerVideo: 4, videoDim: 32, wordDim: 16, teacherDim: 32, noise: 0.3, teacherNoise: 0.3, vgtSizes: { regions: 5, regionDim: 8, frameDim: 8 } },
  default: BASE,
  reference: { ...BASE, videoDim: 4096, tokens: 37, wordDim: 768, teacherDim: 768, vgtSizes: { regions: 20, regionDim: 2048, frameDim: 2048 } },
};

/** A partial config: a preset name plus any fields to override. */
export type SynthConfigInput = Partial<Omit<SynthConfig, 'videos' | 'questionMix' | 'vgtSizes'>> & {
  readonly videos?: Partial<SynthConfig['videos']>;
  readonly questionMix?: Partial<Record<QuestionType, number>>;
  readonly vgtSizes?: Partial<SynthVGTConfig>;
};

/** An invalid synth option: the field, its value and the rule it breaks. */
export class SynthConfigError extends Error {
  override readonly name = 'SynthConfigError';
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly constraint: string,
  ) {
    super(`synth: ${field} must be ${constraint}, got ${JSON.stringify(value)}`);
  }
}

function int(field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new SynthConfigError(field, value, max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in ${min}..${max}`);
  return value;
}

/**
 * Fills a partial config from its preset (default `default`) and validates every field.
 * @throws SynthConfigError naming the first invalid field
 */
export function resolveSynthConfig(input: SynthConfigInput = {}): SynthConfig {
  const preset = input.preset ?? 'default';
  if (!SYNTH_PRESET_NAMES.includes(preset)) throw new SynthConfigError('preset', preset, SYNTH_PRESET_NAMES.join(' | '));
  const base = SYNTH_PRESETS[preset];
  const mix = { ...base.questionMix, ...input.questionMix };
  for (const [k, w] of Object.entries(mix)) {
    if (!(QUESTION_TYPES as readonly string[]).includes(k)) throw new SynthConfigError('questionMix', k, `a type code (${QUESTION_TYPES.join(' ')})`);
    if (typeof w !== 'number' || !(w >= 0) || !Number.isFinite(w)) throw new SynthConfigError(`questionMix.${k}`, w, 'a finite number >= 0');
  }
  if (Object.values(mix).every((w) => w === 0)) throw new SynthConfigError('questionMix', mix, 'positive for at least one type');
  const c: SynthConfig = {
    ...base,
    ...input,
    preset,
    videos: { ...base.videos, ...input.videos },
    questionMix: mix,
    vgtSizes: { ...base.vgtSizes, ...input.vgtSizes },
  };
  int('seed', c.seed, 0, 0xffffffff);
  int('videos.train', c.videos.train, 1);
  int('videos.val', c.videos.val, 1);
  int('videos.test', c.videos.test, 1);
  int('questionsPerVideo', c.questionsPerVideo, 1, 20);
  if (![8, 16, 32].includes(c.frames)) throw new SynthConfigError('frames', c.frames, '8, 16 or 32');
  int('framesPerClip', c.framesPerClip, 1);
  int('videoDim', c.videoDim, 2);
  if (c.videoDim % 2 !== 0) throw new SynthConfigError('videoDim', c.videoDim, 'even (appearance half + motion half)');
  int('tokens', c.tokens, 4);
  int('wordDim', c.wordDim, 1);
  int('teacherDim', c.teacherDim, 1);
  int('actorsPerVideo', c.actorsPerVideo, 2, 3);
  int('vgtSizes.regions', c.vgtSizes.regions, 2);
  int('vgtSizes.regionDim', c.vgtSizes.regionDim, 1);
  int('vgtSizes.frameDim', c.vgtSizes.frameDim, 1);
  if (!(c.noise >= 0) || !Number.isFinite(c.noise)) throw new SynthConfigError('noise', c.noise, 'a finite number >= 0');
  if (!(c.teacherNoise >= 0) || !Number.isFinite(c.teacherNoise)) throw new SynthConfigError('teacherNoise', c.teacherNoise, 'a finite number >= 0');
  if (typeof c.vgt !== 'boolean') throw new SynthConfigError('vgt', c.vgt, 'true or false');
  return Object.freeze(c);
}
