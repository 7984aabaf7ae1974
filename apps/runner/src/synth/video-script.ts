// One synthetic video: a place, a few actors each holding an object, and a sequence of events (an actor
// doing an action over a few consecutive time steps), with occasional idle steps between events.
import { ACTIONS, ACTORS, LOCATIONS, OBJECTS } from './lexicon.js';
import type { SynthRng } from './synth-rng.js';

/** An actor doing an action over steps [start, end). */
export interface SynthEvent {
  /** Index into the video's `actors`. */
  readonly actor: number;
  /** Index into ACTIONS. */
  readonly action: number;
  readonly start: number;
  readonly end: number;
}

/** The content of a video, from which its features and questions are made. */
export interface VideoScript {
  /** Index into LOCATIONS. */
  readonly location: number;
  /** Indices into ACTORS. */
  readonly actors: readonly number[];
  /** Index into OBJECTS of what each actor holds. */
  readonly objects: readonly number[];
  readonly events: readonly SynthEvent[];
  /** Per time step: the index of the event shown, or -1 for an idle step (only the place is visible). */
  readonly stepEvent: readonly number[];
}

/** Event length range for a number of steps: 2-3 of 16, 1 of 8, 4-6 of 32. */
export function eventLengthRange(frames: number): [number, number] {
  const min = Math.max(1, Math.floor(frames / 8));
  return [min, Math.max(min, Math.floor(frames / 5))];
}

const GAP_PROBABILITY = 0.25;
const REPEAT_PROBABILITY = 0.3;

/**
 * Draws a video script. Consecutive events never share an action; an actor sometimes repeats one of
 * its earlier actions (for count questions); otherwise actions are new to the video. Every actor gets at
 * least two events (up to 50 redraws).
 */
export function generateVideoScript(rng: SynthRng, options: { readonly frames: number; readonly actorsPerVideo: number }): VideoScript {
  const { frames, actorsPerVideo } = options;
  const actors = rng.shuffle(ACTORS.map((_, i) => i)).slice(0, actorsPerVideo);
  const objects = rng.shuffle(OBJECTS.map((_, i) => i)).slice(0, actorsPerVideo);
  const location = rng.int(LOCATIONS.length);
  const [lenMin, lenMax] = eventLengthRange(frames);
  let events: SynthEvent[] = [];
  for (let attempt = 0; attempt < 50; attempt += 1) {
    events = [];
    let t = rng.next() < GAP_PROBABILITY ? 1 : 0;
    while (t < frames) {
      if (events.length > 0 && rng.next() < GAP_PROBABILITY) {
        t += 1;
        continue;
      }
      const len = Math.min(rng.between(lenMin, lenMax), frames - t);
      if (len < lenMin && events.length > 0) break;
      const last = events[events.length - 1];
      const actor = rng.int(actorsPerVideo);
      const own = [...new Set(events.filter((e) => e.actor === actor).map((e) => e.action))].filter((a) => a !== last?.action);
      const used = new Set(events.map((e) => e.action));
      const fresh = ACTIONS.map((_, i) => i).filter((a) => !used.has(a));
      const action = own.length > 0 && (rng.next() < REPEAT_PROBABILITY || fresh.length === 0) ? rng.pick(own) : rng.pick(fresh.length > 0 ? fresh : ACTIONS.map((_, i) => i).filter((a) => a !== last?.action));
      events.push({ actor, action, start: t, end: t + len });
      t += len;
    }
    const perActor = actors.map((_, a) => events.filter((e) => e.actor === a).length);
    if (perActor.every((n) => n >= 2)) break;
  }
  const stepEvent = new Array<number>(frames).fill(-1);
  events.forEach((e, i) => {
    for (let s = e.start; s < e.end; s += 1) stepEvent[s] = i;
  });
  return { location, actors, objects, events, stepEvent };
}
