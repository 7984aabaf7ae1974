// Where a trained model finds its answer, measured against the synthetic benchmark's ground-truth causal
// frames: the loss and accuracy when it sees only the causal frames vs an equally large random subset of
// frames (what SpARC's guided loss trains, paper 3.2.1), and, for HGA, how much of its question-to-video
// attention lands on the causal frames (the paper's misfocus, 4.1.1, measured where the truth is known);
// for every backbone, how much of its gradient x input frame importance does.
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@sparc-vqa/mixup';
import type { HGABackbone } from '@sparc-vqa/backbones';
import { loadCheckpoint } from '../engine/checkpoint.js';
import { readRunConfig, RunFolderError } from '../engine/evaluate-run.js';
import { openQADataset } from '../engine/qa-dataset.js';
import { createAdapterFor } from '../engine/train-run.js';
import { gradientFrameImportance } from '../probe/gradient-frame-importance.js';
import { readGroundTruth } from '../synth/ground-truth.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';

/** Means over the questions that have ground-truth causal frames. */
export interface FrameEvidence {
  readonly questions: number;
  /** Cross-entropy of the answer seeing only the ground-truth causal frames / a random subset of the same size. */
  readonly causalLoss: number;
  readonly randomLoss: number;
  readonly causalAccuracy: number;
  readonly randomAccuracy: number;
  /** HGA: mean share of the frame importance on the causal frames; `uniformMass` is what uniform attention gives. */
  readonly attentionMass: number | null;
  readonly uniformMass: number;
  /** HGA: share of questions whose most-attended frame is a causal frame. */
  readonly top1InCausal: number | null;
  /** Any backbone: mean share of the gradient x input frame importance on the causal frames, and the share
   * of questions whose most important frame is causal (probe/gradient-frame-importance.ts). */
  readonly gradientMass: number;
  readonly gradientTop1: number;
}

/** The gradient-importance part of FrameEvidence (what `frameEvidence(..., { only: 'gradient' })` measures). */
export type GradientEvidence = Pick<FrameEvidence, 'questions' | 'gradientMass' | 'gradientTop1' | 'uniformMass'>;

/** Masks [B, K]: the ground-truth causal positions, and a random subset of the same size per row. */
export function causalAndRandomMasks(causal: readonly (readonly number[])[], positions: number, teacherFrameOf: Int32Array | null, rng: () => number): { causal: Float32Array; random: Float32Array } {
  const B = causal.length;
  const c = new Float32Array(B * positions);
  const r = new Float32Array(B * positions);
  causal.forEach((frames, b) => {
    const set = new Set(frames);
    let n = 0;
    for (let k = 0; k < positions; k++) {
      if (set.has(teacherFrameOf ? teacherFrameOf[k]! : k)) {
        c[b * positions + k] = 1;
        n += 1;
      }
    }
    const order = Array.from({ length: positions }, (_, k) => k);
    for (let i = positions - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order.slice(0, n)) r[b * positions + k] = 1;
  });
  return { causal: c, random: r };
}

