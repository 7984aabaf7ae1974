// The benchmark's evidence: an oracle that knows how every action, place and object looks (class-mean
// prototypes of the training split's features) answers each test question by looking only at a chosen set
// of frames. Comparing frame sets shows where the answer is: in the ground-truth causal frames, not in
// the anchor frames the question names (those point to the anchor-action candidate), not in one random
// frame, and not in all frames without knowing where to look.
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import { questionGroup, type QuestionGroup } from '../data/nextqa/question-type.js';
import { openHGAVideoFeatures } from '../data/hdf5/hga-video-features.js';
import { openTeacherFrames } from '../data/hdf5/teacher-frames.js';
import { readGroundTruth, type GroundTruthFile } from './ground-truth.js';
import { ACTIONS, ACTORS, COUNT_WORDS, LOCATIONS, OBJECTS } from './lexicon.js';
import { createPrototypes, type Prototypes, type StepLabel } from './prototypes.js';
import { syntheticSplitFiles } from './synth-layout.js';

/** The frame sets the oracle is shown. */
export const FRAME_SETS = ['causal', 'anchor', 'anchorPointsToAnchor', 'randomFrame', 'allFrames', 'nonCausal'] as const;
export type FrameSet = (typeof FRAME_SETS)[number];
export type AnalysisGroup = QuestionGroup | 'all';

/** Expected accuracy (percent) and question count of one cell. */
export interface AnalysisCell {
  readonly percent: number;
  readonly count: number;
}

/** Options of {@link analyzeSyntheticBenchmark}. */
export interface AnalyzeBenchmarkOptions {
  /** A folder written by `sparc synth`. */
  readonly dir: string;
  /** The split whose questions are answered (default 'test'). */
  readonly split?: string;
  /** The split the prototypes are estimated from (default 'train'). */
  readonly prototypeSplit?: string;
  /** Which rendering the oracle looks at: the video (HGA) features (default) or the teacher frames. */
  readonly features?: 'video' | 'teacher';
}

/** Rows = frame sets, columns = C, T, D, all; a cell is missing when no question of the group has that set. */
export type BenchmarkAnalysis = Readonly<Record<FrameSet, Partial<Record<AnalysisGroup, AnalysisCell>>>>;

type StepLabels = StepLabel;

function stepLabels(gt: GroundTruthFile, video: string): StepLabels[] {
  const v = gt.videos[video]!;
  const location = LOCATIONS.indexOf(v.location);
  const labels: StepLabels[] = Array.from({ length: gt.frames }, () => ({ location, actor: -1, object: -1, action: -1 }));
  for (const e of v.events) {
    const label = { location, actor: ACTORS.indexOf(e.actor), object: OBJECTS.indexOf(v.holding[e.actor]!), action: ACTIONS.findIndex((a) => a.base === e.action) };
    for (let s = e.start; s < e.end; s += 1) labels[s] = label;
  }
  return labels;
}

async function loadFeatures(dir: string, split: string, kind: 'video' | 'teacher', videos: readonly string[]): Promise<{ data: Float32Array; dim: number; steps: number }> {
  const files = syntheticSplitFiles(dir, split);
  if (kind === 'teacher') {
    const t = await openTeacherFrames(files.teacher);
    try {
      return { data: t.read(videos).frames, dim: t.dim, steps: t.frames };
    } finally {
      t.close();
    }
  }
  const v = await openHGAVideoFeatures(files.video);
  try {
    return { data: v.read(videos), dim: v.dim, steps: v.clips };
  } finally {
    v.close();
  }
}

/**
 * Expected correctness of choosing the candidate with the most frame votes (ties and no votes broken
 * uniformly at random): 1/|tied| when the answer is among the leaders.
 */
function expectedHit(votes: readonly number[], target: number): number {
  const best = Math.max(...votes);
  const leaders = votes.flatMap((v, i) => (v === best ? [i] : []));
  return leaders.includes(target) ? 1 / leaders.length : 0;
}

/** Runs of index-adjacent steps among `steps` (sorted) for which `hit` is true. */
function countRuns(steps: readonly number[], hit: (s: number) => boolean): number {
  let runs = 0;
  let prev = -2;
  for (const s of steps) {
    if (hit(s)) {
      if (s !== prev + 1) runs += 1;
      prev = s;
    }
  }
  return runs;
}

