// VGT hyperparameters, named after sail-sg/VGT model/vqa_model.py (VGT.__init__) and shells/next_train.sh.
import { ConfigError } from '../errors.js';

/** How the answer vector `answer_proj` pools the projected candidate tokens. */
export type VGTAnswerPooling = 'allPositions' | 'validTokens';

/**
 * VGT configuration: plain JSON data. Every size of the reference model is a field; the reference name
 * is given in each comment. `createVGT(getConfig())` rebuilds the same model (same seed, same weights).
 */
export interface VGTConfig {
  /** Region/frame appearance feature size F (`feature_dim`). Region inputs are F + boxDim wide. */
  readonly featureDim: number;
  /** Box descriptor size appended to each region feature (`bbox_dim`, fixed to 5 in the reference). */
  readonly boxDim: number;
  /** Token feature size of the text encoder's output (`word_dim`, BERT-base: 768). */
  readonly wordDim: number;
  /** Model width D (`d_model`). */
  readonly dModel: number;
  /** Feed-forward width of the temporal (`ttrans`) and clip (`mmt`) transformers (`d_ff`). */
  readonly ffDim: number;
  /** Attention heads of `ttrans` and `mmt` (`h`); must divide dModel. */
  readonly numHeads: number;
  /** Layers of each transformer: `ttrans`, `graph_trans`, `mmt` (`N`). */
  readonly numLayers: number;
  /** Dropout rate everywhere (`dropout`): attention weights, FFN outputs, positions, GCN, `vqproj`. */
  readonly dropout: number;
  /** Regions per frame R (`bnum`); the region-graph transformer is R² wide. */
  readonly numRegions: number;
  /** Hidden size of the box encoder's 1x1 convolutions (`d_pos` / `pos_hidden`, fixed to 128). */
  readonly boxHiddenDim: number;
  /** Heads of the region-graph transformer `graph_trans` (fixed to 5); must divide numRegions². */
  readonly graphHeads: number;
  /** Feed-forward width of `graph_trans` (`d_ff` in the reference; defaults to ffDim). */
  readonly graphFfDim: number;
  /** Hidden size of the region graph: `gnn.fc_k`/`fc_q` outputs and the first GCN layer (`d_model // 2`). */
  readonly gnnHiddenDim: number;
  /** Hidden size of the region attention pool `satt_pool` (`d_model // 2`). */
  readonly poolHiddenDim: number;
  /** Rows of the frozen sinusoidal clip-position table (`Embeddings(d_model, 20, 8)`: 28). Max clips. */
  readonly maxPositions: number;
  /** Clips per video of the reference data layout (8). Informational: `call` accepts 1..maxPositions. */
  readonly numClips: number;
  /** Frames per clip of the reference data layout (4). Informational: `call` accepts any count. */
  readonly framesPerClip: number;
  /** LayerNorm epsilon (1e-12 in every VGT LayerNorm). */
  readonly layerNormEps: number;
  /** BatchNorm epsilon of the box encoder (PyTorch default 1e-5). */
  readonly batchNormEps: number;
  /** BatchNorm running-statistics momentum (PyTorch default 0.1). */
  readonly batchNormMomentum: number;
  /**
   * `allPositions` (reference, default): the answer vector is the mean of the projected tokens over all
   * L positions, padding included. `validTokens`: the mean over the first qaLengths tokens only.
   */
  readonly answerPooling: VGTAnswerPooling;
  /** Seed of the deterministic weight initialisation (uint32). */
  readonly seed: number;
}

/** The reference NExT-QA configuration (`shells/next_train.sh`; fixtures/vgt/vgt-default-params.json). */
export const VGT_DEFAULTS: Readonly<VGTConfig> = Object.freeze({
  featureDim: 2048,
  boxDim: 5,
  wordDim: 768,
  dModel: 512,
  ffDim: 1024,
  numHeads: 8,
  numLayers: 1,
  dropout: 0.3,
  numRegions: 5,
  boxHiddenDim: 128,
  graphHeads: 5,
  graphFfDim: 1024,
  gnnHiddenDim: 256,
  poolHiddenDim: 256,
  maxPositions: 28,
  numClips: 8,
  framesPerClip: 4,
  layerNormEps: 1e-12,
  batchNormEps: 1e-5,
  batchNormMomentum: 0.1,
  answerPooling: 'allPositions',
  seed: 0,
});

