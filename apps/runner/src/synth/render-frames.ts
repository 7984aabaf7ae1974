// Renders what a time step shows (place, actor, held object, action) into feature vectors: a fixed random
// embedding per component plus Gaussian noise. Each consumer gets its own tables, so the teacher's
// "images" are a different rendering of the same content than the video features.
import { ACTIONS, ACTORS, LOCATIONS, OBJECTS } from './lexicon.js';
import { createSynthRng, type SynthRng } from './synth-rng.js';
import type { VideoScript } from './video-script.js';

/** What one step shows; `actor`, `object` and `action` are -1 on an idle step. */
export interface StepContent {
  readonly location: number;
  readonly actor: number;
  readonly object: number;
  readonly action: number;
}

/** The content of every step of a script (actor/object as global ACTORS/OBJECTS indices). */
export function stepContents(script: VideoScript): StepContent[] {
  return script.stepEvent.map((ei) => {
    const e = ei >= 0 ? script.events[ei]! : undefined;
    return e === undefined
      ? { location: script.location, actor: -1, object: -1, action: -1 }
      : { location: script.location, actor: script.actors[e.actor]!, object: script.objects[e.actor]!, action: e.action };
  });
}

/** Unit-variance random vectors, one per entry. */
function table(rng: SynthRng, rows: number, dim: number): Float32Array[] {
  return Array.from({ length: rows }, () => Float32Array.from({ length: dim }, () => rng.normal()));
}

/** Per-component weights of a rendering (0 leaves a component out). */
export interface RenderWeights {
  readonly location: number;
  readonly actor: number;
  readonly object: number;
  readonly action: number;
}

/** A fixed random rendering of step contents into `dim`-d vectors. */
export interface Renderer {
  readonly dim: number;
  /** Adds the rendering of `content` plus N(0, noise^2) per element into `out` at `offset`. */
  render(content: StepContent, noise: number, rng: SynthRng, out: Float32Array, offset: number): void;
}

/** Creates a rendering with its own tables drawn from (seed, label). */
export function createRenderer(seed: number, label: string, dim: number, weights: RenderWeights): Renderer {
  const rng = createSynthRng(seed, `render/${label}`);
  const tables = {
    location: table(rng, LOCATIONS.length, dim),
    actor: table(rng, ACTORS.length, dim),
    object: table(rng, OBJECTS.length, dim),
    action: table(rng, ACTIONS.length, dim),
  };
  return {
    dim,
    render: (content, noise, noiseRng, out, offset) => {
      for (let d = 0; d < dim; d += 1) out[offset + d] = noise * noiseRng.normal();
      for (const key of ['location', 'actor', 'object', 'action'] as const) {
        const w = weights[key];
        const index = content[key];
        if (w === 0 || index < 0) continue;
        const row = tables[key][index]!;
        for (let d = 0; d < dim; d += 1) out[offset + d]! += w * row[d]!;
      }
    },
  };
}

/**
 * HGA clip features: the first half ("appearance") shows place, actor and object strongly and the action
 * weakly; the second half ("motion") shows the action strongly and the actor weakly.
 */
export function createClipRenderer(seed: number, dim: number): Renderer {
  const half = dim / 2;
  const appearance = createRenderer(seed, 'video/appearance', half, { location: 1, actor: 1, object: 1, action: 0.5 });
  const motion = createRenderer(seed, 'video/motion', half, { location: 0, actor: 0.5, object: 0, action: 1 });
  return {
    dim,
    render: (content, noise, rng, out, offset) => {
      appearance.render(content, noise, rng, out, offset);
      motion.render(content, noise, rng, out, offset + half);
    },
  };
}

/** Teacher "images": one vector per frame with every component at full weight, separate tables. */
export function createTeacherRenderer(seed: number, dim: number): Renderer {
  return createRenderer(seed, 'teacher', dim, { location: 1, actor: 1, object: 1, action: 1 });
}
