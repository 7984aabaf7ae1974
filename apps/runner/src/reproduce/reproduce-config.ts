// What `sparc reproduce` runs for each preset: the synthetic benchmark size, the teacher's training and
// the training budget shared by the baseline and SpARC.
import type { SynthPresetName } from '../synth/synth-config.js';
import type { TeacherRunConfig } from '../teacher/teacher-run-config.js';
import type { TrainConfig } from '../engine/train-config.js';

export const REPRODUCE_PRESET_NAMES = ['tiny', 'default'] as const;
export type ReproducePresetName = (typeof REPRODUCE_PRESET_NAMES)[number];

/** One preset of `sparc reproduce`. */
export interface ReproducePreset {
  readonly synth: SynthPresetName;
  readonly teacher: Partial<TeacherRunConfig>;
  /** The Table 6-style train preset, plus overrides; identical for the baseline and SpARC. */
  readonly trainPreset: { readonly hga: string; readonly vgt: string };
  readonly train: Partial<TrainConfig>;
}

export const REPRODUCE_PRESETS: Readonly<Record<ReproducePresetName, ReproducePreset>> = Object.freeze({
  // Seconds: a smoke test of the whole pipeline (tests and CI).
  tiny: { synth: 'tiny', teacher: { fitEpochs: 2, fineTuneEpochs: 1, fitBatchSize: 16 }, trainPreset: { hga: 'synthetic', vgt: 'synthetic-vgt' }, train: { epochs: 2, batchSize: 16 } },
  // `npm start`: under 10 minutes on 2 CPU cores.
  default: { synth: 'default', teacher: {}, trainPreset: { hga: 'synthetic', vgt: 'synthetic-vgt' }, train: {} },
});

/** The options a reproduction folder was started with (`<out>/reproduce.json`). */
export interface ReproduceOptions {
  readonly preset: ReproducePresetName;
  readonly backbone: 'hga' | 'vgt';
  readonly seed: number;
}
