// One SpARC training step (paper 3.2, A.2): teacher rows -> causal frames -> single frame -> TGM -> the
// whole, guided and single-frame views in one backbone call -> sparcLoss -> one optimizer step.
// Without temporal and spatial guidance it is the plain training of the backbone (the baseline).
// Backbone-specific input handling lives in a BackboneAdapter (HGA, VGT); frames here are the adapter's
// frameMask positions, each standing for one teacher frame.
import * as tf from '@tensorflow/tfjs';
import { sparcLoss } from '@sparc-vqa/losses';
import { createMixup, createRng } from '@sparc-vqa/mixup';
import { pickSingleFrame, sampleFrameMask, selectCausalFrames, softFrameWeights } from '@sparc-vqa/selector';
import type { AdamOptimizer } from './adam-optimizer.js';
import { tileBatch, type BackboneAdapter } from './backbone-adapter.js';
import { mixVideoInputs } from './mix-video-inputs.js';
import type { HostBatch } from './qa-dataset.js';
import { lookupTeacherProbs, type MissingTeacherPolicy, type TeacherLookup } from './teacher-lookup.js';

/** The method switches and hyperparameters a step uses (a slice of the run config). */
export interface SparcStepConfig {
  /** T: guided loss + consistency loss (off: plain CE on the whole video). */
  readonly temporal: boolean;
  /** S: spatial distillation of the teacher's single-frame prediction. */
  readonly spatial: boolean;
  /** t: a frame is causal when p_k[a] > t. */
  readonly threshold: number;
  readonly fallback: 'argmax' | 'all' | 'skip';
  /**
   * 'hard' (paper): the guided view shows the frames with p_k[a] > t. 'soft' (beyond the paper, its C.2
   * future work): each step draws the guided view's frames, frame k with probability
   * sigmoid((p_k[a] - t) / softTemperature); a draw without any frame takes the hard selection.
   * minFrames / maxFrames bound the hard selection only.
   */
  readonly guidance: 'hard' | 'soft';
  /** tau of the soft guidance (-> 0: the hard selection). */
  readonly softTemperature: number;
  readonly minFrames: number;
  readonly maxFrames: number | null;
  /** w_c, w_s. */
  readonly consistencyWeight: number;
  readonly spatialWeight: number;
  /** Temporal Guided Mixup, plain mixup, or none. */
  readonly mixup: 'tgm' | 'mixup' | 'none';
  readonly alpha: number;
  readonly beta: number;
  readonly missingTeacher: MissingTeacherPolicy;
}

/** What one step reports (plain numbers, read once per step). */
export interface StepMetrics {
  readonly loss: number;
  readonly guided: number | null;
  readonly consistency: number | null;
  readonly spatial: number | null;
  readonly whole: number | null;
  /** Share of the batch whose whole-video argmax equals the answer (before mixup). */
  readonly accuracy: number;
  readonly gradNorm: number;
  /** Mean number of causal frames kept, and the share of samples that used the fallback. */
  readonly framesKept: number | null;
  readonly fallbackRate: number | null;
  readonly missingTeacher: number;
  readonly lambda: number | null;
}

/** Everything a step needs besides the config. */
export interface SparcStepContext {
  readonly adapter: BackboneAdapter;
  readonly optimizer: AdamOptimizer;
  readonly teacher?: TeacherLookup;
  /** T: frames per teacher row (the dataset's time steps). */
  readonly teacherFrames: number;
  readonly candidates: number;
  readonly tokens: number;
  readonly wordDim: number;
}

/** A non-finite loss: the run stops and keeps its last good checkpoint. */
export class NonFiniteLossError extends Error {
  override readonly name = 'NonFiniteLossError';
  constructor(readonly value: number, readonly where: string) {
    super(`non-finite loss ${value} at ${where}; the last good checkpoint is kept`);
  }
}

/**
 * Runs one training step on `batch` and updates the backbone's weights. `seed` derives every random
 * draw of the step (single-frame pick, mixup, dropout, soft guidance), so a resumed run repeats it exactly.
 * @throws NonFiniteLossError, MissingTeacherError
 */
