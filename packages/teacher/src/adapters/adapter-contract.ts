// The input/output contract shared by the adapters for models trained elsewhere (tfjs and ONNX):
//   inputs   frames  float32 [P, D] (feature frames) or [P, h, w, 3] (RGB in [0, 1], resized to
//                    `imageSize` when given)
//            tokens  [P, C, L] token ids of "[CLS] question [SEP] candidate_c [SEP]" padded with 0
//                    ([PAD]), from the adapter's TextTokenizer (int32, int64 or float32)
//   output   [P, C]  logits (softmaxed by the adapter) or probabilities
// P counts frames: each of a query's T frames is paired with the query's C token sequences.
import * as tf from '@tensorflow/tfjs-core';
import { AdapterError, ShapeError } from '../errors.js';
import type { TeacherQuery } from '../image-qa-teacher.js';
import type { TextTokenizer } from '../text/text-tokenizer.js';

/** Options shared by the tfjs and ONNX adapters. */
export interface AdapterOptions {
  /** Teacher id written into store headers. */
  readonly id: string;
  /** Tokenizer the model was trained with. */
  readonly tokenizer: TextTokenizer;
  /** L, tokens per sequence (the model's fixed text length). */
  readonly maxTextLength: number;
  /** Frame kind the model takes. */
  readonly frames: 'features' | 'images';
  /** images: resize to [height, width] before the model (default: pass as given). */
  readonly imageSize?: readonly [number, number];
  /** What the model outputs (default 'logits'). */
  readonly output?: 'logits' | 'probabilities';
  /** Most frames per model call (default 512). */
  readonly batchFrames?: number;
}

/** One model call's inputs. */
export interface AdapterBatch {
  /** Positions of the queries in the input list. */
  readonly indices: readonly number[];
  /** T of each query. */
  readonly frameCounts: readonly number[];
  readonly candidates: number;
  /** `[P, ...]` float32 (new tensor; dispose). */
  readonly frames: tf.Tensor;
  /** `[P * C * L]` token ids, row-major [P, C, L]. */
  readonly tokens: Int32Array;
  readonly rows: number;
}

/** Validates queries and splits them into model calls (equal C per call, at most batchFrames frames). */
export function buildAdapterBatches(adapter: string, queries: readonly TeacherQuery[], options: AdapterOptions): AdapterBatch[] {
  const L = options.maxTextLength;
  const limit = options.batchFrames ?? 512;
  queries.forEach((q, i) => {
    const shape = q.frames?.shape ?? [];
    const ok = options.frames === 'features' ? shape.length === 2 : shape.length === 4 && shape[3] === 3;
    if (!ok || !(shape[0]! >= 1)) throw new ShapeError(adapter, `queries[${i}].frames`, options.frames === 'features' ? '[T, D]' : '[T, H, W, 3]', `[${shape.join(', ')}]`);
    if (!Array.isArray(q.candidates) || q.candidates.length < 1) throw new ShapeError(adapter, `queries[${i}].candidates`, 'a non-empty array', JSON.stringify(q.candidates));
  });
  const byC = new Map<number, number[]>();
  queries.forEach((q, i) => byC.set(q.candidates.length, [...(byC.get(q.candidates.length) ?? []), i]));
  const batches: AdapterBatch[] = [];
  for (const [C, all] of byC) {
    let chunk: number[] = [];
    let rows = 0;
    const emit = () => {
      if (chunk.length === 0) return;
      const frameCounts = chunk.map((i) => queries[i]!.frames.shape[0]!);
      const tokens = new Int32Array(rows * C * L);
      let row = 0;
      for (const i of chunk) {
        const q = queries[i]!;
        const seq = new Int32Array(C * L);
        q.candidates.forEach((cand, c) => seq.set(options.tokenizer.encodePair(q.question, cand, L).ids, c * L));
        for (let t = 0; t < q.frames.shape[0]!; t++) tokens.set(seq, (row++) * C * L);
      }
      const frames = tf.tidy(() => {
        let x = tf.concat(chunk.map((i) => queries[i]!.frames), 0);
        if (options.frames === 'images') {
          if (x.dtype === 'int32') x = tf.div(tf.cast(x, 'float32'), 255);
          const size = options.imageSize;
          if (size && (x.shape[1] !== size[0] || x.shape[2] !== size[1])) x = tf.image.resizeBilinear(x as tf.Tensor4D, [size[0], size[1]], true);
        }
        return tf.cast(x, 'float32');
      });
      batches.push({ indices: chunk, frameCounts, candidates: C, frames, tokens, rows });
      chunk = [];
      rows = 0;
    };
    for (const i of all) {
      const T = queries[i]!.frames.shape[0]!;
      if (rows > 0 && rows + T > limit) emit();
      chunk.push(i);
      rows += T;
    }
    emit();
  }
  return batches;
}

/** Checks the model output `[P, C]`, softmaxes logits, and splits it into one `[T_i, C]` tensor per query. */
export function splitAdapterOutput(adapter: string, batch: AdapterBatch, output: tf.Tensor, kind: 'logits' | 'probabilities'): tf.Tensor2D[] {
  if (output.shape.length !== 2 || output.shape[0] !== batch.rows || output.shape[1] !== batch.candidates) {
    throw new AdapterError(adapter, `model output must be [${batch.rows}, ${batch.candidates}] (frames x candidates), got [${output.shape.join(', ')}]`);
  }
  return tf.tidy(() => {
    const probs = kind === 'logits' ? tf.softmax(tf.cast(output, 'float32')) : tf.cast(output, 'float32');
    return tf.split(probs, [...batch.frameCounts], 0) as tf.Tensor2D[];
  });
}
