// The contract both backbones implement (shared/SPEC.md section 2, "@sparc-vqa/backbones"), so that any
// training code can drive HGA or VGT the same way.
import type * as tf from '@tensorflow/tfjs-core';

/** A uniform [0, 1) random source. Every stochastic step (dropout) draws from one the caller passes. */
export type Rng = () => number;

/** Options of `VideoQABackbone.call`. */
export interface VideoQACallOptions {
  /** Training mode: dropout active. Default false (inference: deterministic, no rng needed). */
  readonly training?: boolean;
  /** Source of dropout seeds; required when `training` is true and any dropout rate is > 0. */
  readonly rng?: Rng;
}

/** What every backbone returns. Extra entries (attention maps, frame importance) are optional. */
export interface VideoQAOutputs {
  /** [B, C] one unnormalised score per candidate. */
  readonly logits: tf.Tensor2D;
  /** [B, T] per-frame (or per-clip) importance, when the model exposes one (e.g. attention weights). */
  readonly frameImportance?: tf.Tensor2D;
}

/** Inputs shared by both backbones: the QA side. */
export interface QAInputs {
  /** [B, C, L, Dw] token features of "question + candidate" (768-d BERT features by default). */
  readonly qa: tf.Tensor4D;
  /** int32 [B, C]: valid tokens per candidate, 1 <= len <= L; rows at index >= len are padding. */
  readonly qaLengths: tf.Tensor2D;
}

/** Weights in the tfjs weights-manifest format (round-trips exactly). */
export interface SavedWeights {
  readonly specs: tf.io.WeightsManifestEntry[];
  readonly data: ArrayBuffer;
}

/**
 * A video question answering model. `I` is its input object: HGA takes `{ video, qa, qaLengths,
 * frameMask? }`, VGT `{ regions, frames, qa, qaLengths, frameMask? }`.
 */
export interface VideoQABackbone<I extends QAInputs = QAInputs, C extends object = object> {
  /** 'hga' or 'vgt'. */
  readonly name: string;
  /** The resolved, frozen configuration. */
  readonly config: Readonly<C>;
  /** Runs the model. Returned tensors belong to the caller; intermediates are freed. */
  call(inputs: I, options?: VideoQACallOptions): VideoQAOutputs;
  /** The variables an optimizer updates. */
  readonly trainableWeights: readonly tf.Variable[];
  /** Every variable, trainable or not, by its stable name. */
  readonly weights: ReadonlyMap<string, tf.Variable>;
  /** The configuration, as plain JSON-serialisable data; `createX(getConfig())` builds the same model. */
  getConfig(): C;
  /** Serialises every variable (tfjs weights manifest + one binary buffer). */
  saveWeights(): Promise<SavedWeights>;
  /** Loads weights saved by `saveWeights` (names and shapes must match exactly). */
  loadWeights(weights: SavedWeights): void;
  /** Frees every variable. The model is unusable afterwards. */
  dispose(): void;
}
