// `sparc reproduce`: the whole SpARC pipeline on the synthetic benchmark. Generate the data, train the
// image-QA teacher and extract its per-frame probabilities, train the baseline and SpARC (T+S; the synthetic preset has no mixup) for
// the same budget, evaluate both on the test split, and score the teacher's causal frames against the
// ground truth. Every stage is resumable: rerunning the same command continues where it stopped.
import fs from 'node:fs';
import path from 'node:path';
import type { CliIO } from '../commands/command-context.js';
import type { RunEvaluation } from '../engine/evaluate-run.js';
import { resolveTrainConfig } from '../engine/train-config.js';
import type { NextQAAccuracyJson } from '../eval/nextqa-accuracy.js';
import { formatDuration } from '../progress/progress-bar.js';
import { loadSplitTeacherQuality } from '../teacher/split-teacher-quality.js';
import type { TeacherFrameQuality } from '../teacher/teacher-frame-quality.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { REPRODUCE_PRESETS, type ReproduceOptions } from './reproduce-config.js';
import { reproduceLayout } from './reproduce-layout.js';
import { prepareData, prepareTeacher } from './prepare-reproduction.js';
import { trainAndEvaluate } from './train-and-evaluate.js';

/** Accuracy of one method in results.json (percent). */
export interface MethodResult {
  readonly overall: number;
  readonly groups: { readonly C: number | null; readonly T: number | null; readonly D: number | null };
  readonly types: Readonly<Record<string, number>>;
  readonly count: number;
}

/** `<out>/results.json`. */
export interface ReproduceResults {
  readonly format: 'sparc-reproduce/1';
  readonly options: ReproduceOptions;
  readonly split: 'test';
  readonly baseline: MethodResult;
  readonly sparc: MethodResult;
  /** Causal frames selected from the teacher's test-split probabilities vs the ground truth (fractions). */
  readonly teacher: TeacherFrameQuality;
  /** The shared training budget and the SpARC switches. */
  readonly training: { readonly epochs: number; readonly lr: number; readonly batchSize: number; readonly threshold: number; readonly mixup: string };
  readonly seconds: Readonly<Record<string, number>>;
  readonly environment: Readonly<Record<string, unknown>>;
}

/** A reproduction folder started with other options. */
export class ReproduceOptionsMismatchError extends Error {
  override readonly name = 'ReproduceOptionsMismatchError';
  constructor(readonly file: string, readonly field: string, readonly existing: unknown, readonly requested: unknown) {
    super(`${file}: this folder was started with --${field} ${JSON.stringify(existing)}, not ${JSON.stringify(requested)}; use another --out or the same options`);
  }
}

function methodResult(a: NextQAAccuracyJson): MethodResult {
  return { overall: a.overall, groups: { C: a.groups.C ?? null, T: a.groups.T ?? null, D: a.groups.D ?? null }, types: a.types, count: a.count };
}

function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '-' : x.toFixed(1);
}

/** The side-by-side table printed at the end (exported for tests). */
export function formatReproduceTable(r: ReproduceResults): string[] {
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? '-' : `${b - a >= 0 ? '+' : ''}${(b - a).toFixed(1)}`);
  const t = r.teacher;
  return [
    `test split, ${r.baseline.count} questions, accuracy (%), ${r.options.backbone.toUpperCase()}, seed ${r.options.seed}, ${r.training.epochs} epochs each:`,
    '| method | C | T | D | All |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| baseline | ${pct(r.baseline.groups.C)} | ${pct(r.baseline.groups.T)} | ${pct(r.baseline.groups.D)} | ${pct(r.baseline.overall)} |`,
    `| SpARC (T+S${r.training.mixup === 'none' ? '' : `+${r.training.mixup.toUpperCase()}`}) | ${pct(r.sparc.groups.C)} | ${pct(r.sparc.groups.T)} | ${pct(r.sparc.groups.D)} | ${pct(r.sparc.overall)} |`,
    `| difference | ${diff(r.baseline.groups.C, r.sparc.groups.C)} | ${diff(r.baseline.groups.T, r.sparc.groups.T)} | ${diff(r.baseline.groups.D, r.sparc.groups.D)} | ${diff(r.baseline.overall, r.sparc.overall)} |`,
    `teacher causal frames (p_k[a] > ${t.threshold}, ${t.fallback} fallback) vs ground truth on the test split: precision ${(100 * t.precision).toFixed(1)}%, recall ${(100 * t.recall).toFixed(1)}%, ${t.framesSelected.toFixed(1)} frames per question; teacher accuracy ${(100 * t.accuracy).toFixed(1)}%`,
  ];
}

