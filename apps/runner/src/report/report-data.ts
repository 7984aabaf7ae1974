// What `sparc report` gathers from run, reproduction and study folders: plain JSON-able data, embedded in
// the page as is. Gathering (read-*, build-report-data) and drawing (render-report-html) meet only here.
import type { StudyResults } from '../study/run-study.js';

/** One `kind: 'step'` line of metrics.jsonl (loss terms are null when the term is off). */
export interface StepRecord {
  readonly epoch: number;
  readonly step: number;
  readonly loss: number | null;
  readonly guided: number | null;
  readonly consistency: number | null;
  readonly spatial: number | null;
  readonly whole: number | null;
  /** Training accuracy of the batch, a fraction. */
  readonly accuracy: number | null;
  readonly framesKept: number | null;
  readonly fallbackRate: number | null;
}

/** The per-step fields a report plots, in legend order. */
export const STEP_FIELDS = ['loss', 'guided', 'consistency', 'spatial', 'whole', 'accuracy', 'framesKept', 'fallbackRate'] as const;
export type StepField = (typeof STEP_FIELDS)[number];

/** One `kind: 'epoch'` line of metrics.jsonl: the evaluation after an epoch (accuracies in percent). */
export interface EpochRecord {
  readonly epoch: number;
  readonly step: number;
  readonly split: string;
  readonly count: number;
  readonly overall: number;
  readonly groups: Readonly<Record<string, number>>;
  readonly types: Readonly<Record<string, number>>;
}

/** Means of the step records of one epoch (null when no step of the epoch had the field). */
export type EpochMeans = { readonly epoch: number; readonly steps: number; readonly lastStep: number } & { readonly [F in StepField]: number | null };

/** One training run (a `sparc train` folder, or runs/baseline and runs/sparc of a reproduction). */
export interface RunSeries {
  readonly label: string;
  readonly dir: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly steps: readonly StepRecord[];
  /** Per-epoch means of the step records. */
  readonly epochMeans: readonly EpochMeans[];
  /** The evaluations after each epoch. */
  readonly evaluations: readonly EpochRecord[];
}

/** One series of the accuracy bars (percent; null where the series has no such question). */
export interface AccuracySeries {
  readonly label: string;
  /** Where the numbers come from, e.g. `results.json (test)` or `metrics.jsonl epoch 8 (val)`. */
  readonly source: string;
  readonly count: number | null;
  /** Aligned with `AccuracyBars.categories`. */
  readonly values: ReadonlyArray<number | null>;
}

/** Per-type accuracy of every method or run. */
export interface AccuracyBars {
  /** `All`, `C`, `T`, `D`, then the eval type codes that occur (CW CH TN TC DC DL DO). */
  readonly categories: readonly string[];
  readonly series: readonly AccuracySeries[];
}

/** The configuration fields whose values differ between the runs. */
export interface ConfigDifferences {
  readonly runs: readonly string[];
  /** One row per differing field; values as compact JSON, `-` where a run lacks the field. */
  readonly rows: ReadonlyArray<{ readonly field: string; readonly values: readonly string[] }>;
  /** How many fields are the same in every run. */
  readonly same: number;
}

/** The teacher's probabilities of the answer per frame of one question, with the frame markers. */
export interface TeacherStrip {
  readonly key: string;
  readonly type: string;
  readonly question: string;
  readonly candidates: readonly string[];
  readonly answer: number;
  /** p_k[answer] per frame k (length T). */
  readonly answerProbs: readonly number[];
  /** The teacher's most probable candidate per frame. */
  readonly topCandidate: readonly number[];
  /** The teacher's answer for the whole video: argmax of the frame-averaged probabilities. */
  readonly averagedPrediction: number;
  /** Frames selected as causal (p_k[a] > t, or the fallback), as the training run selects them. */
  readonly selected: readonly number[];
  readonly usedFallback: boolean;
  /** Ground-truth causal frames (the synthetic benchmark's ground truth). */
  readonly causal: readonly number[];
  /** The frames of the event the question names (the misfocus trap); [] for descriptive questions. */
  readonly anchor: readonly number[];
}

/** Micro-averaged agreement of the selected frames with the ground-truth causal frames. */
export interface FrameQuality {
  readonly questions: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Mean selected frames per question, and the share of questions that needed the fallback. */
  readonly framesSelected: number;
  readonly fallbackRate: number;
  /** Share of questions whose frame-averaged teacher prediction is the answer (null when not known). */
  readonly accuracy: number | null;
}

/** One epoch of the teacher's fit or fine-tune history. */
export interface TeacherHistoryEpoch {
  readonly epoch: number;
  readonly loss: number;
  /** Validation accuracy and per-frame accuracy (fractions), when validated. */
  readonly accuracy: number | null;
  readonly frameAccuracy: number | null;
}

/** The teacher part of a reproduction folder. */
export interface TeacherSection {
  readonly split: string;
  /** The store the strips come from, or null when it is missing. */
  readonly store: string | null;
  readonly threshold: number;
  readonly fallback: string;
  readonly minFrames: number;
  readonly maxFrames: number | null;
  readonly strips: readonly TeacherStrip[];
  /** Recomputed from the store and the ground truth over the whole split. */
  readonly quality: FrameQuality | null;
  /** `results.json`'s `teacher` numbers (as written by sparc reproduce). */
  readonly reported: Readonly<Record<string, unknown>> | null;
  readonly history: ReadonlyArray<{ readonly phase: string; readonly epochs: readonly TeacherHistoryEpoch[] }>;
}

/** One reproduction folder. */
export interface ReproductionSection {
  readonly label: string;
  readonly dir: string;
  readonly teacher: TeacherSection;
  /** Things the folder lacks (an unfinished reproduction), said in the report. */
  readonly notes: readonly string[];
}

/** The study folders (`sparc study --out`), merged into one set of results (readStudyFolders). */
export interface StudySection {
  readonly dirs: readonly string[];
  readonly results: StudyResults;
}

/** What kind of folder an input is. */
export type ReportFolderKind = 'run' | 'reproduction' | 'study';

/** Everything the page shows. */
export interface ReportData {
  readonly title: string;
  readonly generatedAt: string;
  readonly inputs: ReadonlyArray<{ readonly dir: string; readonly kind: ReportFolderKind }>;
  readonly runs: readonly RunSeries[];
  readonly accuracy: AccuracyBars;
  readonly configDifferences: ConfigDifferences;
  readonly reproductions: readonly ReproductionSection[];
  /** Present when study folders were given. */
  readonly study?: StudySection;
}
