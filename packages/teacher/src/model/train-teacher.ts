// The training loop behind TinyAlbefTeacher.fit (everything trains) and .fineTune (SpARC A.1/A.4: only
// the cross-modal interaction module trains). Each frame of a training video is paired with the
// video's question and video-level answer (A.1); `objective: 'video'` instead averages the per-frame
// logits over frames before the cross-entropy (the DeST/shinying ALBEF NExT-QA adapter).
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import { assertAnswer, evaluateTeacher } from '../evaluate-teacher.js';
import type { TeacherEvaluation } from '../evaluate-teacher.js';
import { createRng, shuffledIndices } from '../hash.js';
import type { TeacherExample } from '../image-qa-teacher.js';
import { AdamW } from './adamw.js';
import { disposeGroup, validateQuery } from './prepare-queries.js';
import { visualTokenCount } from './tiny-albef-config.js';
import type { EncodedGroup, TinyAlbefTeacher } from './tiny-albef.js';

/** Training hyperparameters (paper symbols in the README table). */
export interface TrainTeacherConfig {
  readonly epochs: number;
  readonly learningRate: number;
  /** Weight decay (decoupled, AdamW-style, unless `decoupledWeightDecay: false`). */
  readonly weightDecay: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Examples (videos x question) per step. */
  readonly batchSize: number;
  /** Seed of the example order. */
  readonly seed: number;
  /** `interaction`: encoders frozen (fineTune); `all`: everything trains (fit). */
  readonly trainable: 'interaction' | 'all';
  /**
   * `frame`: CE on every frame with the video-level answer (A.1); `video`: CE on frame-averaged logits;
   * `mil`: CE on logsumexp-pooled logits over frames (multiple-instance: only frames that support a
   * candidate are pushed, so the answer need not be visible in every frame).
   */
  readonly objective: 'frame' | 'video' | 'mil';
  readonly decoupledWeightDecay: boolean;
  readonly decayBiasAndNorm: boolean;
}

/** SpARC A.4: Adam, lr 2e-5, weight decay 0.01, 5 epochs; encoders frozen (A.1). */
export const FINE_TUNE_DEFAULTS: TrainTeacherConfig = Object.freeze({
  epochs: 5,
  learningRate: 2e-5,
  weightDecay: 0.01,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  batchSize: 8,
  seed: 0,
  trainable: 'interaction',
  objective: 'frame',
  decoupledWeightDecay: true,
  decayBiasAndNorm: false,
});

/** Pre-training from scratch (not in the paper; ALBEF comes pre-trained): lr 1e-3, 10 epochs, everything trains. */
export const FIT_DEFAULTS: TrainTeacherConfig = Object.freeze({ ...FINE_TUNE_DEFAULTS, epochs: 10, learningRate: 1e-3, trainable: 'all' });

/** Validates a full config; returns a new frozen object. */
export function resolveTrainTeacherConfig(config: TrainTeacherConfig): TrainTeacherConfig {
  const fn = 'resolveTrainTeacherConfig';
  const c = { ...config };
  for (const f of ['epochs', 'batchSize'] as const) if (!Number.isInteger(c[f]) || c[f] < 1) throw new ConfigError(fn, f, c[f], 'must be an integer >= 1');
  if (!(c.learningRate > 0)) throw new ConfigError(fn, 'learningRate', c.learningRate, 'must be > 0');
  if (!(c.weightDecay >= 0)) throw new ConfigError(fn, 'weightDecay', c.weightDecay, 'must be >= 0');
  for (const f of ['beta1', 'beta2'] as const) if (!(c[f] >= 0 && c[f] < 1)) throw new ConfigError(fn, f, c[f], 'must be in [0, 1)');
  if (c.trainable !== 'interaction' && c.trainable !== 'all') throw new ConfigError(fn, 'trainable', c.trainable, "must be 'interaction' or 'all'");
  if (!['frame', 'video', 'mil'].includes(c.objective)) throw new ConfigError(fn, 'objective', c.objective, "must be 'frame', 'video' or 'mil'");
  return Object.freeze(c);
}

/** Progress after each optimisation step. */
export interface TrainStepProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly step: number;
  readonly steps: number;
  readonly loss: number;
}

/** One finished epoch. */
export interface TrainEpochResult {
  /** 1-based. */
  readonly epoch: number;
  readonly epochs: number;
  /** Mean training loss of the epoch. */
  readonly loss: number;
  readonly validation?: TeacherEvaluation;
}

