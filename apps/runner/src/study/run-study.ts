// `sparc study`: baseline vs each part of SpARC (Tables 5 and 7) on the synthetic benchmark, for several
// seeds and both backbones, plus a sweep of the threshold, the fallback and soft frame weights. Per run it records test accuracy, the
// frame evidence (causal vs random frames, attention on causal frames) and the misfocus probe; per seed
// the teacher's causal-frame precision/recall. Resumable: finished runs keep their record file.
import fs from 'node:fs';
import path from 'node:path';
import type { CliIO } from '../commands/command-context.js';
import { resolveTrainConfig, type TrainConfig } from '../engine/train-config.js';
import type { NextQAAccuracyJson } from '../eval/nextqa-accuracy.js';
import { gradientView } from '../probe/checkpoint-focus-source.js';
import { runMisfocusProbe } from '../probe/run-misfocus-probe.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { prepareData, prepareTeacher } from '../reproduce/prepare-reproduction.js';
import { reproduceLayout } from '../reproduce/reproduce-layout.js';
import { trainAndEvaluate } from '../reproduce/train-and-evaluate.js';
import { loadSplitTeacherQuality } from '../teacher/split-teacher-quality.js';
import type { TeacherFrameQuality } from '../teacher/teacher-frame-quality.js';
import { frameEvidence, type FrameEvidence } from './frame-evidence.js';
import { studyRowConfig, SWEEP, type StudyConfig } from './study-config.js';

/** What one training run of the study measured. */
export interface StudyRecord {
  readonly backbone: 'hga' | 'vgt';
  readonly seed: number;
  /** A row of STUDY_ROWS, or a sweep point name. */
  readonly row: string;
  readonly accuracy: Pick<NextQAAccuracyJson, 'overall' | 'groups' | 'count'>;
  /** Frame evidence on the test split (generalisation) and on the training split (what the guided loss trained). */
  readonly evidence: FrameEvidence;
  readonly trainEvidence: FrameEvidence;
  /** Share of before/after questions whose most-attended frame stays the same when the word is swapped (HGA). */
  readonly misfocusIdentical: number | null;
  /** The same with the most important frame by gradient x input (any backbone; absent in records of older versions). */
  readonly misfocusGradient?: number | null;
  readonly seconds: number;
}

/** The whole study. */
export interface StudyResults {
  readonly format: 'sparc-study/1';
  readonly config: StudyConfig;
  readonly records: readonly StudyRecord[];
  readonly teacher: Readonly<Record<string, TeacherFrameQuality>>;
}

function recordFile(runDir: string): string {
  return path.join(runDir, 'study-record.json');
}

async function runOne(options: { config: Readonly<TrainConfig>; runDir: string; row: string; io: CliIO; environment: Readonly<Record<string, unknown>> }): Promise<StudyRecord> {
  const file = recordFile(options.runDir);
  const { config, runDir } = options;
  const probe = async () => {
    const { result } = await runMisfocusProbe({ dataset: config.dataset, split: 'test', checkpoint: runDir, topK: 1, threshold: config.threshold });
    return { misfocusIdentical: config.backbone === 'hga' ? result.identical : null, misfocusGradient: result.views[gradientView(1)]?.identical ?? null };
  };
  if (fs.existsSync(file)) {
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as StudyRecord;
    if (record.evidence.gradientMass !== undefined && record.misfocusGradient !== undefined) return record;
    // A record of an older version: add the gradient importance from the run's checkpoint (no training).
    options.io.out(`study: ${config.backbone} ${options.row}: adding the gradient frame importance to ${file}`);
    const gradient = await frameEvidence({ runDir, split: 'test', seed: config.seed, only: 'gradient' });
    const { misfocusGradient } = await probe();
    const upgraded: StudyRecord = { ...record, evidence: { ...record.evidence, gradientMass: gradient.gradientMass, gradientTop1: gradient.gradientTop1 }, misfocusGradient };
    writeFileAtomic(file, JSON.stringify(upgraded, null, 2) + '\n');
    return upgraded;
  }
  const t0 = performance.now();
  const evaluation = await trainAndEvaluate({ config, runDir, label: `${config.backbone} ${options.row}`, environment: options.environment, io: options.io });
  const evidence = await frameEvidence({ runDir, split: 'test', seed: config.seed });
  const trainEvidence = await frameEvidence({ runDir, split: config.trainSplit, seed: config.seed });
  const misfocus = await probe();
  const { overall, groups, count } = evaluation.accuracy;
  const record: StudyRecord = { backbone: config.backbone, seed: config.seed, row: options.row, accuracy: { overall, groups, count }, evidence, trainEvidence, ...misfocus, seconds: Math.round((performance.now() - t0) / 100) / 10 };
  writeFileAtomic(file, JSON.stringify(record, null, 2) + '\n');
  return record;
}

