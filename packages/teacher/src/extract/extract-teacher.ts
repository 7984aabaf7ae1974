// Runs a teacher over a stream of samples and writes its per-frame probabilities to a store (paper
// 3.1: computed once, stored, reused by every epoch). Batches frames across samples, skips keys the
// store already holds (so an interrupted run resumes), reports progress, and can run as shard i of n.
import * as tf from '@tensorflow/tfjs-core';
import { DuplicateKeyError, ShapeError, StoreMismatchError } from '../errors.js';
import type { ImageQATeacher, TeacherFrames, TeacherQuery } from '../image-qa-teacher.js';
import { resolveShard, shardOf } from '../shard-of.js';
import type { ShardSpec } from '../shard-of.js';
import type { TeacherStore } from '../store/teacher-store.js';

/** Frame values as plain data: `[T, D]` or `[T, H, W, 3]`, row-major. */
export interface FrameArray {
  readonly data: Float32Array | Int32Array | Uint8Array;
  readonly shape: readonly number[];
}

/** Frames as a tensor, plain data, or a (possibly async) loader called only if the sample is scored. */
export type FrameSource = TeacherFrames | FrameArray | (() => TeacherFrames | FrameArray | Promise<TeacherFrames | FrameArray>);

/** One sample to extract. */
export interface TeacherSample {
  /** `<video>_<qid>`. */
  readonly key: string;
  readonly question: string;
  /** Exactly `store.header.candidates` candidates. */
  readonly candidates: readonly string[];
  /** Exactly `store.header.framesPerVideo` frames. Tensors passed here are owned (disposed) by extractTeacher. */
  readonly frames: FrameSource;
  /** Frame positions, when they differ from the store header's `frameIndices` (stored per record). */
  readonly frameIndices?: readonly number[];
}

/** Progress after each batch (and every 256 skipped samples). */
export interface ExtractionProgress {
  /** Samples read from the input (scored, skipped, or in another shard). */
  readonly done: number;
  /** Samples in the input, when known (array input or `total`). */
  readonly total?: number;
  /** Records written by this run. */
  readonly written: number;
  /** Samples whose key the store already held (resume). */
  readonly skipped: number;
  /** Samples belonging to other shards. */
  readonly otherShard: number;
  /** Frames scored by this run. */
  readonly frames: number;
  readonly elapsedMs: number;
  /** Input samples per second (done / elapsed). */
  readonly samplesPerSecond: number;
  /** Frames scored per second. */
  readonly framesPerSecond: number;
  /** Estimated time to finish, when `total` is known. */
  readonly etaMs?: number;
}

/** What a run did. */
export interface ExtractionSummary extends ExtractionProgress {
  /** True when `signal.aborted` stopped the run early. */
  readonly aborted: boolean;
}

/** Options of `extractTeacher`. */
export interface ExtractTeacherOptions {
  /** Frames per teacher call, summed over samples (default 256). */
  readonly batchFrames?: number;
  /** Run as shard `index` of `count`: only keys with shardOf(key, count) === index are scored. Defaults to the store header's shard. */
  readonly shard?: ShardSpec;
  /** Number of input samples, for progress and ETA (an array input gives it). */
  readonly total?: number;
  readonly onProgress?: (progress: ExtractionProgress) => void;
  /** Checked after each sample: when true the run stops; queued samples not yet scored are dropped (a resumed run scores them). */
  readonly signal?: { readonly aborted: boolean };
  /** Clock in ms (default Date.now). */
  readonly now?: () => number;
}

function isTensor(x: unknown): x is tf.Tensor {
  return x instanceof tf.Tensor;
}

async function loadFrames(sample: TeacherSample): Promise<TeacherFrames> {
  const source = typeof sample.frames === 'function' ? await sample.frames() : sample.frames;
  if (isTensor(source)) return source;
  const shape: number[] = [...source.shape];
  const data = source.data instanceof Float32Array ? source.data : Int32Array.from(source.data);
  return tf.tensor<tf.Rank>(data, shape, data instanceof Float32Array ? 'float32' : 'int32') as TeacherFrames;
}

function disposeIfTensor(source: FrameSource): void {
  if (isTensor(source)) source.dispose();
}

/**
 * Scores every sample of `samples` (this shard's, not yet stored) with `teacher` and writes the
 * `[T, C]` probabilities to `store`, in input order. Re-running after an interruption skips what was
 * written, so the store ends up as an uninterrupted run's. Throws ShapeError for a sample whose frame
 * count or candidate count does not match the store header, DuplicateKeyError for a key repeated in
 * the input, StoreMismatchError when `shard` disagrees with the store's header; records written
 * before an error stay in the store.
 *
 * @example
 * const summary = await extractTeacher({ teacher, samples, store }, { batchFrames: 256, onProgress: (p) => bar.update(p.done, p.total) });
 */