const INTEGER_FIELDS = [
  'featureDim', 'boxDim', 'wordDim', 'dModel', 'ffDim', 'numHeads', 'numLayers', 'numRegions', 'boxHiddenDim',
  'graphHeads', 'graphFfDim', 'gnnHiddenDim', 'poolHiddenDim', 'maxPositions', 'numClips', 'framesPerClip',
] as const;

const KNOWN = new Set<string>(Object.keys(VGT_DEFAULTS));

/**
 * Fills every field missing from `partial` and validates the result; returns a new frozen object and
 * never mutates `partial`. Derived defaults follow the reference: `graphFfDim` = ffDim,
 * `gnnHiddenDim` = `poolHiddenDim` = floor(dModel / 2) unless given.
 * @throws ConfigError naming the field, for unknown fields and out-of-range or inconsistent values.
 */
export function resolveVGTConfig(partial: Partial<VGTConfig> = {}): Readonly<VGTConfig> {
  const fn = 'resolveVGTConfig';
  if (partial === null || typeof partial !== 'object') throw new ConfigError(fn, 'config', partial, 'must be an object');
  for (const key of Object.keys(partial)) {
    if (!KNOWN.has(key)) throw new ConfigError(fn, key, (partial as Record<string, unknown>)[key], 'is not a VGT config field');
  }
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) as Partial<VGTConfig>;
  const dModel = defined.dModel ?? VGT_DEFAULTS.dModel;
  const ffDim = defined.ffDim ?? VGT_DEFAULTS.ffDim;
  const half = Math.floor(dModel / 2);
  const config: VGTConfig = {
    ...VGT_DEFAULTS,
    graphFfDim: ffDim,
    gnnHiddenDim: half,
    poolHiddenDim: half,
    ...defined,
  };
  for (const field of INTEGER_FIELDS) {
    const value = config[field];
    if (!Number.isInteger(value) || value < 1) throw new ConfigError(fn, field, value, 'must be a positive integer');
  }
  if (config.dModel % config.numHeads !== 0) {
    throw new ConfigError(fn, 'numHeads', config.numHeads, `must divide dModel (${config.dModel})`);
  }
  const graphWidth = config.numRegions * config.numRegions;
  if (graphWidth % config.graphHeads !== 0) {
    throw new ConfigError(fn, 'graphHeads', config.graphHeads, `must divide numRegions² (${graphWidth})`);
  }
  if (config.numClips > config.maxPositions) {
    throw new ConfigError(fn, 'numClips', config.numClips, `must be <= maxPositions (${config.maxPositions})`);
  }
  if (typeof config.dropout !== 'number' || !(config.dropout >= 0 && config.dropout < 1)) {
    throw new ConfigError(fn, 'dropout', config.dropout, 'must be a number in [0, 1)');
  }
  for (const field of ['layerNormEps', 'batchNormEps'] as const) {
    const value = config[field];
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
      throw new ConfigError(fn, field, value, 'must be a positive finite number');
    }
  }
  const momentum = config.batchNormMomentum;
  if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) {
    throw new ConfigError(fn, 'batchNormMomentum', momentum, 'must be a number in [0, 1]');
  }
  if (config.answerPooling !== 'allPositions' && config.answerPooling !== 'validTokens') {
    throw new ConfigError(fn, 'answerPooling', config.answerPooling, "must be 'allPositions' or 'validTokens'");
  }
  if (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff) {
    throw new ConfigError(fn, 'seed', config.seed, 'must be an integer in [0, 2^32)');
  }
  return Object.freeze(config);
}
