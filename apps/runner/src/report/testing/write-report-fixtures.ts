// Hand-made run and reproduction folders for the report's tests (small enough to derive every number
// by hand; the derivations are in the tests).
import fs from 'node:fs';
import path from 'node:path';
import { openTeacherStore } from '@sparc-vqa/teacher/fs';
import { reproduceLayout } from '../../reproduce/reproduce-layout.js';

/** Writes `<dir>/config.json` and `<dir>/metrics.jsonl` (records written as given, one per line). */
export function writeRunFolder(dir: string, config: Record<string, unknown>, records: readonly Record<string, unknown>[]): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ config, environment: { backend: 'cpu' } }, null, 2));
  fs.writeFileSync(path.join(dir, 'metrics.jsonl'), records.map((r) => JSON.stringify(r) + '\n').join(''));
  return dir;
}

/** A step line with every term (null where not given). */
export function stepLine(epoch: number, step: number, values: Record<string, number | null>): Record<string, unknown> {
  return { kind: 'step', epoch, step, lr: 0.001, loss: null, guided: null, consistency: null, spatial: null, whole: null, accuracy: null, framesKept: null, fallbackRate: null, ...values };
}

/** An epoch evaluation line. */
export function epochLine(epoch: number, step: number, overall: number, groups: Record<string, number>, types: Record<string, number> = {}): Record<string, unknown> {
  return { kind: 'epoch', epoch, step, split: 'val', count: 16, overall, groups, types };
}

export const BASELINE_CONFIG = { backbone: 'hga', teacher: null, temporal: false, spatial: false, threshold: 0.5, fallback: 'argmax', minFrames: 0, maxFrames: null, mixup: 'none', lr: 0.001, seed: 0 };
export const SPARC_CONFIG = { ...BASELINE_CONFIG, teacher: '/x/teacher/train.sptk', temporal: true, spatial: true, mixup: 'tgm' };

/** Baseline: epoch 1 = steps 1-2 (loss 2, 1; accuracy .25, .5), epoch 2 = step 3 (loss .6, accuracy .75). */
export const BASELINE_LINES = [
  stepLine(1, 1, { loss: 2, whole: 2, accuracy: 0.25 }),
  stepLine(1, 2, { loss: 1, whole: 1, accuracy: 0.5 }),
  epochLine(1, 2, 40, { C: 50, T: 25, D: 50 }),
  stepLine(2, 3, { loss: 0.6, whole: 0.6, accuracy: 0.75 }),
  epochLine(2, 3, 50, { C: 50, T: 25, D: 100 }, { CW: 50, TN: 25, DL: 100 }),
];

/** SpARC: the guided, consistency and spatial terms, and the frames kept. */
export const SPARC_LINES = [
  stepLine(1, 1, { loss: 3, guided: 1.5, consistency: 0.5, spatial: 1, accuracy: 0.5, framesKept: 2, fallbackRate: 0.5 }),
  stepLine(1, 2, { loss: 2, guided: 1, consistency: 0.25, spatial: 0.75, accuracy: 0.5, framesKept: 3, fallbackRate: 0 }),
  epochLine(1, 2, 45, { C: 50, T: 50, D: 50 }),
];

/**
 * The four test questions (T = 4 frames, C = 5 candidates) and p_k[answer]:
 *   100_0 CW answer 1: [.9, .2, .6, .1]  causal [0, 1]  anchor [3]
 *   100_1 TN answer 0: [.1, .3, .2, .4]  causal [3]     anchor [0]
 *   101_0 DL answer 2: [.7, .7, .7, .7]  causal [0..3]  anchor []
 *   101_1 CH answer 4: [.5, .5, .3, .2]  causal [1]     anchor [2]  (the rest of each row on candidate 0)
 * The other rows spread 1 - p over the four other candidates.
 */
