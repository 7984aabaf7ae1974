// Hand-made `sparc study` output folders for the tests of read-study-folders, study-svg and `sparc report`
// (the layout of run-study.ts: <out>/study.json and <out>/seed<N>/runs/<backbone>/<row>/study-record.json).
import fs from 'node:fs';
import path from 'node:path';
import type { StudyRecord } from '../run-study.js';
import type { StudyConfig } from '../study-config.js';
import type { TeacherFrameQuality } from '../../teacher/teacher-frame-quality.js';
import type { FrameEvidence } from '../frame-evidence.js';

/** Frame evidence with the given losses (the other fields fixed). */
export function evidence(causalLoss: number, randomLoss: number): FrameEvidence {
  return { questions: 10, causalLoss, randomLoss, causalAccuracy: 0.5, randomAccuracy: 0.3, attentionMass: 0.3, uniformMass: 0.25, top1InCausal: 0.4, gradientMass: 0.35, gradientTop1: 0.45 };
}

/** A record: accuracy `overall` and groups C, T, D (percent), causal/random CE. */
export function studyRecord(backbone: 'hga' | 'vgt', seed: number, row: string, acc: { overall: number; C: number; T: number; D: number }, ce: [number, number] = [1, 1.5]): StudyRecord {
  return {
    backbone,
    seed,
    row,
    accuracy: { overall: acc.overall, groups: { C: acc.C, T: acc.T, D: acc.D }, count: 30 },
    evidence: evidence(ce[0], ce[1]),
    trainEvidence: evidence(ce[0] - 0.1, ce[1]),
    misfocusIdentical: backbone === 'hga' ? 0.5 : null,
    seconds: 1.5,
  };
}

/** A teacher quality entry with the given precision and recall (fractions). */
export function teacherQuality(precision: number, recall: number, threshold = 0.5, fallback: TeacherFrameQuality['fallback'] = 'argmax'): TeacherFrameQuality {
  const cell = { questions: 10, precision, recall, f1: (2 * precision * recall) / (precision + recall), accuracy: 0.25, framesSelected: 3, fallbackRate: 0.2 };
  return { ...cell, threshold, fallback, groups: { C: cell, T: cell, D: cell } };
}

export const FIXTURE_STUDY_CONFIG: StudyConfig = {
  synth: 'default',
  teacher: {},
  trainPreset: { hga: 'synthetic', vgt: 'synthetic-vgt' },
  train: { epochs: 4 },
  seeds: [1],
  backbones: ['hga'],
  rows: ['baseline', 'T+S'],
  sweep: false,
};

/** The record file of `record` under `out`. */
export function studyRecordFile(out: string, record: Pick<StudyRecord, 'backbone' | 'seed' | 'row'>): string {
  return path.join(out, `seed${record.seed}`, 'runs', record.backbone, record.row, 'study-record.json');
}

/**
 * Writes a study folder: one study-record.json per record, and a study.json (its `records` are the
 * given ones; its config `config`) unless `teacher` is null (an unfinished invocation).
 */
export function writeStudyFolder(out: string, records: readonly StudyRecord[], teacher: Record<string, TeacherFrameQuality> | null, config: StudyConfig = FIXTURE_STUDY_CONFIG): string {
  for (const r of records) {
    const file = studyRecordFile(out, r);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(r, null, 2) + '\n');
  }
  fs.mkdirSync(out, { recursive: true });
  if (teacher !== null) fs.writeFileSync(path.join(out, 'study.json'), JSON.stringify({ format: 'sparc-study/1', config, records, teacher }, null, 2) + '\n');
  return out;
}