/** Runs (or resumes) the study in `out`. */
export async function runStudy(options: { out: string; config: StudyConfig; io: CliIO; environment?: Readonly<Record<string, unknown>> }): Promise<StudyResults> {
  const { config, io } = options;
  const environment = options.environment ?? {};
  const records: StudyRecord[] = [];
  const teacher: Record<string, TeacherFrameQuality> = {};
  for (const seed of config.seeds) {
    const layout = reproduceLayout(path.join(options.out, `seed${seed}`));
    await prepareData(layout, { synth: config.synth, seed, vgt: config.backbones.includes('vgt') }, io);
    await prepareTeacher(layout, { teacher: config.teacher, seed }, io);
    const quality = await loadSplitTeacherQuality(layout.data, 'test', layout.teacherStore('test'));
    teacher[`seed${seed}`] = quality(0.5, 'argmax');
    for (const backbone of config.backbones) {
      const base = { dataset: layout.data, backbone, seed, teacher: layout.teacherStore('train'), ...config.train };
      const names = [...config.rows, ...(config.sweep ? SWEEP.map((p) => p.name).filter((n) => !config.rows.includes(n)) : [])];
      for (const p of SWEEP) {
        // The teacher's selection at a sweep point (soft guidance draws around the hard one at the same t).
        if (names.includes(p.name) && p.guidance === 'hard' && p.teacher === 'trained') teacher[`seed${seed} ${p.name}`] = quality(p.threshold, p.fallback);
      }
      for (const row of names) {
        const over = studyRowConfig(row);
        const trainConfig = resolveTrainConfig({ ...base, ...over }, config.trainPreset[backbone]);
        io.out(`study: seed ${seed}, ${backbone}, ${row}`);
        records.push(await runOne({ config: trainConfig, runDir: path.join(layout.root, 'runs', backbone, row), row, io, environment }));
      }
    }
  }
  const results: StudyResults = { format: 'sparc-study/1', config, records, teacher };
  fs.writeFileSync(path.join(options.out, 'study.json'), JSON.stringify(results, null, 2) + '\n');
  const lines = formatStudyTables(results);
  fs.writeFileSync(path.join(options.out, 'study.md'), lines.join('\n') + '\n');
  for (const line of lines) io.out(line);
  return results;
}

/** Mean and sample standard deviation. */
export function meanSd(xs: readonly number[]): { mean: number; sd: number; n: number } {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / Math.max(n, 1);
  const sd = n > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n };
}

function cell(xs: readonly (number | null)[], scale = 1, digits = 1, signed = false): string {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x)).map((x) => x * scale);
  if (v.length === 0) return '-';
  const { mean, sd, n } = meanSd(v);
  const m = `${signed && mean > 0 ? '+' : ''}${mean.toFixed(digits)}`;
  return n > 1 ? `${m} ± ${sd.toFixed(digits)}` : m;
}

/** Markdown tables per backbone: accuracy per row, then where the model looks (mean ± sd over seeds); teacher quality. */
export function formatStudyTables(results: StudyResults): string[] {
  const out: string[] = [];
  const backbones = [...new Set(results.records.map((r) => r.backbone))];
  for (const backbone of backbones) {
    const rows = [...new Set(results.records.filter((r) => r.backbone === backbone).map((r) => r.row))];
    const of = (row: string) => results.records.filter((r) => r.backbone === backbone && r.row === row);
    const name = backbone.toUpperCase();
    out.push(`### ${name}: test accuracy (%, mean ± sd over seeds)`, '');
    out.push('| row | seeds | C | T | D | All | All − baseline, same seed |');
    out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    const baseline = new Map(of('baseline').map((r) => [r.seed, r.accuracy.overall]));
    for (const row of rows) {
      const rs = of(row);
      // Paired by seed (same data, teacher and data order): the spread of the difference, not of each row.
      const paired = row === 'baseline' ? '' : cell(rs.map((r) => (baseline.has(r.seed) ? r.accuracy.overall - baseline.get(r.seed)! : null)), 1, 1, true);
      out.push(`| ${row} | ${rs.length} | ${cell(rs.map((r) => r.accuracy.groups.C ?? null))} | ${cell(rs.map((r) => r.accuracy.groups.T ?? null))} | ${cell(rs.map((r) => r.accuracy.groups.D ?? null))} | ${cell(rs.map((r) => r.accuracy.overall))} | ${paired} |`);
    }
    out.push('', `### ${name}: where the model finds its answer (test split, mean ± sd over seeds)`, '');
    out.push('| row | CE causal frames | CE random frames | attention on causal % | attention top-1 causal % | gradient on causal % | gradient top-1 causal % | uniform % | misfocus attention % | misfocus gradient % |');
    out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) {
      const rs = of(row);
      out.push(
        `| ${row} | ${cell(rs.map((r) => r.evidence.causalLoss), 1, 3)} | ${cell(rs.map((r) => r.evidence.randomLoss), 1, 3)} | ${cell(rs.map((r) => r.evidence.attentionMass), 100)} | ${cell(rs.map((r) => r.evidence.top1InCausal), 100)} | ` +
          `${cell(rs.map((r) => r.evidence.gradientMass ?? null), 100)} | ${cell(rs.map((r) => r.evidence.gradientTop1 ?? null), 100)} | ${cell(rs.map((r) => r.evidence.uniformMass), 100)} | ${cell(rs.map((r) => r.misfocusIdentical), 100)} | ${cell(rs.map((r) => r.misfocusGradient ?? null), 100)} |`,
      );
    }
    out.push('');
  }
  out.push('### Teacher causal frames vs ground truth (test split, %)', '');
  out.push('| teacher | t | fallback | precision | recall | C precision | T precision | D precision | frames/question | fallback rate | accuracy |');
  out.push('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, q] of Object.entries(results.teacher)) {
    const p = (x: number | undefined) => (x === undefined ? '-' : (100 * x).toFixed(1));
    out.push(`| ${name} | ${q.threshold} | ${q.fallback} | ${p(q.precision)} | ${p(q.recall)} | ${p(q.groups.C?.precision)} | ${p(q.groups.T?.precision)} | ${p(q.groups.D?.precision)} | ${q.framesSelected.toFixed(2)} | ${p(q.fallbackRate)} | ${p(q.accuracy)} |`);
  }
  return out;
}