export const FIXTURE_QUESTIONS = [
  { video: '100', qid: 0, type: 'CW', answer: 1, p: [0.9, 0.2, 0.6, 0.1], causal: [0, 1], anchor: [3], restOn: null },
  { video: '100', qid: 1, type: 'TN', answer: 0, p: [0.1, 0.3, 0.2, 0.4], causal: [3], anchor: [0], restOn: null },
  { video: '101', qid: 0, type: 'DL', answer: 2, p: [0.7, 0.7, 0.7, 0.7], causal: [0, 1, 2, 3], anchor: [], restOn: null },
  { video: '101', qid: 1, type: 'CH', answer: 4, p: [0.5, 0.5, 0.3, 0.2], causal: [1], anchor: [2], restOn: 0 },
] as const;

function probsOf(q: (typeof FIXTURE_QUESTIONS)[number]): number[][] {
  return q.p.map((pa) => Array.from({ length: 5 }, (_, c) => (c === q.answer ? pa : q.restOn === null ? (1 - pa) / 4 : c === q.restOn ? 1 - pa : 0)));
}

/** What to leave out of a reproduction folder (an unfinished one). */
export interface ReproductionFixtureOptions {
  readonly results?: boolean;
  readonly store?: boolean;
  readonly sparcRun?: boolean;
}

/** Writes a reproduction folder in the `sparc reproduce` layout with the questions above. */
export async function writeReproductionFolder(dir: string, options: ReproductionFixtureOptions = {}): Promise<string> {
  const layout = reproduceLayout(dir);
  fs.mkdirSync(layout.data, { recursive: true });
  const header = 'video,frame_count,width,height,question,answer,qid,type,a0,a1,a2,a3,a4';
  const rows = FIXTURE_QUESTIONS.map((q) => `${q.video},64,320,240,question ${q.video} ${q.qid},${q.answer},${q.qid},${q.type},c0,c1,c2,c3,c4`);
  fs.writeFileSync(path.join(layout.data, 'test.csv'), [header, ...rows].join('\n') + '\n');
  const questions = Object.fromEntries(FIXTURE_QUESTIONS.map((q) => [`${q.video}_${q.qid}`, { type: q.type, causal: q.causal, anchor: q.anchor, anchorCandidate: -1, target: { kind: 'action', action: 0 } }]));
  fs.writeFileSync(path.join(layout.data, 'ground_truth_test.json'), JSON.stringify({ format: 'sparc-synth-ground-truth/1', split: 'test', frames: 4, questions, videos: {} }));
  writeRunFolder(layout.runs.baseline, BASELINE_CONFIG, BASELINE_LINES);
  if (options.sparcRun !== false) writeRunFolder(layout.runs.sparc, SPARC_CONFIG, SPARC_LINES);
  if (options.store !== false) {
    fs.mkdirSync(path.dirname(layout.teacherStore('test')), { recursive: true });
    const store = await openTeacherStore(layout.teacherStore('test'), { create: { teacherId: 'fixture', dataset: 'fixture', split: 'test', candidates: 5, framesPerVideo: 4 } });
    for (const q of FIXTURE_QUESTIONS) await store.put({ key: `${q.video}_${q.qid}`, probs: probsOf(q) });
    await store.close();
    fs.writeFileSync(layout.teacherHistory, JSON.stringify({ fit: { config: {}, epochs: [{ epoch: 1, epochs: 2, loss: 1.5, validation: { accuracy: 0.5, frameAccuracy: 0.4 } }, { epoch: 2, epochs: 2, loss: 1 }] } }));
  }
  if (options.results !== false) {
    const method = (overall: number, C: number) => ({ overall, groups: { C, T: 50, D: 100 }, types: { CW: C, CH: C, TN: 50, DL: 100 }, count: 4 });
    fs.writeFileSync(layout.results, JSON.stringify({ format: 'sparc-reproduce/1', split: 'test', baseline: method(50, 0), sparc: method(75, 50), teacher: { threshold: 0.5, fallback: 'argmax', precision: 0.75, recall: 0.75, f1: 0.75, questions: 4 } }));
  }
  return layout.root;
}
