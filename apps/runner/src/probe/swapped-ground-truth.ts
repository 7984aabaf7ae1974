// Where the answer to a before/after-swapped synthetic question is: the ground truth moves with the word
// (synth/synth-question.ts: TP "what did the girl do before crying" -> the girl's previous event, TN
// "... after crying" -> the girl's next event).
import type { GroundTruthQuestion, GroundTruthVideo } from '../synth/ground-truth.js';

/** The ground truth of the swapped question. */
export interface SwappedGroundTruth {
  /** Steps of the event the swapped question asks about (0-based clip / teacher-frame indices). */
  readonly causal: readonly number[];
  /** That event's action, as the candidates write it ("kick ball"). */
  readonly action: string;
}

/**
 * The causal steps and answer of a TP/TN question of the synthetic benchmark after its temporal word
 * became `relation`: the same actor's last event ending before the anchor ('before') or first event
 * starting after it ('after'). Undefined for other types (their templates hold neither word), when the
 * anchor is not one event of the script, or when the actor has no such event (the video then holds no
 * answer to the swapped question).
 */
export function swappedGroundTruth(question: GroundTruthQuestion, video: GroundTruthVideo, relation: 'before' | 'after'): SwappedGroundTruth | undefined {
  if (question.type !== 'TP' && question.type !== 'TN') return undefined;
  const first = question.anchor[0];
  const last = question.anchor[question.anchor.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const anchor = video.events.find((e) => e.start === first && e.end === last + 1);
  if (anchor === undefined) return undefined;
  const sameActor = video.events.filter((e) => e.actor === anchor.actor);
  const event = relation === 'before' ? sameActor.filter((e) => e.end <= anchor.start).at(-1) : sameActor.find((e) => e.start >= anchor.end);
  if (event === undefined) return undefined;
  return { causal: Array.from({ length: event.end - event.start }, (_, i) => event.start + i), action: event.action };
}
