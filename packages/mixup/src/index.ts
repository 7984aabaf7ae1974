// @sparc-vqa/mixup: mixup and Temporal Guided Mixup (TGM, SpARC paper A.2) for video question answering,
// with seeded Beta sampling. Only the names below are public.

// Mixer
export { createMixup } from './create-mixup.js';
export type { Mixup, MixupDraw, MixupInputs, MixupOptions, MixupOutputs, MixupState } from './types.js';

// Configuration
export { MIXUP_DEFAULTS, resolveMixupConfig } from './mixup-config.js';
export type { MixupConfig, MixupMode, MixupTargetsForm } from './mixup-config.js';

// Pure mixing helpers (reuse a mixer's draw on further tensors)
export { mixVideo } from './mix-video.js';
export type { MixVideoInputs, MixVideoOptions, MixVideoOutputs, TGMFrames } from './mix-video.js';
export { mixFeatures } from './mix-features.js';
export { mixLengths } from './mix-lengths.js';
export { mixupTargets } from './mixup-targets.js';
export type { PartnerInput } from './partner-input.js';

// Randomness
export { createRng } from './create-rng.js';
export type { Rng, RngState, SeededRng } from './create-rng.js';
export { sampleNormal } from './sample-normal.js';
export { sampleGamma, sampleLogGamma } from './sample-gamma.js';
export { sampleBeta } from './sample-beta.js';
export { samplePartner, PARTNER_STRATEGIES } from './sample-partner.js';
export type { PartnerStrategy } from './sample-partner.js';

// Errors
export { MixupError, ShapeError, ValueError, ConfigError } from './errors.js';
export type { MixupErrorOptions } from './errors.js';
