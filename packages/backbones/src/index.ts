export type { QAInputs, Rng, SavedWeights, VideoQABackbone, VideoQACallOptions, VideoQAOutputs } from './backbone.js';
export { BackbonesError, ConfigError, ShapeError, WeightsError } from './errors.js';
export { readSafetensors } from './safetensors/read-safetensors.js';
export type { Safetensors, SafetensorsTensor } from './safetensors/read-safetensors.js';
