// The mixer's public types: what `createMixup` takes and what its `mix` takes and returns.
import type * as tf from '@tensorflow/tfjs-core';
import type { Rng, RngState } from './create-rng.js';
import type { MixupConfig } from './mixup-config.js';

/**
 * Options of `createMixup`: any part of {@link MixupConfig} plus, instead of `seed`, an injected `rng`.
 * Exactly one of `seed` and `rng` is required (no hidden randomness).
 *
 * @example
 * ```ts
 * const options: MixupOptions = { mode: 'tgm', alpha: 0.1, beta: 0.1, seed: 42 };
 * ```
 */
export interface MixupOptions extends Partial<MixupConfig> {
  /**
   * Uniform source in [0, 1) to draw from instead of a generator seeded with `seed`. A `SeededRng`
   * (from `createRng`) keeps `getState()`/`setState()` working; a plain function does not.
   */
  readonly rng?: Rng;
}

/**
 * One random draw of a mixer: plain numbers the runner can log (e.g. to metrics.jsonl) and replay.
 *
 * @example
 * ```ts
 * const draw: MixupDraw = createMixup({ seed: 1 }).draw(4); // { lambda: 0.9681756568548958, partner: [3, 0, 1, 2] }
 * ```
 */
export type MixupDraw = {
  /** lambda ~ Beta(alpha, beta), in [0, 1]: the sample's own weight. */
  readonly lambda: number;
  /**
   * partner[i] = the batch index sample i is mixed with (length B, a permutation of 0..B-1). A fresh
   * array per draw (typed mutable so that outputs stay a `tf.TensorContainer`; changing it changes nothing).
   */
  readonly partner: number[];
};

/**
 * A mixer's resumable state: the generator's words and how many draws were made. JSON-serializable;
 * save it in a checkpoint and pass it to `setState` to continue the same lambda/partner sequence.
 *
 * @example
 * ```ts
 * const state: MixupState = mixer.getState(); // { rng: [4 uint32], draws: 120 }
 * ```
 */
export interface MixupState {
  /** The sfc32 words of the mixer's generator. */
  readonly rng: RngState;
  /** Number of draws (mix or draw calls) made since creation. */
  readonly draws: number;
}

/**
 * Inputs of `mix`. B = batch, T = frames (or clips), C = candidates.
 *
 * @example
 * ```ts
 * const inputs: MixupInputs = { video, qa, targets, causalMask, qaLengths };
 * ```
 */
export interface MixupInputs {
  /** Frame/clip features [B, T, ...] float32, rank >= 2 (HGA [B, 16, 4096]; VGT [B, clips, frames, R, F]). */
  readonly video: tf.Tensor;
  /**
   * Question/QA features [B, ...] (HGA [B, C, L, 768]). float32 with `targets: 'mixed'`; any dtype with
   * `'concat'` (only gathered, e.g. token ids).
   */
  readonly qa: tf.Tensor;
  /** float32 [B, C] one-hot or soft answer distributions, or int32 answers [B] with `numCandidates`. */
  readonly targets: tf.Tensor;
  /**
   * Causal frames V_c: 1 = mix, 0 = keep bit for bit. [B, T] (or a longer prefix of video's shape),
   * float32/int32/bool. Required for `mode: 'tgm'`; shape-checked but ignored for `'mixup'`.
   */
  readonly causalMask?: tf.Tensor;
  /**
   * Real (1) vs padding (0) frames, same shape rules as `causalMask`. A frame is mixed only when both the
   * sample's and its partner's frame are real; otherwise the sample keeps its own frame. The mixed sample's
   * valid mask is therefore its input `validMask[i]`, unchanged. Omitted: all frames real.
   */
  readonly validMask?: tf.Tensor;
  /** int32 sequence lengths of `qa`, [B] or [B, C] (a prefix of qa's shape), e.g. HGA's QA token counts. */
  readonly qaLengths?: tf.Tensor;
  /** C; required when `targets` are int32 answers, checked against targets' C otherwise. */
  readonly numCandidates?: number;
}

/**
 * Outputs of `mix`. Every tensor is new and owned by the caller (dispose them, e.g. `tf.dispose(out)`:
 * the object is a `tf.TensorContainer`); unchanged ones are cheap clones sharing the input's storage.
 *
 * @example
 * ```ts
 * const { video, qa, targets, lambda, partner } = mixer.mix(inputs);
 * ```
 */
export type MixupOutputs = {
  /** The mixed video, shape and dtype of the input. */
  readonly video: tf.Tensor;
  /**
   * `'mixed'`: lambda * qa[i] + (1 - lambda) * qa[partner[i]]. `'concat'`: the input qa (a clone); score it
   * for the first C logits.
   */
  readonly qa: tf.Tensor;
  /** float32 [B, C] (`'mixed'`) or [B, 2C] (`'concat'`); rows sum to 1. */
  readonly targets: tf.Tensor2D;
  /** The draw's lambda (also in `draw`). Tensors are mixed with its float32 rounding. */
  readonly lambda: number;
  /** int32 [B]: partner[i] = the batch index sample i was mixed with. */
  readonly partner: tf.Tensor1D;
  /** float32 [B, T] (or the mask prefix shape): 1 where a frame was mixed, 0 where it is the input's frame. */
  readonly mixedMask: tf.Tensor;
  /** The draw as plain numbers (log it; pass it back as `mix(inputs, { draw })` to replay). */
  readonly draw: MixupDraw;
  /**
   * When `qaLengths` was given. `'mixed'`: max(qaLengths[i], qaLengths[partner[i]]) elementwise;
   * `'concat'`: the input lengths (a clone).
   */
  readonly qaLengths?: tf.Tensor;
  /** `'concat'` only: qa gathered by partner ([B, ...]); score it for the last C logits. */
  readonly partnerQa?: tf.Tensor;
  /** `'concat'` with `qaLengths` only: qaLengths gathered by partner. */
  readonly partnerQaLengths?: tf.Tensor;
};

/**
 * A mixer made by `createMixup`: owns a generator, draws (lambda, partner) once per batch and mixes.
 *
 * @example
 * ```ts
 * const mixer: Mixup = createMixup({ seed: 1 });
 * ```
 */
export interface Mixup {
  /** The resolved configuration (frozen, JSON-serializable). */
  readonly config: MixupConfig;
  /** Draws lambda ~ Beta(alpha, beta) and then the partner assignment for a batch of `batchSize`; advances the generator. */
  draw(batchSize: number): MixupDraw;
  /**
   * Mixes one batch with a fresh draw (advancing the generator) or with `options.draw` (replay; the
   * generator is not touched). Inputs are validated before anything is drawn, so a call that throws
   * leaves the generator where it was.
   */
  mix(inputs: MixupInputs, options?: { readonly draw?: MixupDraw }): MixupOutputs;
  /** Snapshot of the generator position (requires a seed or a `SeededRng`). */
  getState(): MixupState;
  /** Restores a snapshot from `getState()`, so the following draws repeat exactly. */
  setState(state: MixupState): void;
}