/** Callbacks and validation data. */
export interface TrainTeacherOptions {
  /** Evaluated after every epoch (`evaluateTeacher`). */
  readonly validation?: readonly TeacherExample[];
  readonly onStep?: (progress: TrainStepProgress) => void;
  readonly onEpochEnd?: (result: TrainEpochResult) => void;
  /** Stops after the current step when `aborted` becomes true. */
  readonly signal?: { readonly aborted: boolean };
  /**
   * With frozen encoders (fineTune), run them once and keep their outputs for all epochs. `auto`
   * (default) caches when the outputs take at most 256 MiB.
   */
  readonly cacheEncodings?: boolean | 'auto';
}

/** What training did. */
export interface TrainHistory {
  readonly config: TrainTeacherConfig;
  readonly epochs: readonly TrainEpochResult[];
}

/** Frozen-encoder outputs of one example (fineTune caches these across epochs). */
interface EncodedExample {
  readonly text: tf.Tensor3D; // [C, L, H]
  readonly textMask: tf.Tensor2D; // [C, L]
  readonly visual: tf.Tensor3D; // [T, V, H]
}

/** Runs the (frozen) encoders once over every example. */
function encodeExamples(teacher: TinyAlbefTeacher, examples: readonly TeacherExample[]): EncodedExample[] {
  const out: EncodedExample[] = new Array(examples.length);
  for (let start = 0; start < examples.length; start += 64) {
    const chunk = examples.slice(start, start + 64);
    for (const group of teacher.prepare(chunk)) {
      tf.tidy(() => {
        const enc = teacher.encode(group);
        const [text, textMask, visual] = [tf.unstack(enc.text), tf.unstack(enc.textMask), tf.unstack(enc.visual)];
        group.indices.forEach((qi, s) => {
          const item = { text: text[s] as tf.Tensor3D, textMask: textMask[s] as tf.Tensor2D, visual: visual[s] as tf.Tensor3D };
          tf.keep(item.text);
          tf.keep(item.textMask);
          tf.keep(item.visual);
          out[start + qi] = item;
        });
      });
      disposeGroup(group);
    }
  }
  return out;
}

/** Bytes the encoder cache of `examples` would take. */
function cacheBytes(teacher: TinyAlbefTeacher, examples: readonly TeacherExample[]): number {
  const { hiddenSize: H, maxTextLength: L } = teacher.config;
  const V = visualTokenCount(teacher.config);
  return examples.reduce((n, e) => n + 4 * (e.candidates.length * L * (H + 1) + e.frames.shape[0]! * V * H), 0);
}

function batchLoss(
  teacher: TinyAlbefTeacher,
  batch: readonly TeacherExample[],
  cached: readonly EncodedExample[] | null,
  cfg: TrainTeacherConfig,
): { loss: () => tf.Scalar; release: () => void } {
  let groups: Array<{ indices: readonly number[]; frames: number; candidates: number; encode: () => EncodedGroup }>;
  const owned: tf.Tensor[] = [];
  if (cached) {
    const byShape = new Map<string, number[]>();
    batch.forEach((e, i) => {
      const k = `${e.frames.shape[0]}/${e.candidates.length}`;
      byShape.set(k, [...(byShape.get(k) ?? []), i]);
    });
    groups = [...byShape.values()].map((indices) => {
      const items = indices.map((i) => cached[i]!);
      const enc: EncodedGroup = {
        text: tf.stack(items.map((x) => x.text)) as tf.Tensor4D,
        textMask: tf.stack(items.map((x) => x.textMask)) as tf.Tensor3D,
        visual: tf.stack(items.map((x) => x.visual)) as tf.Tensor4D,
      };
      owned.push(enc.text, enc.textMask, enc.visual);
      return { indices, frames: batch[indices[0]!]!.frames.shape[0]!, candidates: batch[indices[0]!]!.candidates.length, encode: () => enc };
    });
  } else {
    const frozen = cfg.trainable === 'interaction';
    groups = teacher.prepare(batch).map((g) => {
      owned.push(g.frameTensor, g.ids, g.segments, g.mask);
      let enc: EncodedGroup | null = null;
      if (frozen) {
        enc = tf.tidy(() => ({ ...teacher.encode(g) })) as unknown as EncodedGroup;
        owned.push(enc.text, enc.textMask, enc.visual);
      }
      return { indices: g.indices, frames: g.frames, candidates: g.candidates, encode: () => enc ?? teacher.encode(g) };
    });
  }
  const targets = groups.map((g) => tf.tidy(() => tf.oneHot(tf.tensor1d(g.indices.map((i) => batch[i]!.answer), 'int32'), g.candidates)));
  owned.push(...targets);
  const denominator = cfg.objective === 'frame' ? groups.reduce((n, g) => n + g.indices.length * g.frames, 0) : batch.length;
  const loss = () =>
    tf.tidy(() => {
      const terms = groups.map((g, i) => {
        const logits = teacher.interact(g.encode()); // [S, T, C]
        const target = targets[i]!; // [S, C]
        if (cfg.objective === 'video') return tf.neg(tf.sum(tf.mul(tf.logSoftmax(tf.mean(logits, 1)), target)));
        if (cfg.objective === 'mil') return tf.neg(tf.sum(tf.mul(tf.logSoftmax(tf.logSumExp(logits, 1)), target)));
        return tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), tf.expandDims(target, 1))));
      });
      return tf.div(tf.addN(terms), denominator) as tf.Scalar;
    });
  return { loss, release: () => tf.dispose(owned) };
}

