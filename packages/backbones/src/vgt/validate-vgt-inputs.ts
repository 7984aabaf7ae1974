// Boundary checks of VGT.call: ranks, shapes, dtypes and the values of qaLengths and frameMask.
import type * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import type { VGTConfig } from './config.js';
import type { VGTInputs } from './vgt-inputs.js';

/** Sizes and host copies of the small integer inputs, read once per call. */
export interface CheckedVGTInputs {
  readonly batch: number;
  readonly clips: number;
  readonly frames: number;
  readonly regions: number;
  readonly candidates: number;
  readonly tokens: number;
  /** [B·C] valid token counts. */
  readonly lengths: Int32Array;
  /** [V·B·clips] 0/1 clip mask, or undefined when no frameMask was given. */
  readonly clipMask?: Float32Array;
  /** Number of valid clips over the batch and its views (a row may have none). */
  readonly validClips: number;
  /** V: frameMask rows / B (views of the batch sharing one encoding; 1 without a frameMask). */
  readonly views: number;
}

const shapeOf = (t: tf.Tensor): string => `[${t.shape.join(', ')}] ${t.dtype}`;

function isTensor(value: unknown): value is tf.Tensor {
  return typeof value === 'object' && value !== null && Array.isArray((value as tf.Tensor).shape) && 'dtype' in value;
}

/**
 * Checks every input of VGT.call against the configuration and reads qaLengths (and frameMask) values.
 * @throws ShapeError starting with `fn`, naming the argument, the expected and the actual shape.
 */
export function validateVGTInputs(fn: string, inputs: VGTInputs, config: VGTConfig): CheckedVGTInputs {
  const { regions, frames, qa, qaLengths, frameMask } = inputs ?? ({} as VGTInputs);
  const need = (name: string, t: unknown, rank: number, layout: string): tf.Tensor => {
    if (!isTensor(t)) throw new ShapeError(fn, name, `a rank-${rank} tensor ${layout}`, String(t));
    if (t.rank !== rank) throw new ShapeError(fn, name, `rank ${rank} ${layout}`, shapeOf(t));
    return t;
  };
  const boxWidth = config.featureDim + config.boxDim;
  const rg = need('regions', regions, 5, `[B, clips, frames, ${config.numRegions}, ${boxWidth}] float32`);
  const [batch, clips, nFrames, nRegions, width] = rg.shape as [number, number, number, number, number];
  if (rg.dtype !== 'float32' || nRegions !== config.numRegions || width !== boxWidth || batch < 1 || clips < 1 || nFrames < 1) {
    throw new ShapeError(fn, 'regions', `[B, clips, frames, ${config.numRegions}, ${boxWidth}] float32 (numRegions, featureDim + boxDim)`, shapeOf(rg));
  }
  if (clips > config.maxPositions) {
    throw new ShapeError(fn, 'regions', `at most ${config.maxPositions} clips (maxPositions)`, shapeOf(rg));
  }
  const fr = need('frames', frames, 4, `[B, clips, frames, ${config.featureDim}] float32`);
  const frameShape = [batch, clips, nFrames, config.featureDim];
  if (fr.dtype !== 'float32' || fr.shape.some((s, i) => s !== frameShape[i])) {
    throw new ShapeError(fn, 'frames', `[${frameShape.join(', ')}] float32 (B, clips, frames of regions; featureDim)`, shapeOf(fr));
  }
  const q = need('qa', qa, 4, `[B, C, L, ${config.wordDim}] float32`);
  const [qb, candidates, tokens, qw] = q.shape as [number, number, number, number];
  if (q.dtype !== 'float32' || qb !== batch || qw !== config.wordDim || candidates < 1 || tokens < 1) {
    throw new ShapeError(fn, 'qa', `[${batch}, C, L, ${config.wordDim}] float32 (B of regions; wordDim)`, shapeOf(q));
  }
  const len = need('qaLengths', qaLengths, 2, `int32 [${batch}, ${candidates}]`);
  if (len.dtype !== 'int32' || len.shape[0] !== batch || len.shape[1] !== candidates) {
    throw new ShapeError(fn, 'qaLengths', `int32 [${batch}, ${candidates}] (B, C of qa)`, shapeOf(len));
  }
  const lengths = Int32Array.from(len.dataSync() as Int32Array);
  const bad = lengths.findIndex((v) => v < 1 || v > tokens);
  if (bad >= 0) {
    throw new ShapeError(fn, 'qaLengths', `values in [1, ${tokens}] (L of qa)`, `${lengths[bad]} at [${Math.floor(bad / candidates)}, ${bad % candidates}]`);
  }
  if (frameMask === undefined) {
    return { batch, clips, frames: nFrames, regions: nRegions, candidates, tokens, lengths, validClips: batch * clips, views: 1 };
  }
  const fm = need('frameMask', frameMask, 2, `[${batch}, ${clips}] of 0/1`);
  if ((fm.dtype !== 'float32' && fm.dtype !== 'int32' && fm.dtype !== 'bool') || fm.shape[0]! % batch !== 0 || fm.shape[0] === 0 || fm.shape[1] !== clips) {
    throw new ShapeError(fn, 'frameMask', `[${batch}, ${clips}] or [V·${batch}, ${clips}] float32|int32|bool (B, clips of regions)`, shapeOf(fm));
  }
  const views = fm.shape[0]! / batch;
  const clipMask = Float32Array.from(fm.dataSync() as ArrayLike<number>);
  let validClips = 0;
  for (let b = 0; b < views * batch; b++) {
    let row = 0;
    for (let c = 0; c < clips; c++) {
      const v = clipMask[b * clips + c]!;
      if (v !== 0 && v !== 1) throw new ShapeError(fn, 'frameMask', 'values 0 or 1', `${v} at [${b}, ${c}]`);
      row += v;
    }
    validClips += row;
  }
  return { batch, clips, frames: nFrames, regions: nRegions, candidates, tokens, lengths, clipMask, validClips, views };
}
