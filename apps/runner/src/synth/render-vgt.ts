// VGT inputs of a synthetic video on the reference grid of 8 clips x 4 frames: region features with
// pixel boxes (region 0 = the acting person, region 1 = the held object, the rest = background) and frame
// features. VGT frame j of 32 shows time step floor(j * steps / 32).
import type { SynthVGTConfig } from './synth-config.js';
import { createRenderer, type Renderer, type StepContent } from './render-frames.js';
import type { SynthRng } from './synth-rng.js';

/** VGT's clip grid. */
export const VGT_CLIPS = 8;
export const VGT_FRAMES_PER_CLIP = 4;

/** The renderings VGT features use. */
export interface VGTRenderers {
  readonly sizes: SynthVGTConfig;
  readonly frame: Renderer;
  readonly person: Renderer;
  readonly object: Renderer;
  readonly background: Renderer;
}

export function createVGTRenderers(seed: number, sizes: SynthVGTConfig): VGTRenderers {
  return {
    sizes,
    frame: createRenderer(seed, 'vgt/frame', sizes.frameDim, { location: 1, actor: 1, object: 1, action: 0.5 }),
    person: createRenderer(seed, 'vgt/person', sizes.regionDim, { location: 0, actor: 1, object: 0, action: 1 }),
    object: createRenderer(seed, 'vgt/object', sizes.regionDim, { location: 0, actor: 0, object: 1, action: 0 }),
    background: createRenderer(seed, 'vgt/background', sizes.regionDim, { location: 1, actor: 0, object: 0, action: 0 }),
  };
}

/** One video's VGT arrays. */
export interface VGTVideoFeatures {
  /** [8, 4, regions, regionDim]. */
  readonly regions: Float32Array;
  /** [8, 4, regions, 4]: x1, y1, x2, y2 in pixels. */
  readonly bbox: Float32Array;
  /** [8, 4, frameDim]. */
  readonly frames: Float32Array;
}

function box(rng: SynthRng, width: number, height: number, minFrac: number, maxFrac: number): [number, number, number, number] {
  const w = Math.round(width * (minFrac + (maxFrac - minFrac) * rng.next()));
  const h = Math.round(height * (minFrac + (maxFrac - minFrac) * rng.next()));
  const x1 = rng.int(Math.max(1, width - w));
  const y1 = rng.int(Math.max(1, height - h));
  return [x1, y1, Math.min(width - 1, x1 + w), Math.min(height - 1, y1 + h)];
}

/** Renders the VGT region and frame features of a video whose steps show `contents`. */
export function renderVGTVideo(r: VGTRenderers, contents: readonly StepContent[], size: { width: number; height: number }, noise: number, rng: SynthRng): VGTVideoFeatures {
  const { regions: R, regionDim, frameDim } = r.sizes;
  const cells = VGT_CLIPS * VGT_FRAMES_PER_CLIP;
  const regions = new Float32Array(cells * R * regionDim);
  const bbox = new Float32Array(cells * R * 4);
  const frames = new Float32Array(cells * frameDim);
  const person = box(rng, size.width, size.height, 0.3, 0.6);
  for (let j = 0; j < cells; j += 1) {
    const content = contents[Math.floor((j * contents.length) / cells)]!;
    r.frame.render(content, noise, rng, frames, j * frameDim);
    const idle = content.actor < 0;
    for (let k = 0; k < R; k += 1) {
      const at = (j * R + k) * regionDim;
      if (k === 0 && !idle) {
        r.person.render(content, noise, rng, regions, at);
        bbox.set(person, (j * R + k) * 4);
      } else if (k === 1 && !idle) {
        r.object.render(content, noise, rng, regions, at);
        bbox.set(box(rng, size.width, size.height, 0.05, 0.15), (j * R + k) * 4);
      } else {
        r.background.render(content, 2 * noise, rng, regions, at);
        bbox.set(box(rng, size.width, size.height, 0.1, 0.5), (j * R + k) * 4);
      }
    }
  }
  return { regions, bbox, frames };
}
