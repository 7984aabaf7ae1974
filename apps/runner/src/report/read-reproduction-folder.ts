// Reads a reproduction folder written by `sparc reproduce` (layout: reproduce/reproduce-layout.ts):
// results.json, the baseline and SpARC runs, the teacher's history and its per-frame probabilities
// for one split next to that split's ground-truth causal frames.
import fs from 'node:fs';
import path from 'node:path';
import { DataError, describeValue } from '../data/data-error.js';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { reproduceLayout, type ReproduceLayout } from '../reproduce/reproduce-layout.js';
import { readGroundTruth } from '../synth/ground-truth.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import type { AccuracyInput } from './accuracy-bars.js';
import type { FrameSelectionOptions } from './causal-frame-markers.js';
import { frameQuality, type FrameSelectionOutcome } from './frame-quality.js';
import { pickSampleQuestions } from './pick-sample-questions.js';
import { isRunFolder, readJsonFile, readRunFolder } from './read-run-folder.js';
import type { ReproductionSection, RunSeries, TeacherHistoryEpoch, TeacherSection, TeacherStrip } from './report-data.js';
import { teacherStrip } from './teacher-strip.js';

/** What a reproduction folder contributes to the report. */
export interface ReproductionFolder {
  readonly section: ReproductionSection;
  /** The baseline and SpARC runs that exist. */
  readonly runs: readonly RunSeries[];
  /** results.json's baseline and SpARC accuracies (empty when results.json is not written yet). */
  readonly accuracy: readonly AccuracyInput[];
}

/** Options of {@link readReproductionFolder}. */
export interface ReadReproductionOptions {
  /** Prefix of the run labels (`''`: plain `baseline` and `SpARC`). */
  readonly label: string;
  /** Split of the teacher strips and the recomputed precision/recall (default `test`). */
  readonly split?: string;
  /** Number of teacher strips (default 6). */
  readonly samples?: number;
}

/** True when `dir` has results.json, reproduce.json, or a baseline or SpARC run folder under runs/. */
export function isReproductionFolder(dir: string): boolean {
  const layout = reproduceLayout(dir);
  return fs.existsSync(layout.results) || fs.existsSync(path.join(layout.root, 'reproduce.json')) || isRunFolder(layout.runs.baseline) || isRunFolder(layout.runs.sparc);
}

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** results.json, checked where the report reads it. */
function readResults(file: string): Json {
  const json = readJsonFile(file, 'reproduction results.json');
  if (!isObject(json)) throw new DataError(file, { file: true }, 'a JSON object', describeValue(json));
  for (const method of ['baseline', 'sparc']) {
    const m = json[method];
    if (m === undefined) continue;
    if (!isObject(m) || typeof m['overall'] !== 'number') throw new DataError(file, { key: method }, "an object with a number 'overall' (percent)", describeValue(m));
    if (m['groups'] !== undefined && !isObject(m['groups'])) throw new DataError(file, { key: `${method}.groups` }, 'an object of percentages', describeValue(m['groups']));
  }
  if (json['teacher'] !== undefined && !isObject(json['teacher'])) throw new DataError(file, { key: 'teacher' }, 'an object (precision, recall, ...)', describeValue(json['teacher']));
  return json;
}

function accuracyOf(label: string, source: string, m: Json): AccuracyInput {
  return {
    label,
    source,
    count: typeof m['count'] === 'number' ? m['count'] : null,
    overall: m['overall'] as number,
    groups: (m['groups'] as AccuracyInput['groups'] | undefined) ?? {},
    types: isObject(m['types']) ? (m['types'] as AccuracyInput['types']) : {},
  };
}

/** The teacher's fit / fine-tune history (`{ fit: { epochs: [...] }, fineTune: { epochs: [...] } }`). */
function readTeacherHistory(file: string): TeacherSection['history'] {
  const json = readJsonFile(file, 'teacher history.json');
  if (!isObject(json)) throw new DataError(file, { file: true }, 'a JSON object { fit, fineTune }', describeValue(json));
  const phases: Array<{ phase: string; epochs: TeacherHistoryEpoch[] }> = [];
  for (const [phase, history] of Object.entries(json)) {
    if (!isObject(history) || !Array.isArray(history['epochs'])) continue;
    const epochs = (history['epochs'] as unknown[]).map((e, i) => {
      if (!isObject(e) || typeof e['epoch'] !== 'number' || typeof e['loss'] !== 'number') {
        throw new DataError(file, { key: `${phase}.epochs[${i}]` }, 'an object with numbers epoch and loss', describeValue(e));
      }
      const v = isObject(e['validation']) ? e['validation'] : {};
      return {
        epoch: e['epoch'],
        loss: e['loss'],
        accuracy: typeof v['accuracy'] === 'number' ? v['accuracy'] : null,
        frameAccuracy: typeof v['frameAccuracy'] === 'number' ? v['frameAccuracy'] : null,
      };
    });
    phases.push({ phase, epochs });
  }
  return phases;
}

