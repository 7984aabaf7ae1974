// Questions about one video script, with NExT-QA type codes, the misfocus trap and within-video
// distractors. Causal and temporal questions name an anchor event (actor + action); the answer is the
// action of a *different* event found through the relation the question words name:
//   CW "why did the girl cry"                   -> the last event of another actor before the anchor
//   CH "how did the girl manage to cry"         -> the girl's previous event
//   TP "what did the girl do before crying"     -> the girl's previous event
//   TN "what did the girl do after crying"      -> the girl's next event
//   TC "what did the boy do when the girl cried" -> the boy's first event after the anchor
// so the anchor's frames show the anchor action (itself a candidate), never the answer. The answer's
// action occurs only in the answer event; the other candidates are actions elsewhere in the video first,
// then random actions. Descriptive questions: DC "how many times did the girl jump", DL "where is this
// place", DO "what is the girl holding".
import type { QuestionType } from '../data/nextqa/question-type.js';
import { ACTIONS, ACTORS, COUNT_WORDS, LOCATIONS, OBJECTS } from './lexicon.js';
import type { SynthRng } from './synth-rng.js';
import type { SynthEvent, VideoScript } from './video-script.js';

/** What the answer is read from: an action, the place, a held object, or a count of events. */
export type QuestionTarget = 'action' | 'location' | 'object' | 'count';

/** One generated question with its ground truth. */
export interface SynthQuestion {
  readonly type: QuestionType;
  readonly question: string;
  /** The five candidate texts. */
  readonly candidates: readonly string[];
  /** Index of the correct candidate. */
  readonly answer: number;
  readonly target: QuestionTarget;
  /** Ground-truth causal time steps: the only steps that show the answer. */
  readonly causal: readonly number[];
  /** Steps of the anchor event named by the question ([] for descriptive questions). */
  readonly anchor: readonly number[];
  /** Index of the candidate the anchor's frames show (the anchor action), or -1. */
  readonly anchorCandidate: number;
}

const steps = (e: SynthEvent) => Array.from({ length: e.end - e.start }, (_, i) => e.start + i);
const CANDIDATES = 5;

function relatedEvent(type: QuestionType, script: VideoScript, anchor: SynthEvent): SynthEvent | undefined {
  const { events } = script;
  const before = events.filter((e) => e.end <= anchor.start);
  const after = events.filter((e) => e.start >= anchor.end);
  switch (type) {
    case 'CW':
      return before.filter((e) => e.actor !== anchor.actor).at(-1);
    case 'CH':
    case 'TP':
      return before.filter((e) => e.actor === anchor.actor).at(-1);
    case 'TN':
      return after.find((e) => e.actor === anchor.actor);
    case 'TC':
      return after.find((e) => e.actor !== anchor.actor);
    default:
      return undefined;
  }
}

function questionText(type: QuestionType, script: VideoScript, anchor: SynthEvent, answer: SynthEvent): string {
  const who = ACTORS[script.actors[anchor.actor]!]!;
  const act = ACTIONS[anchor.action]!;
  switch (type) {
    case 'CW':
      return `why did the ${who} ${act.base}`;
    case 'CH':
      return `how did the ${who} manage to ${act.base}`;
    case 'TP':
      return `what did the ${who} do before ${act.ing}`;
    case 'TN':
      return `what did the ${who} do after ${act.ing}`;
    default:
      return `what did the ${ACTORS[script.actors[answer.actor]!]!} do when the ${who} ${act.past}`;
  }
}

/** Five distinct candidates: `first` ones in order, then `inVideo` shuffled, then `others` shuffled. */
function fillCandidates(rng: SynthRng, first: readonly number[], inVideo: readonly number[], others: readonly number[]): number[] {
  const out: number[] = [];
  for (const c of [...first, ...rng.shuffle(inVideo), ...rng.shuffle(others)]) {
    if (!out.includes(c)) out.push(c);
    if (out.length === CANDIDATES) break;
  }
  return out;
}

function finish(rng: SynthRng, base: Omit<SynthQuestion, 'candidates' | 'answer' | 'anchorCandidate'>, ids: number[], names: readonly string[], anchorId: number | undefined): SynthQuestion {
  const order = rng.shuffle(ids);
  return {
    ...base,
    candidates: order.map((i) => names[i]!),
    answer: order.indexOf(ids[0]!),
    anchorCandidate: anchorId === undefined ? -1 : order.indexOf(anchorId),
  };
}

