// `sparc probe misfocus` as a function (paper 4.1.1): the before/after swap probe of a trained video model
// (a `sparc train` run folder) or of the built-in image-QA teacher, on a synthetic dataset split.
import fs from 'node:fs';
import path from 'node:path';
import { DataError } from '../data/data-error.js';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { readGroundTruth } from '../synth/ground-truth.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import { openCheckpointFocusSource, type ClosableFocusSource } from './checkpoint-focus-source.js';
import { formatMisfocusTable } from './format-misfocus-table.js';
import { misfocusItems, probeMisfocus } from './misfocus-probe.js';
import type { IdenticalShare, MisfocusShare } from './misfocus-share.js';
import { swappedAnswerIndex, teacherFocusSource, type TeacherAnswerMode } from './teacher-focus-source.js';

/** Options of {@link runMisfocusProbe}; exactly one of `checkpoint` and `teacher`. */
export interface MisfocusProbeOptions {
  /** A synthetic dataset folder (`sparc synth`). */
  readonly dataset: string;
  readonly split: string;
  /** A `sparc train` run folder (HGA). */
  readonly checkpoint?: string;
  /** A built-in teacher file (saveTinyAlbefFile). */
  readonly teacher?: string;
  /** Video model: compare the k most attended frames. */
  readonly topK: number;
  /** Teacher: t of p_k[a] > t. */
  readonly threshold: number;
  /** Teacher: the candidate scored for the swapped wording (default `original`). */
  readonly teacherAnswer?: TeacherAnswerMode;
  /** Write the result as JSON here. */
  readonly json?: string;
  readonly batchSize?: number;
}

/** The JSON report. Shares are in [0, 1] (null: no samples). */
export interface MisfocusProbeJson {
  readonly source: 'checkpoint' | 'teacher';
  readonly split: string;
  /** Questions probed (holding "before" or "after"). */
  readonly samples: number;
  /** Questions left out: holding neither word; (teacher, answer `swapped`) without an answer to the swapped question. */
  readonly excluded: { readonly neither: number; readonly noSwappedAnswer: number };
  /** What the primary focus is. */
  readonly focus: string;
  /** Share of samples whose primary focus is identical for both wordings. */
  readonly identical: number | null;
  readonly byType: Readonly<Record<string, IdenticalShare>>;
  /** Share of samples whose primary focus lies inside the ground-truth causal frames of each wording. */
  readonly groundTruthHit: { readonly original: number | null; readonly swapped: number | null };
  readonly groundTruthSamples: { readonly original: number; readonly swapped: number };
  /** Every view (the teacher also has `argmax`), the primary one first. */
  readonly views: Readonly<Record<string, MisfocusShare>>;
}

/**
 * Runs the probe and returns the JSON report and the printed lines (also writes `json` when given).
 * @throws DataError for missing or malformed inputs (no synth.json for a checkpoint, no checkpoint, ...),
 *   for an unknown backbone
 */
export async function runMisfocusProbe(options: MisfocusProbeOptions): Promise<{ result: MisfocusProbeJson; lines: string[] }> {
  if ((options.checkpoint === undefined) === (options.teacher === undefined)) throw new Error('runMisfocusProbe: give exactly one of checkpoint and teacher');
  const files = syntheticSplitFiles(options.dataset, options.split);
  const rows = readNextQACsv(files.annotations).rows;
  const groundTruth = fs.existsSync(files.groundTruth) ? readGroundTruth(files.groundTruth) : undefined;
  const selected = misfocusItems(rows, groundTruth);
  const teacherAnswer = options.teacherAnswer ?? 'original';
  const items = options.teacher !== undefined && teacherAnswer === 'swapped' ? selected.items.filter((it) => swappedAnswerIndex(it) >= 0) : selected.items;
  let source: ClosableFocusSource;
  if (options.checkpoint !== undefined) {
    source = await openCheckpointFocusSource({ runDir: options.checkpoint, dataset: options.dataset, split: options.split, topK: options.topK });
  } else {
    const file = path.resolve(options.teacher!);
    if (!fs.existsSync(file)) throw new DataError(file, { file: true }, 'a built-in teacher file (sparc teacher fit / saveTinyAlbefFile)', 'no such file');
    const { loadTinyAlbefFile } = await import('@sparc-vqa/teacher/fs');
    const teacher = await loadTinyAlbefFile(file);
    try {
      source = await teacherFocusSource({ teacher, dataset: options.dataset, split: options.split, threshold: options.threshold, answer: teacherAnswer });
    } catch (error) {
      teacher.dispose();
      throw error;
    }
  }
  let views: Record<string, MisfocusShare>;
  try {
    views = await probeMisfocus(items, source, options.batchSize ?? 32);
  } finally {
    source.close();
  }
  const primary = views[source.views[0]]!;
  const result: MisfocusProbeJson = {
    source: options.checkpoint !== undefined ? 'checkpoint' : 'teacher',
    split: options.split,
    samples: primary.samples,
    excluded: { neither: selected.excluded, noSwappedAnswer: selected.items.length - items.length },
    focus: source.description,
    identical: primary.identical,
    byType: primary.byType,
    groundTruthHit: primary.groundTruthHit,
    groundTruthSamples: primary.groundTruthSamples,
    views,
  };
  const left = result.excluded.noSwappedAnswer > 0 ? `; ${result.excluded.noSwappedAnswer} more left out: the swapped question has no answer among the candidates` : '';
  const lines = [
    `misfocus probe (paper 4.1.1), ${options.split}: ${result.samples} questions with "before"/"after" swapped (${result.excluded.neither} without either word${left})`,
    `focus: ${result.focus}`,
    ...formatMisfocusTable(views),
  ];
  if (options.json !== undefined) {
    fs.mkdirSync(path.dirname(path.resolve(options.json)), { recursive: true });
    fs.writeFileSync(options.json, JSON.stringify(result, null, 2) + '\n');
    lines.push(`wrote ${options.json}`);
  }
  return { result, lines };
}
