// Turns teacher queries into batched tensors: groups queries with equal (T, C), splits groups so one
// forward pass holds at most `batchFrames` frames, stacks frames and tokenises every
// "[CLS] question [SEP] candidate [SEP]" pair.
import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '../errors.js';
import type { TeacherQuery } from '../image-qa-teacher.js';
import type { TextTokenizer } from '../text/text-tokenizer.js';
import type { TinyAlbefConfig } from './tiny-albef-config.js';

/** Queries sharing T and C, as tensors. Dispose with `disposeGroup`. */
export interface PreparedGroup {
  /** Positions of these queries in the input list. */
  readonly indices: readonly number[];
  readonly frames: number;
  readonly candidates: number;
  /** `[S * T, D]` or `[S * T, h, w, 3]`. */
  readonly frameTensor: tf.Tensor;
  /** int32 `[S * C, L]`. */
  readonly ids: tf.Tensor2D;
  /** int32 `[S * C, L]`. */
  readonly segments: tf.Tensor2D;
  /** float32 `[S * C, L]`, 1 for tokens. */
  readonly mask: tf.Tensor2D;
}

/** Throws ShapeError unless `query` fits a teacher with this config. */
export function validateQuery(fn: string, query: TeacherQuery, config: TinyAlbefConfig, index: number): void {
  const arg = `queries[${index}]`;
  const shape = query.frames?.shape;
  if (!shape) throw new ShapeError(fn, `${arg}.frames`, 'a tensor', String(query.frames));
  const expected = config.frames === 'features' ? `[T, ${config.featureSize}]` : '[T, H, W, 3]';
  const ok = config.frames === 'features' ? shape.length === 2 && shape[1] === config.featureSize : shape.length === 4 && shape[3] === 3;
  if (!ok || shape[0]! < 1) throw new ShapeError(fn, `${arg}.frames`, `${expected} (T >= 1)`, `[${shape.join(', ')}]`);
  if (typeof query.question !== 'string') throw new ShapeError(fn, `${arg}.question`, 'a string', typeof query.question);
  if (!Array.isArray(query.candidates) || query.candidates.length < 1 || query.candidates.some((c) => typeof c !== 'string')) {
    throw new ShapeError(fn, `${arg}.candidates`, 'a non-empty array of strings', JSON.stringify(query.candidates));
  }
}

/** Groups and tensorises `queries` (already validated). */
export function prepareQueries(queries: readonly TeacherQuery[], tokenizer: TextTokenizer, config: TinyAlbefConfig): PreparedGroup[] {
  const byShape = new Map<string, number[]>();
  queries.forEach((q, i) => {
    const k = `${q.frames.shape[0]}/${q.candidates.length}`;
    byShape.set(k, [...(byShape.get(k) ?? []), i]);
  });
  const groups: PreparedGroup[] = [];
  const L = config.maxTextLength;
  for (const indices of byShape.values()) {
    const T = queries[indices[0]!]!.frames.shape[0]!;
    const C = queries[indices[0]!]!.candidates.length;
    const perPass = Math.max(1, Math.floor(config.batchFrames / T));
    for (let start = 0; start < indices.length; start += perPass) {
      const chunk = indices.slice(start, start + perPass);
      const ids = new Int32Array(chunk.length * C * L);
      const segments = new Int32Array(chunk.length * C * L);
      const mask = new Float32Array(chunk.length * C * L);
      chunk.forEach((qi, s) => {
        const q = queries[qi]!;
        q.candidates.forEach((cand, c) => {
          const pair = tokenizer.encodePair(q.question, cand, L);
          const at = (s * C + c) * L;
          ids.set(pair.ids, at);
          segments.set(pair.segments, at);
          mask.fill(1, at, at + pair.length);
        });
      });
      const frameTensor = chunk.length === 1 ? tf.clone(queries[chunk[0]!]!.frames) : tf.concat(chunk.map((qi) => queries[qi]!.frames), 0);
      groups.push({
        indices: chunk,
        frames: T,
        candidates: C,
        frameTensor,
        ids: tf.tensor2d(ids, [chunk.length * C, L], 'int32'),
        segments: tf.tensor2d(segments, [chunk.length * C, L], 'int32'),
        mask: tf.tensor2d(mask, [chunk.length * C, L], 'float32'),
      });
    }
  }
  return groups;
}

/** Frees a group's tensors. */
export function disposeGroup(group: PreparedGroup): void {
  tf.dispose([group.frameTensor, group.ids, group.segments, group.mask]);
}