/** Measures a run's final checkpoint on `split` (default test); `only: 'gradient'` measures just the gradient importance. */
export async function frameEvidence(options: { runDir: string; split?: string; seed?: number; batchSize?: number; only?: undefined }): Promise<FrameEvidence>;
export async function frameEvidence(options: { runDir: string; split?: string; seed?: number; batchSize?: number; only: 'gradient' }): Promise<GradientEvidence>;
export async function frameEvidence(options: { runDir: string; split?: string; seed?: number; batchSize?: number; only?: 'gradient' }): Promise<FrameEvidence | GradientEvidence> {
  const config = readRunConfig(options.runDir);
  const split = options.split ?? 'test';
  const checkpoint = loadCheckpoint(options.runDir);
  if (!checkpoint) throw new RunFolderError(options.runDir, 'no checkpoint yet');
  const groundTruth = readGroundTruth(syntheticSplitFiles(config.dataset, split).groundTruth);
  const data = await openQADataset(config.dataset, split, { backbone: config.backbone });
  const adapter = createAdapterFor(config, data);
  const rng = createRng(options.seed ?? 0);
  const sums = { n: 0, causalLoss: 0, randomLoss: 0, causalAcc: 0, randomAcc: 0, mass: 0, uniform: 0, top1: 0, gradientMass: 0, gradientTop1: 0 };
  const full = options.only === undefined;
  const isHGA = config.backbone === 'hga' && full;
  try {
    adapter.backbone.loadWeights(checkpoint.weights);
    const usable = data.rows.map((r, i) => ({ r, i })).filter(({ r }) => (groundTruth.questions[r.key]?.causal.length ?? 0) > 0);
    const batchSize = options.batchSize ?? 64;
    for (let start = 0; start < usable.length; start += batchSize) {
      const chunk = usable.slice(start, start + batchSize);
      const batch = data.batch(chunk.map((x) => x.i));
      const B = chunk.length;
      const K = adapter.frames;
      const causal = chunk.map(({ r }) => groundTruth.questions[r.key]!.causal);
      const masks = causalAndRandomMasks(causal, K, adapter.teacherFrameOf, rng);
      const values = tf.tidy(() => {
        const video = adapter.video(batch);
        const qa = tf.tensor4d(batch.qa, [B, data.candidates, data.tokens, data.wordDim]);
        const qaLengths = tf.tensor2d(batch.qaLengths, [B, data.candidates], 'int32');
        const answers = tf.oneHot(tf.tensor1d(batch.answers, 'int32'), data.candidates);
        const score = (mask: Float32Array) => {
          const logits = adapter.backbone.call(adapter.inputs(video, qa, qaLengths, tf.tensor2d(mask, [B, K]))).logits;
          const loss = tf.neg(tf.sum(tf.mul(answers, tf.logSoftmax(logits)), 1));
          const correct = tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(answers, 1)), 'float32');
          return [tf.sum(loss), tf.sum(correct)];
        };
        const causalMask = tf.tensor2d(masks.causal, [B, K]);
        // Sum over the batch of the importance on the causal positions, and of "the top position is causal".
        const massAndTop1 = (importance: tf.Tensor2D) => {
          const top = tf.cast(tf.argMax(importance, 1), 'int32');
          return [tf.sum(tf.mul(importance, causalMask)), tf.sum(tf.gather(causalMask, top, 1, 1))];
        };
        const out = full ? [...score(masks.causal), ...score(masks.random)] : [tf.scalar(0), tf.scalar(0), tf.scalar(0), tf.scalar(0)];
        out.push(...massAndTop1(gradientFrameImportance(adapter, video, qa, qaLengths)));
        if (isHGA) out.push(...massAndTop1((adapter.backbone as unknown as HGABackbone).call(adapter.inputs(video, qa, qaLengths) as never, { frameImportance: true }).frameImportance!));
        return tf.stack(out);
      });
      const v = values.dataSync();
      values.dispose();
      sums.n += B;
      sums.causalLoss += v[0]!;
      sums.causalAcc += v[1]!;
      sums.randomLoss += v[2]!;
      sums.randomAcc += v[3]!;
      sums.gradientMass += v[4]!;
      sums.gradientTop1 += v[5]!;
      if (isHGA) {
        sums.mass += v[6]!;
        sums.top1 += v[7]!;
      }
      for (const c of causal) sums.uniform += c.length / groundTruth.frames;
    }
  } finally {
    adapter.backbone.dispose();
    data.close();
  }
  const n = Math.max(sums.n, 1);
  const gradient = { questions: sums.n, gradientMass: sums.gradientMass / n, gradientTop1: sums.gradientTop1 / n, uniformMass: sums.uniform / n };
  if (!full) return gradient;
  return {
    ...gradient,
    questions: sums.n,
    causalLoss: sums.causalLoss / n,
    randomLoss: sums.randomLoss / n,
    causalAccuracy: sums.causalAcc / n,
    randomAccuracy: sums.randomAcc / n,
    attentionMass: isHGA ? sums.mass / n : null,
    uniformMass: sums.uniform / n,
    top1InCausal: isHGA ? sums.top1 / n : null,
  };
}
