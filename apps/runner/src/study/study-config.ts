// The rows of the effectiveness study (paper Tables 5 and 7: the contribution of each part of SpARC) and
// the two sizes it runs at: the full study on the default synthetic preset, and `--quick` for CI.
import { GROUND_TRUTH_TEACHER } from '../engine/open-teacher-for.js';
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
 * A sweep variant of the T+S row: threshold t, fallback, hard selection vs soft frame weights, and the
 * oracle teacher (the ground-truth causal frames: what a perfect teacher would give; the synthetic
 * presets train without mixup).
 */
export interface SweepPoint {
  readonly name: string;
  readonly threshold: number;
  readonly fallback: TrainConfig['fallback'];
  readonly guidance: TrainConfig['guidance'];
  readonly teacher: 'trained' | 'ground-truth';
}

export const SWEEP: readonly SweepPoint[] = Object.freeze([
  { name: 't=0.3', threshold: 0.3, fallback: 'argmax', guidance: 'hard', teacher: 'trained' },
  { name: 't=0.7', threshold: 0.7, fallback: 'argmax', guidance: 'hard', teacher: 'trained' },
  { name: 'fallback=all', threshold: 0.5, fallback: 'all', guidance: 'hard', teacher: 'trained' },
  { name: 'fallback=skip', threshold: 0.5, fallback: 'skip', guidance: 'hard', teacher: 'trained' },
  { name: 'soft', threshold: 0.5, fallback: 'argmax', guidance: 'soft', teacher: 'trained' },
  { name: 'oracle', threshold: 0.5, fallback: 'argmax', guidance: 'hard', teacher: 'ground-truth' },
]);

/** Every row name a study can run, in table order: the ablation rows, then the sweep points. */
export const STUDY_ROW_ORDER: readonly string[] = Object.freeze([...Object.keys(STUDY_ROWS), ...SWEEP.map((p) => p.name)]);

/**
 * The config overrides of a study row or sweep point (on top of the study's train preset and the seed's
 * teacher store). @throws Error for an unknown name
 */
export function studyRowConfig(row: string): Partial<TrainConfig> {
  const r = STUDY_ROWS[row];
  if (r) return { ...r, ...(r.temporal || r.spatial ? {} : { teacher: null }) };
  const p = SWEEP.find((s) => s.name === row);
  if (!p) throw new Error(`study: unknown row '${row}' (rows: ${STUDY_ROW_ORDER.join(', ')})`);
  return { ...STUDY_ROWS['T+S']!, threshold: p.threshold, fallback: p.fallback, guidance: p.guidance, ...(p.teacher === 'ground-truth' ? { teacher: GROUND_TRUTH_TEACHER } : {}) };
}

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
