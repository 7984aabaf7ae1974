import { describe, expect, it } from 'vitest';
import { TrainConfigError } from './train-config.js';
import { vgtClipGrid } from './vgt-clip-grid.js';

/** Time step shown by cell j of a `cells`-cell grid (synth/render-vgt.ts). */
const stepOfCell = (j: number, steps: number, cells: number) => Math.floor((j * steps) / cells);

describe("vgtClipGrid 'steps'", () => {
  it('regroups the 8 x 4 grid into one clip per time step', () => {
    expect(vgtClipGrid('steps', 16, 8, 4)).toEqual({ clips: 16, framesPerClip: 2, teacherFrameOf: null });
    expect(vgtClipGrid('steps', 8, 8, 4)).toEqual({ clips: 8, framesPerClip: 4, teacherFrameOf: null }); // the reference grid
    expect(vgtClipGrid('steps', 32, 8, 4)).toEqual({ clips: 32, framesPerClip: 1, teacherFrameOf: null });
  });

  it('every cell of regrouped clip k shows time step k (so mask position k = teacher frame k)', () => {
    for (const steps of [8, 16, 32]) {
      const grid = vgtClipGrid('steps', steps, 8, 4);
      for (let k = 0; k < grid.clips; k++) {
        for (let f = 0; f < grid.framesPerClip; f++) expect(stepOfCell(k * grid.framesPerClip + f, steps, 32)).toBe(k);
      }
    }
  });

  it('refuses step counts that do not divide the cells, naming the field', () => {
    const error = (() => {
      try {
        vgtClipGrid('steps', 12, 8, 4);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TrainConfigError);
    expect((error as TrainConfigError).field).toBe('vgtGrid');
    expect((error as Error).message).toMatch(/time steps \(12\) to divide VGT's 8 x 4 = 32 feature cells; use --vgt-grid clips/);
    expect(() => vgtClipGrid('steps', 64, 8, 4)).toThrow(TrainConfigError);
  });
});

describe("vgtClipGrid 'clips' (paper A.3)", () => {
  it("keeps the features' grid and gives each clip the teacher frame of its first cell", () => {
    expect(vgtClipGrid('clips', 16, 8, 4)).toEqual({ clips: 8, framesPerClip: 4, teacherFrameOf: Int32Array.from([0, 2, 4, 6, 8, 10, 12, 14]) });
    expect(vgtClipGrid('clips', 32, 8, 4).teacherFrameOf).toEqual(Int32Array.from([0, 4, 8, 12, 16, 20, 24, 28]));
    expect(vgtClipGrid('clips', 6, 8, 4).teacherFrameOf).toEqual(Int32Array.from([0, 0, 1, 2, 3, 3, 4, 5]));
    expect(vgtClipGrid('clips', 8, 8, 4).teacherFrameOf).toBeNull();
  });

  it('the chosen teacher frame is the step the clip\'s first cell shows', () => {
    for (const steps of [5, 6, 8, 16, 32]) {
      const frames = vgtClipGrid('clips', steps, 8, 4).teacherFrameOf ?? Int32Array.from({ length: 8 }, (_, c) => c);
      frames.forEach((t, c) => expect(t).toBe(stepOfCell(c * 4, steps, 32)));
    }
  });
});
