// How SpARC's frames map onto VGT's clips (paper A.3; our design where the paper is silent). VGT features
// are a grid of clips x frames-per-clip cells (reference 8 x 4 = 32), and VGT masks whole clips. The
// teacher scores T frames, the dataset's time steps; grid cell j shows step floor(j * T / cells) (the
// synthetic benchmark's render-vgt.ts; uniform sampling of real videos does the same).
//
// - 'steps' (default): regroup the cells so that each VGT clip is one time step: T clips of cells / T frames
//   (a row-major reshape, since the cells of a step are contiguous). Mask position k = teacher frame k, so
//   the guided view keeps exactly the causal steps and the single-frame view exactly one step, as for HGA.
//   At T = 8 on the 8 x 4 grid this is the reference grid itself. Needs T to divide the cell count.
// - 'clips': keep the features' clip grid; clip c takes the teacher frame its first cell shows,
//   floor(c * T / clips) (A.3: "the first frame of each clip ... serves as the knowledge for the clip").
import { TrainConfigError } from './train-config.js';

/** The two mappings (see the file comment). */
export type VGTGridMode = 'steps' | 'clips';

/** The clip grid VGT is fed, and the teacher frame of each clip. */
export interface VGTClipGrid {
  /** K: clips VGT sees = the frameMask width. */
  readonly clips: number;
  readonly framesPerClip: number;
  /** Teacher frame of each clip, or null when clip k is teacher frame k. */
  readonly teacherFrameOf: Int32Array | null;
}

/**
 * The grid for features of `clips` x `framesPerClip` cells and `steps` teacher frames.
 * @throws TrainConfigError (field vgtGrid) when 'steps' cannot regroup the cells evenly
 */
export function vgtClipGrid(mode: VGTGridMode, steps: number, clips: number, framesPerClip: number): VGTClipGrid {
  const cells = clips * framesPerClip;
  if (mode === 'steps') {
    if (steps > cells || cells % steps !== 0) {
      throw new TrainConfigError('vgtGrid', mode, `needs the time steps (${steps}) to divide VGT's ${clips} x ${framesPerClip} = ${cells} feature cells; use --vgt-grid clips`);
    }
    return { clips: steps, framesPerClip: cells / steps, teacherFrameOf: null };
  }
  if (steps === clips) return { clips, framesPerClip, teacherFrameOf: null };
  return { clips, framesPerClip, teacherFrameOf: Int32Array.from({ length: clips }, (_, c) => Math.floor((c * steps) / clips)) };
}
