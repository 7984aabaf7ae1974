// Frame captions from the training split's video scripts: the stand-in for the image-caption corpus ALBEF is
// pre-trained on (paper A.1; Li et al. 2021), since its weights cannot be downloaded. Each teacher frame k of
// a training video shows step k of the script (ground_truth_{split}.json); a caption example asks which of C
// captions describes the frame, worded with the vocabulary of the questions and candidates. The frames of a
// video that share a caption form one example (with the per-frame objective its loss is the sum of the
// frames' losses, as separate examples with the same candidates would give, but the text is encoded once).
import type { GroundTruthFile, GroundTruthVideo } from '../synth/ground-truth.js';
import { createSynthRng } from '../synth/synth-rng.js';

/**
 * What a caption names:
 * - `action`: the action of the event the step shows, in candidate form ("push cart"); event steps only.
 * - `place`: the place ("kitchen"); every step (an idle step shows only the place).
 * - `object`: the object held by the acting actor ("cup"); event steps only.
 * - `scene`: everything visible ("the boy holding the cup push cart in the kitchen"; an idle step:
 *   "nobody in the kitchen").
 */
export const CAPTION_KINDS = ['action', 'place', 'object', 'scene'] as const;
export type CaptionKind = (typeof CAPTION_KINDS)[number];

/** The fixed prompt question of each kind (ALBEF's captions come without a question). */
export const CAPTION_PROMPTS: Readonly<Record<CaptionKind, string>> = Object.freeze({
  action: 'what is happening in this frame',
  place: 'where is this frame',
  object: 'what is held in this frame',
  scene: 'what does this frame show',
});

/** One caption-matching example: frames of `video` showing the same caption, the prompt, C captions and the true one. */
export interface FrameCaptionExample {
  readonly video: string;
  /** Steps = teacher frame indices (0-based, ascending) whose caption of this kind is the true one. */
  readonly frames: readonly number[];
  readonly kind: CaptionKind;
  readonly question: string;
  readonly candidates: readonly string[];
  readonly answer: number;
}

/** A video of the ground truth whose events do not fit its step count. */
export class FrameCaptionError extends Error {
  override readonly name = 'FrameCaptionError';
  constructor(readonly file: string, readonly field: string, readonly expected: string, readonly actual: string) {
    super(`${file}: ${field} must be ${expected}, got ${actual}`);
  }
}

/** The caption of `kind` for step `step` of `video`, or null when the step does not show it (idle step). */
export function stepCaption(video: GroundTruthVideo, step: number, kind: CaptionKind): string | null {
  const event = video.events.find((e) => e.start <= step && step < e.end);
  if (kind === 'place') return video.location;
  if (event === undefined) return kind === 'scene' ? `nobody in the ${video.location}` : null;
  const object = video.holding[event.actor] ?? '';
  if (kind === 'action') return event.action;
  if (kind === 'object') return object;
  return `the ${event.actor} holding the ${object} ${event.action} in the ${video.location}`;
}

/**
 * Caption examples for every video of `groundTruth` (videos in key order, then `kinds` in the given order,
 * then captions in order of their first step); every step that shows a caption of a kind is in exactly one
 * example of that kind. Distractors are distinct captions of the same kind, never the true one: first
 * other captions of the same video (hard negatives sharing place and actors, like the questions'
 * in-video candidates), then captions of other videos; both drawn with a stream of (seed, video, kind,
 * caption), so an example does not depend on which other examples are built. Idle-step captions are never
 * distractors (they are true of every step of their video as far as the place goes). When fewer than
 * `candidates` distinct captions of a kind exist, examples get all there are (at least 2, else none).
 * @throws FrameCaptionError when an event lies outside the split's `frames` steps
 */
export function buildFrameCaptions(
  groundTruth: GroundTruthFile,
  options: {
    readonly seed: number;
    readonly kinds: readonly CaptionKind[];
    readonly candidates?: number;
    readonly videos?: ReadonlySet<string>;
    readonly file?: string;
    /** Per video, texts to use as the prompt instead of the fixed one (one drawn per example); e.g. its questions. */
    readonly prompts?: ReadonlyMap<string, readonly string[]>;
  },
): FrameCaptionExample[] {
  const C = options.candidates ?? 5;
  const T = groundTruth.frames;
  const ids = Object.keys(groundTruth.videos).sort();
  for (const id of ids) {
    for (const [i, e] of groundTruth.videos[id]!.events.entries()) {
      if (!(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start < e.end && e.end <= T)) {
        throw new FrameCaptionError(options.file ?? `ground truth of split '${groundTruth.split}'`, `videos["${id}"].events[${i}]`, `0 <= start < end <= ${T}`, `start ${e.start}, end ${e.end}`);
      }
    }
  }
  // Distinct event-step captions of each kind, per video and over the split (first-seen order).
  const pools = new Map<CaptionKind, { perVideo: Map<string, string[]>; all: string[] }>();
  for (const kind of options.kinds) {
    const perVideo = new Map<string, string[]>();
    const all = new Set<string>();
    for (const id of ids) {
      const video = groundTruth.videos[id]!;
      const own = new Set<string>();
      for (let k = 0; k < T; k++) {
        const idle = !video.events.some((e) => e.start <= k && k < e.end);
        const caption = stepCaption(video, k, kind);
        if (caption === null || (idle && kind === 'scene')) continue;
        own.add(caption);
        all.add(caption);
      }
      perVideo.set(id, [...own]);
    }
    pools.set(kind, { perVideo, all: [...all] });
  }
  const out: FrameCaptionExample[] = [];
  for (const id of ids) {
    if (options.videos && !options.videos.has(id)) continue;
    const video = groundTruth.videos[id]!;
    for (const kind of options.kinds) {
      const groups = new Map<string, number[]>();
      for (let k = 0; k < T; k++) {
        const caption = stepCaption(video, k, kind);
        if (caption !== null) groups.set(caption, [...(groups.get(caption) ?? []), k]);
      }
      for (const [truth, frames] of groups) {
        const pool = pools.get(kind)!;
        const rng = createSynthRng(options.seed, `captions/${id}/${kind}/${truth}`);
        const chosen: string[] = [truth];
        for (const c of [...rng.shuffle(pool.perVideo.get(id)!), ...rng.shuffle(pool.all)]) {
          if (chosen.length === C) break;
          if (!chosen.includes(c)) chosen.push(c);
        }
        if (chosen.length < 2) continue;
        const candidates = rng.shuffle(chosen);
        const prompts = options.prompts?.get(id) ?? [];
        const question = prompts.length > 0 ? rng.pick(prompts) : CAPTION_PROMPTS[kind];
        out.push({ video: id, frames, kind, question, candidates, answer: candidates.indexOf(truth) });
      }
    }
  }
  return out;
}
