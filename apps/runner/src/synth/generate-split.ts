// The content of one split: video scripts with ids and sizes, their questions, and the CSV row order.
import type { SynthConfig } from './synth-config.js';
import { generateQuestions, type SynthQuestion } from './synth-question.js';
import { createSynthRng } from './synth-rng.js';
import { generateVideoScript, type VideoScript } from './video-script.js';

export const SPLITS = ['train', 'val', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];

/** Frame sizes drawn for videos (common NExT-QA sizes). */
const FRAME_SIZES: ReadonlyArray<readonly [number, number]> = [[640, 480], [640, 360], [480, 360], [496, 370]];

/** A generated video and its questions. */
export interface SynthVideo {
  /** NExT-QA-style integer id (as a string). */
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly frameCount: number;
  readonly script: VideoScript;
  readonly questions: readonly SynthQuestion[];
}

/** One CSV row: which question of which video (qid = question index within its video). */
export interface SplitRow {
  readonly video: number;
  readonly qid: number;
}

/** A generated split. */
export interface SynthSplit {
  readonly name: SplitName;
  readonly videos: readonly SynthVideo[];
  /** CSV rows in file order (shuffled across videos, like NExT-QA's files). */
  readonly rows: readonly SplitRow[];
}

/**
 * Generates a split deterministically from (config.seed, split name). `usedIds` keeps video ids unique
 * across splits (ids taken here are added to it).
 */
export function generateSplit(config: SynthConfig, name: SplitName, usedIds: Set<string>): SynthSplit {
  const rng = createSynthRng(config.seed, `split/${name}`);
  const videos: SynthVideo[] = [];
  for (let v = 0; v < config.videos[name]; v += 1) {
    let id: string;
    do id = String(2_000_000_000 + rng.int(7_000_000_000));
    while (usedIds.has(id));
    usedIds.add(id);
    const [width, height] = rng.pick(FRAME_SIZES);
    const script = generateVideoScript(rng, config);
    const questions = generateQuestions(rng, script, config.questionMix, config.questionsPerVideo);
    videos.push({ id, width, height, frameCount: config.frames * config.framesPerClip, script, questions });
  }
  const rows = rng.shuffle(videos.flatMap((video, vi) => video.questions.map((_, qid) => ({ video: vi, qid }))));
  return { name, videos, rows };
}
