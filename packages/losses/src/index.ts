// Public API of @sparc-vqa/losses: the SpARC losses (paper 3.2) for any TensorFlow.js video-QA model.
// Curated named exports only; internals (validation, reductions, per-sample terms) stay private.

export { guidedLoss } from './guided-loss.js';
export type { GuidedLossInputs } from './guided-loss.js';
export { GUIDED_LOSS_DEFAULTS, resolveGuidedLossOptions } from './guided-loss-options.js';
export type { GuidedLossConfig, GuidedLossOptions } from './guided-loss-options.js';

export { consistencyLoss } from './consistency-loss.js';
export type { ConsistencyLossInputs } from './consistency-loss.js';
export { CONSISTENCY_LOSS_DEFAULTS, resolveConsistencyLossOptions } from './consistency-loss-options.js';
export type { ConsistencyLossConfig, ConsistencyLossOptions } from './consistency-loss-options.js';

export { spatialDistillationLoss } from './spatial-distillation-loss.js';
export type { SpatialDistillationLossInputs } from './spatial-distillation-loss.js';
export {
  SPATIAL_DISTILLATION_LOSS_DEFAULTS,
  resolveSpatialDistillationLossOptions,
} from './spatial-distillation-loss-options.js';
export type {
  SpatialDistillationLossConfig,
  SpatialDistillationLossOptions,
} from './spatial-distillation-loss-options.js';

export { sparcLoss } from './sparc-loss.js';
export type { SparcLossInputs, SparcLossOutputs } from './sparc-loss.js';
export { SPARC_LOSS_DEFAULTS, resolveSparcLossOptions } from './sparc-loss-options.js';
export type { SparcLossConfig, SparcLossOptions } from './sparc-loss-options.js';

export { KL_DIRECTIONS, REDUCTIONS } from './types.js';
export type { KLDirection, LossTensor, Reduction } from './types.js';

export { ConfigError, LossesError, ShapeError, ValueError } from './errors.js';
export type { LossesErrorOptions } from './errors.js';
