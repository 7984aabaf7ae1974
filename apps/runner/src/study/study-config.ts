// The rows of the effectiveness study (paper Tables 5 and 7: the contribution of each part of SpARC) and
// the two sizes it runs at: the full study on the default synthetic preset, and `--quick` for CI.
import type { TrainConfig } from '../engine/train-config.js';
import type { SynthPresetName } from '../synth/synth-config.js';
import type { TeacherRunConfig } from '../teacher/teacher-run-config.js';

/** One row: which SpARC parts are on. Everything else (epochs, lr, data order, seed) is shared. */
export interface StudyRow {
  readonly temporal: boolean;
  readonly spatial: boolean;
  readonly mixup: TrainConfig['mixup'];
}

export const STUDY_ROWS: Readonly<Record<string, StudyRow>> = Object.freeze({
  baseline: { temporal: false, spatial: false, mixup: 'none' },
  T: { temporal: true, spatial: false, mixup: 'none' },
  S: { temporal: false, spatial: true, mixup: 'none' },
  'T+S': { temporal: true, spatial: true, mixup: 'none' },
  'T+S+TGM': { temporal: true, spatial: true, mixup: 'tgm' },
  'T+S+mixup': { temporal: true, spatial: true, mixup: 'mixup' },
});

/**
 * A sweep variant of the T+S row: threshold t, fallback, and hard selection vs soft frame weights
 * (the synthetic presets train without mixup).
 */
export interface SweepPoint {
  readonly name: string;
  readonly threshold: number;
  readonly fallback: TrainConfig['fallback'];
  readonly guidance: TrainConfig['guidance'];
}

export const SWEEP: readonly SweepPoint[] = Object.freeze([
  { name: 't=0.3', threshold: 0.3, fallback: 'argmax', guidance: 'hard' },
  { name: 't=0.7', threshold: 0.7, fallback: 'argmax', guidance: 'hard' },
  { name: 'fallback=all', threshold: 0.5, fallback: 'all', guidance: 'hard' },
  { name: 'fallback=skip', threshold: 0.5, fallback: 'skip', guidance: 'hard' },
  { name: 'soft', threshold: 0.5, fallback: 'argmax', guidance: 'soft' },
]);

/** Every row name a study can run, in table order: the ablation rows, then the sweep points. */
export const STUDY_ROW_ORDER: readonly string[] = Object.freeze([...Object.keys(STUDY_ROWS), ...SWEEP.map((p) => p.name)]);

/** Everything that sizes a study. */
export interface StudyConfig {
  readonly synth: SynthPresetName;
  readonly teacher: Partial<TeacherRunConfig>;
  readonly trainPreset: { readonly hga: string; readonly vgt: string };
  readonly train: Partial<TrainConfig>;
  readonly seeds: readonly number[];
  readonly backbones: ReadonlyArray<'hga' | 'vgt'>;
  readonly rows: readonly string[];
  /** Also run every sweep point (threshold, fallback, soft weights) for every seed and backbone. */
  readonly sweep: boolean;
}

export const STUDY_FULL: StudyConfig = Object.freeze<StudyConfig>({
  synth: 'default',
  teacher: {},
  trainPreset: { hga: 'synthetic', vgt: 'synthetic-vgt' },
  train: {},
  seeds: [1, 2, 3],
  backbones: ['hga', 'vgt'],
  rows: Object.keys(STUDY_ROWS),
  sweep: true,
});

/** CI: the tiny preset, one seed, HGA, baseline vs full SpARC; asserts only what is robust at that size. */
export const STUDY_QUICK: StudyConfig = Object.freeze<StudyConfig>({
  synth: 'tiny',
  teacher: { pretrainEpochs: 20, pretrainBatchSize: 16, fineTuneEpochs: 2 },
  trainPreset: { hga: 'synthetic', vgt: 'synthetic-vgt' },
  train: { epochs: 30, batchSize: 16, checkpointEvery: 1000 },
  seeds: [1],
  backbones: ['hga'],
  rows: ['baseline', 'T+S+TGM'],
  sweep: false,
});
