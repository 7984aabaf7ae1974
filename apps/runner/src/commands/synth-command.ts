import { QUESTION_TYPES, type QuestionType } from '../data/nextqa/question-type.js';
import { runSynth } from '../synth/run-synth.js';
import { resolveSynthConfig, SynthConfigError, SYNTH_PRESET_NAMES, type SynthConfigInput, type SynthPresetName } from '../synth/synth-config.js';
import type { RegisterCommand } from './command-context.js';
import { UsageError } from './usage-error.js';

/** The flags of `sparc synth` as cac parses them (kebab-case flags arrive camelCased). */
export interface SynthFlags {
  readonly out?: unknown;
  readonly preset?: unknown;
  readonly seed?: unknown;
  readonly frames?: unknown;
  readonly framesPerClip?: unknown;
  readonly videosTrain?: unknown;
  readonly videosVal?: unknown;
  readonly videosTest?: unknown;
  readonly questionsPerVideo?: unknown;
  readonly videoDim?: unknown;
  readonly tokens?: unknown;
  readonly wordDim?: unknown;
  readonly teacherDim?: unknown;
  readonly noise?: unknown;
  readonly teacherNoise?: unknown;
  readonly mix?: unknown;
  readonly actors?: unknown;
  readonly vgt?: unknown;
  readonly vgtRegions?: unknown;
  readonly vgtRegionDim?: unknown;
  readonly vgtFrameDim?: unknown;
  readonly analyze?: unknown;
}

function num(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) throw new UsageError(`--${flag}: expected a number, got '${String(value)}'`);
  return n;
}

/** Parses `--mix CW=0.3,TN=0.2` (types not named keep their preset weight). */
export function parseMix(value: string): Partial<Record<QuestionType, number>> {
  const mix: Partial<Record<QuestionType, number>> = {};
  for (const part of value.split(',').filter((p) => p.trim() !== '')) {
    const [type, weight] = part.split('=').map((s) => s.trim());
    if (type === undefined || !(QUESTION_TYPES as readonly string[]).includes(type) || weight === undefined || !(Number(weight) >= 0)) {
      throw new UsageError(`--mix: expected TYPE=weight pairs with TYPE in ${QUESTION_TYPES.join(' ')}, got '${part}'`);
    }
    mix[type as QuestionType] = Number(weight);
  }
  return mix;
}

/** Turns the flags into a config input (validated by resolveSynthConfig). */
export function parseSynthFlags(flags: SynthFlags): SynthConfigInput {
  if (flags.preset !== undefined && !(SYNTH_PRESET_NAMES as readonly unknown[]).includes(flags.preset)) throw new UsageError(`--preset: expected ${SYNTH_PRESET_NAMES.join(', ')}, got '${String(flags.preset)}'`);
  const entries: Array<[string, unknown]> = [
    ['preset', flags.preset as SynthPresetName | undefined],
    ['seed', num('seed', flags.seed)],
    ['frames', num('frames', flags.frames)],
    ['framesPerClip', num('frames-per-clip', flags.framesPerClip)],
    ['questionsPerVideo', num('questions-per-video', flags.questionsPerVideo)],
    ['videoDim', num('video-dim', flags.videoDim)],
    ['tokens', num('tokens', flags.tokens)],
    ['wordDim', num('word-dim', flags.wordDim)],
    ['teacherDim', num('teacher-dim', flags.teacherDim)],
    ['noise', num('noise', flags.noise)],
    ['teacherNoise', num('teacher-noise', flags.teacherNoise)],
    ['actorsPerVideo', num('actors', flags.actors)],
    ['vgt', flags.vgt === undefined ? undefined : Boolean(flags.vgt)],
  ];
  const videos = Object.fromEntries(
    ([['train', num('videos-train', flags.videosTrain)], ['val', num('videos-val', flags.videosVal)], ['test', num('videos-test', flags.videosTest)]] as const).filter(([, v]) => v !== undefined),
  );
  const vgtSizes = Object.fromEntries(
    ([['regions', num('vgt-regions', flags.vgtRegions)], ['regionDim', num('vgt-region-dim', flags.vgtRegionDim)], ['frameDim', num('vgt-frame-dim', flags.vgtFrameDim)]] as const).filter(([, v]) => v !== undefined),
  );
  const input = {
    ...Object.fromEntries(entries.filter(([, v]) => v !== undefined)),
    ...(Object.keys(videos).length > 0 ? { videos } : {}),
    ...(Object.keys(vgtSizes).length > 0 ? { vgtSizes } : {}),
    ...(flags.mix === undefined ? {} : { questionMix: parseMix(String(flags.mix)) }),
  } as SynthConfigInput;
  try {
    resolveSynthConfig(input);
  } catch (error) {
    if (error instanceof SynthConfigError) throw new UsageError(error.message);
    throw error;
  }
  return input;
}

/** `sparc synth`: write the synthetic benchmark in the real NExT-QA / VGT formats. */
export const registerSynthCommand: RegisterCommand = (cli, { io }) => {
  cli
    .command('synth', 'Write the synthetic benchmark (NExT-QA CSV, HDF5 features, teacher frames, ground-truth causal frames)')
    .option('--out <dir>', 'output folder', { default: 'runs/synth' })
    .option('--preset <name>', `${SYNTH_PRESET_NAMES.join(' | ')} (sizes below override it)`, { default: 'default' })
    .option('--seed <n>', 'random seed (same seed, same dataset)')
    .option('--frames <n>', 'time steps per video = HGA clips = teacher frames: 8, 16 or 32')
    .option('--frames-per-clip <n>', 'raw frames per clip (frame_count = frames x this)')
    .option('--videos-train <n>', 'training videos')
    .option('--videos-val <n>', 'validation videos')
    .option('--videos-test <n>', 'test videos')
    .option('--questions-per-video <n>', 'questions per video')
    .option('--video-dim <n>', 'HGA clip feature size (reference 4096)')
    .option('--tokens <n>', 'QA token sequence length (reference 37)')
    .option('--word-dim <n>', 'QA token feature size (reference 768)')
    .option('--teacher-dim <n>', 'teacher frame feature size')
    .option('--noise <x>', 'noise std of the video features')
    .option('--teacher-noise <x>', 'noise std of the teacher frames')
    .option('--mix <pairs>', 'question mix, e.g. CW=0.3,TN=0.2,DL=0')
    .option('--actors <n>', 'actors per video (2 or 3)')
    .option('--vgt', 'also write VGT region and frame features')
    .option('--vgt-regions <n>', 'regions per VGT frame (reference 20)')
    .option('--vgt-region-dim <n>', 'VGT region feature size (reference 2048)')
    .option('--vgt-frame-dim <n>', 'VGT frame feature size (reference 2048)')
    .option('--analyze', 'print the oracle table (where the answer is) for the test split')
    .example('sparc synth --preset tiny --out /tmp/synth --analyze')
    .action(async (flags: SynthFlags) => {
      const out = flags.out;
      if (typeof out !== 'string' || out === '') throw new UsageError('synth: --out <dir> must be a path');
      const result = await runSynth({ out, config: parseSynthFlags(flags), analyze: flags.analyze === true });
      for (const line of result.lines) io.out(line);
    });
};