/** The candidate indices the oracle's view of `steps` points to, as expected hits for `target`. */
function answerFrom(row: NextQARow, target: string, steps: readonly number[], classify: (s: number) => StepLabels, want: number): number {
  const n = row.candidates.length;
  if (target === 'count') {
    const action = ACTIONS.findIndex((a) => row.question.endsWith(` ${a.base}`));
    const runs = countRuns(steps, (s) => classify(s).action === action);
    const idx = row.candidates.indexOf(COUNT_WORDS[runs - 1] ?? '');
    return idx < 0 ? (want >= 0 ? 1 / n : 0) : idx === want ? 1 : 0;
  }
  const names = target === 'action' ? ACTIONS.map((a) => a.base) : target === 'location' ? LOCATIONS : OBJECTS;
  const votes = new Array<number>(n).fill(0);
  for (const s of steps) {
    const label = classify(s);
    const value = target === 'action' ? label.action : target === 'location' ? label.location : label.object;
    const c = value < 0 ? -1 : row.candidates.indexOf(names[value]!);
    if (c >= 0) votes[c]! += 1;
  }
  return expectedHit(votes, want);
}

/**
 * Answers every question of `split` from frame subsets with a nearest-prototype oracle and returns the
 * expected accuracy (percent) per frame set and group. `anchorPointsToAnchor` is the share of questions
 * whose anchor frames lead the oracle to the anchor-action candidate (a wrong answer by construction).
 */
export async function analyzeSyntheticBenchmark(options: AnalyzeBenchmarkOptions): Promise<BenchmarkAnalysis> {
  const split = options.split ?? 'test';
  const protoSplit = options.prototypeSplit ?? 'train';
  const kind = options.features ?? 'video';
  const protoGt = readGroundTruth(syntheticSplitFiles(options.dir, protoSplit).groundTruth);
  const protoVideos = Object.keys(protoGt.videos);
  const protoFeat = await loadFeatures(options.dir, protoSplit, kind, protoVideos);
  const prototypes: Prototypes = createPrototypes(protoFeat.data, protoFeat.dim, protoVideos.flatMap((v) => stepLabels(protoGt, v)));

  const files = syntheticSplitFiles(options.dir, split);
  const gt = readGroundTruth(files.groundTruth);
  const { rows } = readNextQACsv(files.annotations);
  const videos = [...new Set(rows.map((r) => r.video))];
  const feat = await loadFeatures(options.dir, split, kind, videos);
  const rowOfVideo = new Map(videos.map((v, i) => [v, i]));
  const T = feat.steps;
  const cache = new Map<string, StepLabels>();
  const classifyStep = (video: string) => (s: number) => {
    const key = `${video}/${s}`;
    let label = cache.get(key);
    if (label === undefined) {
      label = prototypes.classify(feat.data, (rowOfVideo.get(video)! * T + s) * feat.dim);
      cache.set(key, label);
    }
    return label;
  };

  const sums = new Map<string, { hit: number; count: number }>();
  const add = (set: FrameSet, group: AnalysisGroup, hit: number) => {
    const cell = sums.get(`${set}/${group}`) ?? { hit: 0, count: 0 };
    cell.hit += hit;
    cell.count += 1;
    sums.set(`${set}/${group}`, cell);
  };
  const all = Array.from({ length: T }, (_, s) => s);
  for (const row of rows) {
    const q = gt.questions[row.key]!;
    const classify = classifyStep(row.video);
    const answer = (steps: readonly number[], want = row.answer) => answerFrom(row, q.target, steps, classify, want);
    const nonCausal = all.filter((s) => !q.causal.includes(s));
    const scores: Partial<Record<FrameSet, number>> = {
      causal: answer(q.causal),
      randomFrame: all.reduce((sum, s) => sum + answer([s]), 0) / T,
      allFrames: answer(all),
      nonCausal: nonCausal.length === 0 ? 1 / row.candidates.length : answer(nonCausal),
    };
    if (q.anchor.length > 0) {
      scores.anchor = answer(q.anchor);
      scores.anchorPointsToAnchor = answer(q.anchor, q.anchorCandidate);
    }
    for (const [set, hit] of Object.entries(scores) as Array<[FrameSet, number]>) {
      add(set, questionGroup(row.type), hit);
      add(set, 'all', hit);
    }
  }
  const result = {} as Record<FrameSet, Partial<Record<AnalysisGroup, AnalysisCell>>>;
  for (const set of FRAME_SETS) {
    result[set] = {};
    for (const group of ['C', 'T', 'D', 'all'] as const) {
      const cell = sums.get(`${set}/${group}`);
      if (cell !== undefined) result[set][group] = { percent: (100 * cell.hit) / cell.count, count: cell.count };
    }
  }
  return result;
}
