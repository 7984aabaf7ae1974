// The stages of a reproduction before training, each resumable: the synthetic dataset, the trained
// teacher, and its stored per-frame probabilities (train split for SpARC, test split for the check).
import fs from 'node:fs';
import path from 'node:path';
import type { CliIO } from '../commands/command-context.js';
import { SYNTH_MANIFEST } from '../synth/synth-layout.js';
import type { SynthPresetName } from '../synth/synth-config.js';
import { writeSyntheticDataset } from '../synth/write-synthetic-dataset.js';
import { extractTeacherRun } from '../teacher/extract-teacher-run.js';
import { fitTeacherRun } from '../teacher/fit-teacher-run.js';
import { resolveTeacherRunConfig, type TeacherRunConfig } from '../teacher/teacher-run-config.js';
import type { ReproduceLayout } from './reproduce-layout.js';

/** Writes the synthetic dataset of a reproduction folder unless its manifest (written last) exists. */
export async function prepareData(layout: ReproduceLayout, options: { synth: SynthPresetName; seed: number; vgt: boolean }, io: CliIO, prefix = ''): Promise<void> {
  io.out(`${prefix}synthetic benchmark (preset ${options.synth}, seed ${options.seed}) -> ${layout.data}`);
  if (fs.existsSync(path.join(layout.data, SYNTH_MANIFEST))) {
    io.out('  already generated; reusing it');
    return;
  }
  const summary = await writeSyntheticDataset({ out: layout.data, config: { preset: options.synth, seed: options.seed, vgt: options.vgt } });
  io.out(`  train ${summary.splits.train.questions}, val ${summary.splits.val.questions}, test ${summary.splits.test.questions} questions`);
}

/** The extracted splits: train (read by SpARC) and test (scored against the ground truth). */
export const EXTRACTED_SPLITS = ['train', 'test'] as const;

/** Trains the teacher (or reuses it) and extracts its probabilities of the train and test splits. */
export async function prepareTeacher(
  layout: ReproduceLayout,
  options: { teacher: Partial<TeacherRunConfig>; seed: number },
  io: CliIO,
  seconds: Record<string, number> = {},
  prefixes: readonly [string, string] = ['', ''],
): Promise<void> {
  io.out(`${prefixes[0]}image-QA teacher: caption pre-training, then fine-tuning (A.4) -> ${layout.teacherModel}`);
  const config = resolveTeacherRunConfig({ ...options.teacher, dataset: layout.data, seed: options.seed });
  let t0 = performance.now();
  const { teacher } = await fitTeacherRun({ config, modelFile: layout.teacherModel, historyFile: layout.teacherHistory, io });
  seconds['teacher'] = Math.round((performance.now() - t0) / 100) / 10;
  io.out(`${prefixes[1]}teacher per-frame probabilities (train for SpARC, test for the causal-frame check)`);
  t0 = performance.now();
  try {
    for (const split of EXTRACTED_SPLITS) await extractTeacherRun({ teacher, dataset: layout.data, split, store: layout.teacherStore(split), io });
  } finally {
    teacher.dispose();
  }
  seconds['extract'] = Math.round((performance.now() - t0) / 100) / 10;
}