/** The SpARC run's selection options (its config.json), else results.json's threshold, else 0.5. */
function selectionOf(sparc: RunSeries | undefined, results: Json | null): FrameSelectionOptions {
  const c = sparc?.config ?? {};
  const training = isObject(results?.['training']) ? (results['training'] as Json) : {};
  const threshold = typeof c['threshold'] === 'number' ? c['threshold'] : typeof training['threshold'] === 'number' ? training['threshold'] : 0.5;
  const fallback = c['fallback'] === 'all' || c['fallback'] === 'skip' ? c['fallback'] : 'argmax';
  return {
    threshold,
    fallback,
    minFrames: typeof c['minFrames'] === 'number' ? c['minFrames'] : 0,
    maxFrames: typeof c['maxFrames'] === 'number' ? c['maxFrames'] : null,
  };
}

/** The per-frame probabilities of every record of a store (opened read-only). */
async function readStore(file: string): Promise<{ candidates: number; frames: number; records: Map<string, Float32Array> }> {
  const { openTeacherStore } = await import('@sparc-vqa/teacher/fs');
  const store = await openTeacherStore(file, { readonly: true });
  try {
    const records = new Map<string, Float32Array>();
    for await (const record of store.entries()) records.set(record.key, record.probs);
    return { candidates: store.header.candidates, frames: store.header.framesPerVideo, records };
  } finally {
    await store.close();
  }
}

async function teacherSection(layout: ReproduceLayout, split: string, samples: number, selection: FrameSelectionOptions, results: Json | null, notes: string[]): Promise<TeacherSection> {
  const base = {
    split,
    threshold: selection.threshold,
    fallback: selection.fallback,
    minFrames: selection.minFrames ?? 0,
    maxFrames: selection.maxFrames ?? null,
    reported: isObject(results?.['teacher']) ? (results['teacher'] as Json) : null,
    history: fs.existsSync(layout.teacherHistory) ? readTeacherHistory(layout.teacherHistory) : [],
  };
  const storeFile = layout.teacherStore(split);
  const files = syntheticSplitFiles(layout.data, split);
  const missing = [storeFile, files.annotations, files.groundTruth].filter((f) => !fs.existsSync(f));
  if (missing.length > 0) {
    notes.push(`no teacher strips: ${missing.map((f) => path.relative(layout.root, f)).join(', ')} not found`);
    return { ...base, store: null, strips: [], quality: null };
  }
  const store = await readStore(storeFile);
  const rows = readNextQACsv(files.annotations).rows;
  const truth = readGroundTruth(files.groundTruth);
  for (const r of rows) {
    if (r.candidates.length !== store.candidates) {
      throw new DataError(storeFile, { key: 'candidates' }, `${r.candidates.length} candidates per question (as ${path.basename(files.annotations)})`, String(store.candidates));
    }
  }
  const usable = rows.filter((r) => store.records.has(r.key) && truth.questions[r.key] !== undefined);
  if (usable.length < rows.length) notes.push(`${rows.length - usable.length} of ${rows.length} ${split} questions have no teacher record or ground truth`);
  const all = new Map<string, TeacherStrip>();
  for (const row of usable) all.set(row.key, teacherStrip(row, store.records.get(row.key)!, truth.questions[row.key]!, store.candidates, selection));
  const strips = pickSampleQuestions(usable, samples).map((row) => all.get(row.key)!);
  const outcomes: FrameSelectionOutcome[] = [...all.values()];
  return { ...base, store: storeFile, strips, quality: frameQuality(outcomes) };
}

/**
 * Reads a reproduction folder. Parts an unfinished reproduction has not written yet (results.json,
 * a run, the teacher store) are left out and said in `section.notes`; malformed files are errors.
 * @throws DataError for a malformed results.json, run folder, history or CSV / ground truth
 */
export async function readReproductionFolder(dir: string, options: ReadReproductionOptions): Promise<ReproductionFolder> {
  const layout = reproduceLayout(dir);
  const split = options.split ?? 'test';
  const samples = options.samples ?? 6;
  const notes: string[] = [];
  const prefix = options.label === '' ? '' : `${options.label}: `;
  const runs: RunSeries[] = [];
  const named = { baseline: 'baseline', sparc: 'SpARC' } as const;
  for (const which of ['baseline', 'sparc'] as const) {
    if (isRunFolder(layout.runs[which])) runs.push(readRunFolder(layout.runs[which], `${prefix}${named[which]}`));
    else notes.push(`runs/${which} has no config.json and metrics.jsonl yet`);
  }
  let results: Json | null = null;
  const accuracy: AccuracyInput[] = [];
  if (fs.existsSync(layout.results)) {
    results = readResults(layout.results);
    const on = typeof results['split'] === 'string' ? results['split'] : 'test';
    for (const which of ['baseline', 'sparc'] as const) {
      const m = results[which];
      if (isObject(m)) accuracy.push(accuracyOf(`${prefix}${named[which]}`, `results.json (${on})`, m));
    }
  } else {
    notes.push('results.json is not written yet (the reproduction has not finished)');
  }
  const sparc = runs.find((r) => r.dir === layout.runs.sparc);
  const teacher = await teacherSection(layout, split, samples, selectionOf(sparc, results), results, notes);
  return { section: { label: options.label === '' ? path.basename(layout.root) : options.label, dir: layout.root, teacher, notes }, runs, accuracy };
}
