// How `sparc teacher fit` (and `sparc reproduce`) trains the built-in teacher: fit from scratch (stands in
// for ALBEF's pre-training, which cannot be downloaded), then SpARC's fine-tuning recipe (paper A.4).

/** Options of the teacher training run. */
export interface TeacherRunConfig {
  readonly dataset: string;
  readonly trainSplit: string;
  /** Evaluated after each epoch (history only; nothing is selected on it). */
  readonly valSplit: string | null;
  /** Weight initialisation and example order. */
  readonly seed: number;
  /** Built-in teacher width H. */
  readonly hiddenSize: number;
  /** Phase 1, everything trains. */
  readonly fitEpochs: number;
  readonly fitLearningRate: number;
  readonly fitBatchSize: number;
  /**
   * Loss of phase 1: 'frame' (every frame with the video answer, A.1), 'video' (frame logits averaged) or
   * 'mil' (logsumexp over frames: only frames that show a candidate are pushed towards it).
   */
  readonly fitObjective: 'frame' | 'video' | 'mil';
  /** Phase 2 (A.4): the interaction module only; A.4: 5 epochs, lr 2e-5, weight decay 0.01. */
  readonly fineTuneEpochs: number;
  readonly fineTuneLearningRate: number;
  readonly fineTuneBatchSize: number;
}

/** Measured on the default synthetic preset (teacher README): 3 fit epochs at 2e-3, batch 32; A.4 fine-tuning. */
export const TEACHER_RUN_DEFAULTS: Readonly<Omit<TeacherRunConfig, 'dataset'>> = Object.freeze({
  trainSplit: 'train',
  valSplit: 'val',
  seed: 0,
  hiddenSize: 64,
  fitEpochs: 3,
  fitLearningRate: 2e-3,
  fitBatchSize: 32,
  fitObjective: 'frame',
  fineTuneEpochs: 5,
  fineTuneLearningRate: 2e-5,
  fineTuneBatchSize: 8,
});

/** A bad teacher option. */
export class TeacherRunConfigError extends Error {
  override readonly name = 'TeacherRunConfigError';
  constructor(readonly field: string, readonly value: unknown, readonly constraint: string) {
    super(`teacher: ${field} ${constraint}, got ${JSON.stringify(value)}`);
  }
}

/** Defaults <- overrides (undefined ignored), validated; a new frozen object. */
export function resolveTeacherRunConfig(overrides: Partial<TeacherRunConfig> & { dataset: string }): Readonly<TeacherRunConfig> {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const c = { ...TEACHER_RUN_DEFAULTS, ...defined } as TeacherRunConfig;
  for (const f of ['hiddenSize', 'fitBatchSize', 'fineTuneBatchSize'] as const) if (!Number.isInteger(c[f]) || c[f] < 1) throw new TeacherRunConfigError(f, c[f], 'must be a positive integer');
  for (const f of ['fitEpochs', 'fineTuneEpochs'] as const) if (!Number.isInteger(c[f]) || c[f] < 0) throw new TeacherRunConfigError(f, c[f], 'must be an integer >= 0');
  for (const f of ['fitLearningRate', 'fineTuneLearningRate'] as const) if (!(c[f] > 0 && Number.isFinite(c[f]))) throw new TeacherRunConfigError(f, c[f], 'must be a finite number > 0');
  if (!['frame', 'video', 'mil'].includes(c.fitObjective)) throw new TeacherRunConfigError('fitObjective', c.fitObjective, "must be 'frame', 'video' or 'mil'");
  if (!Number.isSafeInteger(c.seed)) throw new TeacherRunConfigError('seed', c.seed, 'must be an integer');
  return Object.freeze(c);
}
