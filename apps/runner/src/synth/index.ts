// The synthetic benchmark: generation, writing in the real formats, reading back, and the oracle analysis.
export { resolveSynthConfig, SynthConfigError, SYNTH_PRESETS, SYNTH_PRESET_NAMES, type SynthConfig, type SynthConfigInput, type SynthPresetName, type SynthVGTConfig } from './synth-config.js';
export { writeSyntheticDataset, type SyntheticDatasetSummary, type WriteSyntheticDatasetOptions, type WrittenSplit } from './write-synthetic-dataset.js';
export { runSynth, type RunSynthOptions, type RunSynthResult } from './run-synth.js';
export { SYNTH_MANIFEST, syntheticSplitFiles, type SyntheticSplitFiles } from './synth-layout.js';
export { openSyntheticSplit, type SyntheticSplit } from './open-synthetic-split.js';
export { readGroundTruth, type GroundTruthFile, type GroundTruthQuestion, type GroundTruthVideo } from './ground-truth.js';
export { analyzeSyntheticBenchmark, FRAME_SETS, type AnalysisCell, type AnalysisGroup, type AnalyzeBenchmarkOptions, type BenchmarkAnalysis, type FrameSet } from './analyze-benchmark.js';
export { formatAnalysisTable } from './format-analysis-table.js';
export { ACTIONS, ACTORS, COUNT_WORDS, LOCATIONS, OBJECTS, buildLexicon, type Action, type Lexicon } from './lexicon.js';
export { qaTokens } from './qa-token-encoder.js';
export { SPLITS, type SplitName } from './generate-split.js';