function temporalOrCausal(rng: SynthRng, type: QuestionType, script: VideoScript): SynthQuestion | undefined {
  const { events } = script;
  const inVideo = [...new Set(events.map((e) => e.action))];
  // Answer + anchor + at least one more action of this video among the distractors.
  if (inVideo.length < 3) return undefined;
  const count = (pred: (e: SynthEvent) => boolean) => events.filter(pred).length;
  const options = events.flatMap((anchor) => {
    if (count((e) => e.actor === anchor.actor && e.action === anchor.action) !== 1) return [];
    const answer = relatedEvent(type, script, anchor);
    if (answer === undefined || answer.action === anchor.action || count((e) => e.action === answer.action) !== 1) return [];
    return [{ anchor, answer }];
  });
  if (options.length === 0) return undefined;
  const { anchor, answer } = rng.pick(options);
  const ids = fillCandidates(rng, [answer.action, anchor.action], inVideo, ACTIONS.map((_, i) => i));
  return finish(rng, { type, question: questionText(type, script, anchor, answer), target: 'action', causal: steps(answer), anchor: steps(anchor) }, ids, ACTIONS.map((a) => a.base), anchor.action);
}

function descriptive(rng: SynthRng, type: QuestionType, script: VideoScript): SynthQuestion | undefined {
  const { events, actors, objects } = script;
  if (type === 'DL') {
    const ids = fillCandidates(rng, [script.location], [], LOCATIONS.map((_, i) => i));
    const all = script.stepEvent.map((_, s) => s);
    return finish(rng, { type, question: 'where is this place', target: 'location', causal: all, anchor: [] }, ids, LOCATIONS, undefined);
  }
  if (type === 'DO') {
    const who = rng.int(actors.length);
    const ids = fillCandidates(rng, [objects[who]!], objects, OBJECTS.map((_, i) => i));
    const causal = events.filter((e) => e.actor === who).flatMap(steps);
    return finish(rng, { type, question: `what is the ${ACTORS[actors[who]!]!} holding`, target: 'object', causal, anchor: [] }, ids, OBJECTS, undefined);
  }
  // DC: pick the count first (uniform over the counts this video offers), then an (actor, action) pair.
  const pairs = new Map<string, SynthEvent[]>();
  for (const e of events) pairs.set(`${e.actor}/${e.action}`, [...(pairs.get(`${e.actor}/${e.action}`) ?? []), e]);
  const groups = [...pairs.values()].filter((g) => g.length <= COUNT_WORDS.length);
  const counts = [...new Set(groups.map((g) => g.length))];
  if (counts.length === 0) return undefined;
  const n = rng.pick(counts);
  const group = rng.pick(groups.filter((g) => g.length === n));
  const e = group[0]!;
  const ids = fillCandidates(rng, [n - 1], [], COUNT_WORDS.map((_, i) => i));
  const question = `how many times did the ${ACTORS[actors[e.actor]!]!} ${ACTIONS[e.action]!.base}`;
  return finish(rng, { type, question, target: 'count', causal: group.flatMap(steps), anchor: [] }, ids, COUNT_WORDS, undefined);
}

/** One question of `type` about `script`, or undefined when the video cannot support that type. */
export function generateQuestion(rng: SynthRng, type: QuestionType, script: VideoScript): SynthQuestion | undefined {
  return type[0] === 'D' ? descriptive(rng, type, script) : temporalOrCausal(rng, type, script);
}

/**
 * Up to `count` distinct questions about a video, types drawn from `mix` (infeasible draws are redrawn,
 * at most 20 tries per question).
 */
export function generateQuestions(rng: SynthRng, script: VideoScript, mix: Readonly<Record<QuestionType, number>>, count: number): SynthQuestion[] {
  const types = Object.keys(mix) as QuestionType[];
  const weights = types.map((t) => mix[t]);
  const out: SynthQuestion[] = [];
  const seen = new Set<string>();
  for (let tries = 0; out.length < count && tries < count * 20; tries += 1) {
    const q = generateQuestion(rng, types[rng.weighted(weights)]!, script);
    if (q === undefined || seen.has(q.question)) continue;
    seen.add(q.question);
    out.push(q);
  }
  return out;
}
