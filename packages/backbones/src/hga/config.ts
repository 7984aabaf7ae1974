// Configuration of the HGA port. Defaults are the reference NExT-QA model: doc-doc/NExT-QA videoqa.py
// build_model (model_type 'HGA', use_bert=True) with Cadene/block.bootstrap.pytorch Block defaults.
import { ConfigError } from '../errors.js';
import { blockChunkSizes } from './modules/block-chunk-sizes.js';

/** How the GCN node features are pooled into the local vector. */
export type HGAPooling = 'sum' | 'attention';

/** HGA hyperparameters: plain JSON data; `createHGA(model.getConfig())` rebuilds the same model. */
export interface HGAConfig {
  /** Per-clip video feature size Dv (reference `dim_vid`; NExT-QA 2048 appearance + 2048 motion). */
  readonly videoDim: number;
  /** Hidden size H of every encoder, attention, graph and fusion output (reference `dim_hidden`). */
  readonly hiddenSize: number;
  /** Token feature size of the QA input (the reference hard-codes 768 with BERT features). */
  readonly tokenDim: number;
  /** Token projection size before the question GRU (reference `dim_embed` / `word_dim`). */
  readonly wordDim: number;
  /** Block fusion joint size (Block `mm_dim`), for both fusions. */
  readonly blockMmDim: number;
  /** Block fusion chunk count (Block `chunks`). */
  readonly blockChunks: number;
  /** Block fusion rank (Block `rank`). */
  readonly blockRank: number;
  /**
   * Dropout probability p (reference `input_dropout_p`), used where the reference uses it: after the
   * video projection's ReLU, after the token projection, on the six co-attention weight matrices
   * (DropConnect), after every GCN layer, and on both inputs of the global Block fusion.
   */
  readonly dropout: number;
  /** Number of co-attention layers (reference `CoAttention(n_layers=vid_encoder.n_layers)`, 1). */
  readonly coAttentionLayers: number;
  /** The reference's `GCN(num_layers=2)`, which builds num_layers + 1 = 3 graph convolutions. */
  readonly gcnLayers: number;
  /**
   * 'sum' (reference, default): `gcn_atten_pool` ends in a softmax over a size-1 axis, so every weight is
   * exactly 1 and pooling is a plain sum over nodes; the pool's weights are kept (state_dict) but are
   * not trainable. 'attention': the softmax runs over the nodes (the reference comment's "dim=-2"),
   * with padding and masked nodes excluded; the pool's weights train.
   */
  readonly pooling: HGAPooling;
  /**
   * false (reference, default): the six co-attention matrices never receive gradients (the reference's
   * WeightDropLinear re-wraps its weight in a new Parameter every forward); they stay at their initial
   * values and get DropConnect noise in training. true: they train like any weight.
   */
  readonly trainCoAttention: boolean;
  /** Seed of the deterministic weight initialisation. */
  readonly seed: number;
}

/** The reference NExT-QA configuration (12,689,518 parameters). */
export const HGA_DEFAULTS: Readonly<HGAConfig> = Object.freeze({
  videoDim: 4096,
  hiddenSize: 256,
  tokenDim: 768,
  wordDim: 300,
  blockMmDim: 1600,
  blockChunks: 20,
  blockRank: 15,
  dropout: 0.3,
  coAttentionLayers: 1,
  gcnLayers: 2,
  pooling: 'sum',
  trainCoAttention: false,
  seed: 0,
});

const POSITIVE_INTS = ['videoDim', 'tokenDim', 'wordDim', 'blockMmDim', 'blockChunks', 'blockRank', 'coAttentionLayers', 'gcnLayers'] as const;

/**
 * Fills every missing field from `HGA_DEFAULTS` and validates the result. Returns a new frozen object;
 * the argument is never modified.
 *
 * @throws ConfigError naming the field, the value and the constraint
 * @example
 * resolveHGAConfig({ hiddenSize: 16 }).blockMmDim; // 1600
 */
export function resolveHGAConfig(partial: Partial<HGAConfig> = {}): Readonly<HGAConfig> {
  const fn = 'resolveHGAConfig';
  if (partial == null || typeof partial !== 'object') throw new ConfigError(fn, 'config', partial, 'must be an object');
  for (const key of Object.keys(partial)) {
    if (!(key in HGA_DEFAULTS)) throw new ConfigError(fn, key, (partial as Record<string, unknown>)[key], `is not an HGA option (known: ${Object.keys(HGA_DEFAULTS).join(', ')})`);
  }
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const config: HGAConfig = { ...HGA_DEFAULTS, ...defined };
  for (const field of POSITIVE_INTS) {
    const v = config[field];
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(fn, field, v, 'must be an integer >= 1');
  }
  if (!Number.isInteger(config.hiddenSize) || config.hiddenSize < 2) {
    throw new ConfigError(fn, 'hiddenSize', config.hiddenSize, 'must be an integer >= 2 (the pool has hiddenSize/2 units)');
  }
  if (typeof config.dropout !== 'number' || !(config.dropout >= 0 && config.dropout < 1)) {
    throw new ConfigError(fn, 'dropout', config.dropout, 'must be a number in [0, 1)');
  }
  if (config.blockChunks > config.blockMmDim) {
    throw new ConfigError(fn, 'blockChunks', config.blockChunks, `must be <= blockMmDim (${config.blockMmDim})`);
  }
  if (blockChunkSizes(config.blockMmDim, config.blockChunks) == null) {
    throw new ConfigError(fn, 'blockChunks', config.blockChunks, `cannot split blockMmDim ${config.blockMmDim} into positive chunks the way Block's get_sizes_list does`);
  }
  if (config.pooling !== 'sum' && config.pooling !== 'attention') {
    throw new ConfigError(fn, 'pooling', config.pooling, "must be 'sum' or 'attention'");
  }
  if (typeof config.trainCoAttention !== 'boolean') throw new ConfigError(fn, 'trainCoAttention', config.trainCoAttention, 'must be a boolean');
  if (!Number.isInteger(config.seed)) throw new ConfigError(fn, 'seed', config.seed, 'must be an integer');
  return Object.freeze(config);
}