/** Options of {@link runReproduce}. */
export interface RunReproduceOptions extends ReproduceOptions {
  readonly out: string;
  readonly io: CliIO;
  /** Recorded in the runs' config.json and results.json (backend, versions). */
  readonly environment?: Readonly<Record<string, unknown>>;
}

function checkOptions(file: string, options: ReproduceOptions): void {
  if (fs.existsSync(file)) {
    const existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [field, value] of Object.entries(options)) {
      if (existing[field] !== value) throw new ReproduceOptionsMismatchError(file, field, existing[field], value);
    }
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(options, null, 2) + '\n');
}

/** Runs (or resumes) the reproduction in `options.out`. */
export async function runReproduce(options: RunReproduceOptions): Promise<ReproduceResults> {
  const { io } = options;
  const preset = REPRODUCE_PRESETS[options.preset];
  const layout = reproduceLayout(options.out);
  const reproduceOptions: ReproduceOptions = { preset: options.preset, backbone: options.backbone, seed: options.seed };
  checkOptions(path.join(layout.root, 'reproduce.json'), reproduceOptions);
  const seconds: Record<string, number> = {};
  const timed = async <T>(stage: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await fn();
    seconds[stage] = Math.round((performance.now() - t0) / 100) / 10;
    return value;
  };
  const started = performance.now();

  await timed('data', () => prepareData(layout, { synth: preset.synth, seed: options.seed, vgt: options.backbone === 'vgt' }, io, '[1/5] '));
  await prepareTeacher(layout, { teacher: preset.teacher, seed: options.seed }, io, seconds, ['[2/5] ', '[3/5] ']);

  const base = { dataset: layout.data, backbone: options.backbone, seed: options.seed, ...preset.train };
  const trainPreset = preset.trainPreset[options.backbone];
  const baselineConfig = resolveTrainConfig({ ...base, temporal: false, spatial: false, mixup: 'none', teacher: null }, trainPreset);
  const sparcConfig = resolveTrainConfig({ ...base, temporal: true, spatial: true, teacher: layout.teacherStore('train') }, trainPreset);
  const evaluations = {} as Record<'baseline' | 'sparc', RunEvaluation>;
  for (const [i, [name, config]] of ([['baseline', baselineConfig], ['sparc', sparcConfig]] as const).entries()) {
    const what = name === 'baseline' ? 'baseline (plain training)' : `SpARC (T+S${config.mixup === 'none' ? '' : `+${config.mixup.toUpperCase()}`}, t = ${config.threshold})`;
    io.out(`[${4 + i}/5] ${what}: ${config.epochs} epochs, lr ${config.lr}, batch ${config.batchSize} -> ${layout.runs[name]}`);
    evaluations[name] = await timed(name, () => trainAndEvaluate({ config, runDir: layout.runs[name], label: name, environment: options.environment ?? {}, io }));
  }

  const teacherQuality = (await loadSplitTeacherQuality(layout.data, 'test', layout.teacherStore('test')))(sparcConfig.threshold, sparcConfig.fallback);
  seconds['total'] = Math.round((performance.now() - started) / 100) / 10;
  const results: ReproduceResults = {
    format: 'sparc-reproduce/1',
    options: reproduceOptions,
    split: 'test',
    baseline: methodResult(evaluations.baseline.accuracy),
    sparc: methodResult(evaluations.sparc.accuracy),
    teacher: teacherQuality,
    training: { epochs: sparcConfig.epochs, lr: sparcConfig.lr, batchSize: sparcConfig.batchSize, threshold: sparcConfig.threshold, mixup: sparcConfig.mixup },
    seconds,
    environment: options.environment ?? {},
  };
  writeFileAtomic(layout.results, JSON.stringify(results, null, 2) + '\n');
  io.out('');
  for (const line of formatReproduceTable(results)) io.out(line);
  io.out(`wrote ${layout.results} (this run: ${formatDuration((performance.now() - started) / 1000)})`);
  return results;
}

