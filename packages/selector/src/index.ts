// @sparc-vqa/selector: causal frame selection from per-frame image-QA teacher probabilities (SpARC 3.2).
// Curated public API; everything not listed here is internal.

// Causal frames (paper 3.2.1)
export { selectCausalFrames } from './select-causal-frames.js';
export type { CausalFrameSelection } from './select-causal-frames.js';
export {
  FALLBACK_MODES,
  SELECT_CAUSAL_FRAMES_DEFAULTS,
  resolveSelectCausalFramesOptions,
} from './select-causal-frames-options.js';
export type {
  FallbackMode,
  SelectCausalFramesConfig,
  SelectCausalFramesOptions,
} from './select-causal-frames-options.js';
export { gatherAnswerProbs } from './gather-answer-probs.js';
export type { GatherAnswerProbsOptions } from './gather-answer-probs.js';

// Single frame for spatial distillation (paper 3.2.2)
export { pickSingleFrame } from './pick-single-frame.js';
export type { PickSingleFrameInputs, SingleFramePick } from './pick-single-frame.js';
export {
  PICK_AMONG_MODES,
  PICK_SINGLE_FRAME_DEFAULTS,
  resolvePickSingleFrameOptions,
} from './pick-single-frame-options.js';
export type { PickAmong, PickSingleFrameConfig, PickSingleFrameOptions } from './pick-single-frame-options.js';

// Teacher frames -> feature clips (paper A.3)
export { alignTeacherFrames } from './align-teacher-frames.js';
export type { TeacherFrameAlignment } from './align-teacher-frames.js';
export {
  ALIGN_TEACHER_FRAMES_DEFAULTS,
  resolveAlignTeacherFramesOptions,
} from './align-teacher-frames-options.js';
export type {
  AlignTeacherFramesConfig,
  AlignTeacherFramesOptions,
  ClipRepresentative,
  MissingClipPolicy,
} from './align-teacher-frames-options.js';
export { alignTeacherProbs } from './align-teacher-probs.js';
export type {
  AlignTeacherProbsInputs,
  AlignTeacherProbsOptions,
  ClipAggregate,
  ClipTeacherProbs,
} from './align-teacher-probs.js';
export { hcrnClipBoundaries, uniformClipBoundaries } from './clip-boundaries.js';
export type { ClipBoundary } from './clip-boundaries.js';

// Soft guidance (beyond the paper, its future work)
export { softFrameWeights } from './soft-frame-weights.js';
export {
  SOFT_FRAME_WEIGHTS_DEFAULTS,
  SOFT_WEIGHT_MODES,
  resolveSoftFrameWeightsOptions,
} from './soft-frame-weights-options.js';
export type {
  SoftFrameWeightsConfig,
  SoftFrameWeightsOptions,
  SoftWeightMode,
} from './soft-frame-weights-options.js';
export { sampleFrameMask } from './sample-frame-mask.js';
export type { SampleFrameMaskInputs, SampledFrameMask } from './sample-frame-mask.js';
export { resolveSampleFrameMaskOptions } from './sample-frame-mask-options.js';
export type { SampleFrameMaskConfig, SampleFrameMaskOptions } from './sample-frame-mask-options.js';

// Diagnostics (plain numbers)
export { selectionStats } from './selection-stats.js';
export type { SelectionStats, SelectionStatsInputs } from './selection-stats.js';
export { selectionOverlap } from './selection-overlap.js';
export type { SelectionOverlap } from './selection-overlap.js';
export { selectionPrecisionRecall } from './selection-precision-recall.js';
export type { SelectionPrecisionRecall } from './selection-precision-recall.js';

// Shared types and errors
export type { MaskLike, Rng, TeacherFrameInputs } from './types.js';
export { ConfigError, SelectorError, ShapeError, ValueError } from './errors.js';
export type { SelectorErrorOptions } from './errors.js';