export function sparcTrainStep(ctx: SparcStepContext, batch: HostBatch, config: SparcStepConfig, seed: number, where: string): StepMetrics {
  const B = batch.keys.length;
  const { adapter, teacherFrames: T, candidates: C } = ctx;
  const K = adapter.frames;
  const guidance = config.temporal || config.spatial;
  if (guidance && ctx.teacher === undefined) throw new Error('sparcTrainStep: temporal or spatial guidance needs a teacher store');
  const teacher = guidance ? lookupTeacherProbs(ctx.teacher!, batch.keys, T, C, config.missingTeacher) : null;

  const keep: tf.Tensor[] = [];
  const kept: tf.Tensor[] = [];
  let lambda: number | null = null;
  const packed = tf.tidy(() => {
    const video0 = adapter.video(batch);
    const qa0 = tf.tensor4d(batch.qa, [B, C, ctx.tokens, ctx.wordDim]);
    const qaLengths0 = tf.tensor2d(batch.qaLengths, [B, C], 'int32');
    const answers = tf.tensor1d(batch.answers, 'int32');
    const validMask = tf.ones([B, K]) as tf.Tensor2D;
    let video: readonly tf.Tensor[] = video0;
    let qa: tf.Tensor = qa0;
    let qaLengths: tf.Tensor = qaLengths0;
    let targets: tf.Tensor2D | tf.Tensor1D = answers;
    const views: tf.Tensor2D[] = [validMask];
    let temporalWeights: tf.Tensor1D | undefined;
    let spatialWeights: tf.Tensor1D | undefined;
    let singleTeacher: tf.Tensor2D | undefined;
    let framesKept: tf.Tensor | null = null;
    let fallbackRate: tf.Tensor | null = null;
    if (teacher) {
      const rows = tf.tensor3d(teacher.probs, [B, T, C]);
      // Each mask position takes its teacher frame's probabilities: [B, T, C] -> [B, K, C].
      const probs = adapter.teacherFrameOf ? (tf.gather(rows, tf.tensor1d(adapter.teacherFrameOf, 'int32'), 1) as tf.Tensor3D) : rows;
      const available = tf.tensor1d(teacher.available);
      const selection = selectCausalFrames(
        { teacherProbs: probs, answers, validMask },
        { threshold: config.threshold, fallback: config.fallback, minFrames: config.minFrames, maxFrames: config.maxFrames, checkValues: false },
      );
      const selected = tf.cast(tf.greater(selection.counts, 0), 'float32') as tf.Tensor1D;
      let causalMask = selection.mask;
      if (config.guidance === 'soft') {
        // Soft guidance: this step's causal frames are drawn from sigmoid((p_k[a] - t) / tau); the hard
        // selection (with its fallback) stands in when a sample draws no frame. 'skip' still removes the
        // samples without a frame above t (temporalWeights below).
        const weights = softFrameWeights({ teacherProbs: probs, answers, validMask }, { mode: 'sigmoid', threshold: config.threshold, temperature: config.softTemperature, checkValues: false });
        const drawn = sampleFrameMask({ weights, validMask }, { seed: seed + 3, checkValues: false });
        causalMask = tf.where(tf.expandDims(tf.greater(drawn.counts, 0), 1), drawn.mask, selection.mask) as tf.Tensor2D;
      }
      // A skipped sample (weight 0) still needs a harmless view: give it the whole video.
      let guidedMask = tf.where(tf.expandDims(tf.cast(selected, 'bool'), 1), causalMask, validMask) as tf.Tensor2D;
      framesKept = tf.mean(tf.sum(causalMask, 1));
      fallbackRate = tf.mean(tf.cast(selection.usedFallback, 'float32'));
      const single = pickSingleFrame({ validMask }, { seed });
      singleTeacher = tf.sum(tf.mul(probs, tf.expandDims(single.mask, 2)), 1) as tf.Tensor2D;
      temporalWeights = tf.mul(selected, available) as tf.Tensor1D;
      spatialWeights = available;
      if (config.mixup !== 'none') {
        const mixer = createMixup({ mode: config.mixup, alpha: config.alpha, beta: config.beta, seed: seed + 1, checkValues: false });
        const { video: mixedVideo, mixed: out } = mixVideoInputs(mixer, { video, qa, targets: tf.cast(tf.oneHot(answers, C), 'float32'), causalMask, qaLengths, validMask });
        lambda = out.lambda;
        video = mixedVideo;
        qa = out.qa;
        qaLengths = out.qaLengths ?? qaLengths;
        targets = out.targets as tf.Tensor2D;
        // The mixed target carries the partner's answer too, so the guided view shows the partner's causal
        // frames as well (TGM mixes them in at the partner's positions): V_c of i united with V_c of partner.
        const guidedUnion = tf.maximum(causalMask, tf.gather(causalMask, out.partner));
        guidedMask = tf.where(tf.expandDims(tf.cast(selected, 'bool'), 1), guidedUnion, validMask) as tf.Tensor2D;
        // The single frame's target follows its pixels: mixed frame -> mixed teacher prediction.
        const partnerProbs = tf.gather(probs, out.partner);
        const partnerSingle = tf.sum(tf.mul(partnerProbs, tf.expandDims(single.mask, 2)), 1);
        const singleMixed = tf.sum(tf.mul(out.mixedMask, single.mask), 1, true);
        singleTeacher = tf.add(singleTeacher, tf.mul(singleMixed, tf.mul(tf.sub(partnerSingle, singleTeacher), 1 - out.lambda))) as tf.Tensor2D;
        const partnerAvailable = tf.gather(available, out.partner);
        spatialWeights = tf.mul(available, tf.sub(1, tf.mul(tf.squeeze(singleMixed, [1]), tf.sub(1, partnerAvailable)))) as tf.Tensor1D;
      }
      if (config.temporal) views.push(guidedMask);
      if (config.spatial) views.push(single.mask);
    }
    const n = views.length;
    // A backbone that takes [n·B, K] masks over one batch encodes the mask-independent parts once for all views.
    const tiles = adapter.sharedViews ? 1 : n;
    const inputs = adapter.inputs(
      video.map((v) => tileBatch(v, tiles)),
      tileBatch(qa, tiles),
      tileBatch(qaLengths, tiles),
      tf.concat(views, 0),
    );
    const rng = createRng(seed + 2);
    let wholeLogits: tf.Tensor2D | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const logits = adapter.backbone.call(inputs, { training: true, rng }).logits;
      const parts = n === 1 ? [logits] : (tf.split(logits, n, 0) as tf.Tensor2D[]);
      let at = 0;
      const whole = parts[at++]!;
      const guided = config.temporal && teacher ? parts[at++] : undefined;
      const singleFrame = config.spatial && teacher ? parts[at++] : undefined;
      wholeLogits = tf.keep(whole);
      kept.push(wholeLogits);
      const out = sparcLoss(
        {
          wholeLogits: whole,
          ...(guided ? { guidedLogits: guided } : {}),
          ...(singleFrame ? { singleFrameLogits: singleFrame } : {}),
          answers: targets,
          ...(singleTeacher ? { teacherProbs: singleTeacher } : {}),
          ...(temporalWeights ? { temporalWeights } : {}),
          ...(spatialWeights ? { spatialWeights } : {}),
        },
        { temporal: config.temporal, spatial: config.spatial, consistencyWeight: config.consistencyWeight, spatialWeight: config.spatialWeight, checkValues: false },
      );
      for (const t of [out.guided, out.consistency, out.spatial, out.whole]) keep.push(t === null ? tf.keep(tf.scalar(NaN)) : tf.keep(t as tf.Tensor));
      return out.total as tf.Scalar;
    }, adapter.backbone.trainableWeights as tf.Variable[]);
    const gradNorm = ctx.optimizer.apply(grads);
    const accuracy = tf.mean(tf.cast(tf.equal(tf.argMax(wholeLogits!, 1), answers), 'float32'));
    return tf.stack([value, ...keep, accuracy, gradNorm, framesKept ?? tf.scalar(NaN), fallbackRate ?? tf.scalar(NaN)]);
  });
  const v = packed.dataSync();
  tf.dispose([packed, ...keep, ...kept]);
  const num = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : x);
  const loss = v[0]!;
  if (!Number.isFinite(loss)) throw new NonFiniteLossError(loss, where);
  return {
    loss,
    guided: num(v[1]),
    consistency: num(v[2]),
    spatial: num(v[3]),
    whole: num(v[4]),
    accuracy: v[5]!,
    gradNorm: v[6]!,
    framesKept: num(v[7]),
    fallbackRate: num(v[8]),
    missingTeacher: teacher?.missing ?? 0,
    lambda,
  };
}
