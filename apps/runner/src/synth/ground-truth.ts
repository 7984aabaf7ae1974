// `ground_truth_{split}.json`: per question the ground-truth causal steps (and the anchor steps the
// question names), per video its script. Steps index the HGA clips and the teacher frames (one per clip).
import path from 'node:path';
import { DataError } from '../data/data-error.js';
import type { QuestionType } from '../data/nextqa/question-type.js';
import { readTextFile } from '../data/nextqa/read-nextqa-csv.js';
import { ACTIONS, ACTORS, LOCATIONS, OBJECTS } from './lexicon.js';
import type { SynthSplit } from './generate-split.js';
import type { QuestionTarget } from './synth-question.js';

/** Ground truth of one question. */
export interface GroundTruthQuestion {
  readonly type: QuestionType;
  /** Steps showing the answer (0-based clip / teacher-frame indices). */
  readonly causal: readonly number[];
  /** Steps of the event the question names ([] for descriptive questions). */
  readonly anchor: readonly number[];
  /** Candidate index shown by the anchor steps, -1 when none. */
  readonly anchorCandidate: number;
  readonly target: QuestionTarget;
}

/** Script of one video in words. */
export interface GroundTruthVideo {
  readonly location: string;
  /** Actor -> the object it holds. */
  readonly holding: Readonly<Record<string, string>>;
  /** Events in time order; `end` is exclusive. */
  readonly events: ReadonlyArray<{ readonly actor: string; readonly action: string; readonly start: number; readonly end: number }>;
}

/** The whole file. */
export interface GroundTruthFile {
  readonly format: 'sparc-synth-ground-truth/1';
  readonly split: string;
  /** Steps per video. */
  readonly frames: number;
  /** Keyed by `<video>_<qid>`. */
  readonly questions: Readonly<Record<string, GroundTruthQuestion>>;
  /** Keyed by video id. */
  readonly videos: Readonly<Record<string, GroundTruthVideo>>;
}

/** Builds the ground-truth JSON of a split (question keys in CSV row order). */
export function groundTruthOf(split: SynthSplit, frames: number): GroundTruthFile {
  const questions: Record<string, GroundTruthQuestion> = {};
  for (const row of split.rows) {
    const video = split.videos[row.video]!;
    const q = video.questions[row.qid]!;
    questions[`${video.id}_${row.qid}`] = { type: q.type, causal: q.causal, anchor: q.anchor, anchorCandidate: q.anchorCandidate, target: q.target };
  }
  const videos: Record<string, GroundTruthVideo> = {};
  for (const v of split.videos) {
    const s = v.script;
    videos[v.id] = {
      location: LOCATIONS[s.location]!,
      holding: Object.fromEntries(s.actors.map((a, i) => [ACTORS[a]!, OBJECTS[s.objects[i]!]!])),
      events: s.events.map((e) => ({ actor: ACTORS[s.actors[e.actor]!]!, action: ACTIONS[e.action]!.base, start: e.start, end: e.end })),
    };
  }
  return { format: 'sparc-synth-ground-truth/1', split: split.name, frames, questions, videos };
}

/**
 * Reads a ground-truth file.
 * @throws DataError for a missing file, invalid JSON or another format
 */
export function readGroundTruth(file: string): GroundTruthFile {
  const abs = path.resolve(file);
  let data: unknown;
  try {
    data = JSON.parse(readTextFile(abs, 'ground-truth file (JSON)'));
  } catch (error) {
    if (DataError.isInstance(error)) throw error;
    throw new DataError(abs, { file: true }, 'valid JSON', (error as Error).message, { cause: error });
  }
  const gt = data as Partial<GroundTruthFile> | null;
  if (gt?.format !== 'sparc-synth-ground-truth/1' || typeof gt.questions !== 'object' || typeof gt.videos !== 'object') {
    throw new DataError(abs, { file: true }, "format 'sparc-synth-ground-truth/1' with questions and videos", JSON.stringify(gt?.format ?? null));
  }
  return gt as GroundTruthFile;
}