/** Trains `teacher` in place. Use TinyAlbefTeacher.fit / fineTune rather than calling this directly. */
export async function trainTeacher(
  teacher: TinyAlbefTeacher,
  examples: readonly TeacherExample[],
  config: TrainTeacherConfig,
  options: TrainTeacherOptions = {},
): Promise<TrainHistory> {
  const cfg = resolveTrainTeacherConfig({ ...FINE_TUNE_DEFAULTS, ...pickConfig(config) });
  examples.forEach((e, i) => {
    validateQuery('trainTeacher', e, teacher.config, i);
    assertAnswer('trainTeacher', e, i);
  });
  const variables = teacher.variables(cfg.trainable);
  const optimizer = new AdamW(variables, {
    learningRate: cfg.learningRate,
    beta1: cfg.beta1,
    beta2: cfg.beta2,
    epsilon: cfg.epsilon,
    weightDecay: cfg.weightDecay,
    decoupled: cfg.decoupledWeightDecay,
    decayBiasAndNorm: cfg.decayBiasAndNorm,
  });
  const mode = options.cacheEncodings ?? 'auto';
  const useCache = cfg.trainable === 'interaction' && (mode === true || (mode === 'auto' && cacheBytes(teacher, examples) <= 256 * 2 ** 20));
  const cache = useCache ? encodeExamples(teacher, examples) : null;
  const rng = createRng(cfg.seed);
  const steps = Math.ceil(examples.length / cfg.batchSize);
  const history: TrainEpochResult[] = [];
  try {
    for (let epoch = 1; epoch <= cfg.epochs && !options.signal?.aborted; epoch++) {
      const order = shuffledIndices(examples.length, rng);
      let total = 0;
      for (let step = 0; step < steps && !options.signal?.aborted; step++) {
        const picked = order.slice(step * cfg.batchSize, (step + 1) * cfg.batchSize);
        const { loss, release } = batchLoss(teacher, picked.map((i) => examples[i]!), cache ? picked.map((i) => cache[i]!) : null, cfg);
        let value: number;
        try {
          const { value: lossTensor, grads } = tf.variableGrads(loss, variables);
          optimizer.step(grads);
          value = (await lossTensor.data())[0]!;
          tf.dispose([lossTensor, ...Object.values(grads)]);
        } finally {
          release();
        }
        total += value;
        options.onStep?.({ epoch, epochs: cfg.epochs, step: step + 1, steps, loss: value });
      }
      const validation = options.validation ? await evaluateTeacher(teacher, options.validation) : undefined;
      const result: TrainEpochResult = { epoch, epochs: cfg.epochs, loss: total / steps, ...(validation ? { validation } : {}) };
      history.push(result);
      options.onEpochEnd?.(result);
    }
  } finally {
    optimizer.dispose();
    if (cache) tf.dispose(cache.flatMap((c) => [c.text, c.textMask, c.visual]));
  }
  return { config: cfg, epochs: history };
}

function pickConfig(c: Partial<TrainTeacherConfig>): Partial<TrainTeacherConfig> {
  const keys = Object.keys(FINE_TUNE_DEFAULTS) as (keyof TrainTeacherConfig)[];
  return Object.fromEntries(keys.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));
}