export async function extractTeacher(
  { teacher, samples, store }: { teacher: ImageQATeacher; samples: AsyncIterable<TeacherSample> | Iterable<TeacherSample>; store: TeacherStore },
  options: ExtractTeacherOptions = {},
): Promise<ExtractionSummary> {
  const fn = 'extractTeacher';
  const header = store.header;
  if (options.shard && header.shard && (options.shard.index !== header.shard.index || options.shard.count !== header.shard.count)) {
    throw new StoreMismatchError(store.location, 'shard', options.shard, header.shard);
  }
  const shard = resolveShard(fn, options.shard ?? header.shard ?? { index: 0, count: 1 });
  const batchFrames = options.batchFrames ?? 256;
  const now = options.now ?? Date.now;
  const total = options.total ?? (Array.isArray(samples) ? samples.length : undefined);
  const started = now();
  let done = 0;
  let written = 0;
  let skipped = 0;
  let otherShard = 0;
  let frames = 0;
  const seen = new Set<string>();
  const progress = (): ExtractionProgress => {
    const elapsedMs = Math.max(now() - started, 0);
    const seconds = Math.max(elapsedMs / 1000, 1e-9);
    const samplesPerSecond = done / seconds;
    const eta = total !== undefined && done > 0 ? ((total - done) / done) * elapsedMs : undefined;
    return { done, ...(total === undefined ? {} : { total }), written, skipped, otherShard, frames, elapsedMs, samplesPerSecond, framesPerSecond: frames / seconds, ...(eta === undefined ? {} : { etaMs: Math.max(eta, 0) }) };
  };
  let pending: Array<{ sample: TeacherSample; query: TeacherQuery }> = [];
  let pendingFrames = 0;

  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingFrames = 0;
    let outputs: tf.Tensor2D[] = [];
    try {
      outputs = await teacher.scoreBatch(batch.map((b) => b.query));
      for (let i = 0; i < batch.length; i++) {
        const { sample } = batch[i]!;
        const out = outputs[i];
        const T = header.framesPerVideo;
        const C = header.candidates;
        if (!out || out.shape.length !== 2 || out.shape[0] !== T || out.shape[1] !== C) {
          throw new ShapeError(fn, `teacher output for '${sample.key}'`, `[${T}, ${C}]`, out ? `[${out.shape.join(', ')}]` : 'missing');
        }
        const probs = (await out.data()) as Float32Array;
        const custom = sample.frameIndices && sample.frameIndices.some((x, k) => x !== header.frameIndices[k]);
        await store.put({ key: sample.key, probs, ...(custom ? { frameIndices: sample.frameIndices } : {}) });
        written++;
        frames += T;
      }
    } finally {
      tf.dispose(outputs);
      for (const b of batch) b.query.frames.dispose();
    }
    options.onProgress?.(progress());
  };

  for await (const sample of samples) {
    if (options.signal?.aborted) {
      disposeIfTensor(sample.frames);
      break;
    }
    done++;
    if (seen.has(sample.key)) {
      disposeIfTensor(sample.frames);
      throw new DuplicateKeyError(store.location, sample.key, 'appears twice in the samples');
    }
    seen.add(sample.key);
    if (shardOf(sample.key, shard.count) !== shard.index) {
      otherShard++;
      disposeIfTensor(sample.frames);
      continue;
    }
    if (store.has(sample.key)) {
      skipped++;
      disposeIfTensor(sample.frames);
      if (skipped % 256 === 0) options.onProgress?.(progress());
      continue;
    }
    if (sample.candidates.length !== header.candidates) {
      disposeIfTensor(sample.frames);
      throw new ShapeError(fn, `candidates of '${sample.key}'`, `${header.candidates} candidates (store header)`, `${sample.candidates.length}`);
    }
    const framesTensor = await loadFrames(sample);
    if (framesTensor.shape[0] !== header.framesPerVideo) {
      framesTensor.dispose();
      throw new ShapeError(fn, `frames of '${sample.key}'`, `${header.framesPerVideo} frames (store header)`, `[${framesTensor.shape.join(', ')}]`);
    }
    pending.push({
      sample,
      query: { key: sample.key, frames: framesTensor, question: sample.question, candidates: sample.candidates, frameIndices: sample.frameIndices ?? header.frameIndices },
    });
    pendingFrames += framesTensor.shape[0]!;
    if (pendingFrames >= batchFrames) await flush();
  }
  const aborted = options.signal?.aborted ?? false;
  if (!aborted) await flush();
  else {
    for (const b of pending) b.query.frames.dispose();
    pending = [];
  }
  const summary = { ...progress(), aborted };
  options.onProgress?.(summary);
  return summary;
}
