// Builds an HGA model from a reference PyTorch state_dict (doc-doc/NExT-QA HGA), e.g. read from a
// safetensors file: every size is inferred from the weight shapes.
import { WeightsError } from '../errors.js';
import { assignVariables } from '../shared/weights-io.js';
import { resolveHGAConfig, type HGAConfig } from './config.js';
import { createHGA, type HGABackbone } from './hga.js';
import { CO_ATTENTION_LINEARS } from './hga-weights.js';
import { blockChunkSizes } from './modules/block-chunk-sizes.js';

/** One state_dict entry: a `SafetensorsTensor` or any `{ shape, data }`. */
export interface ReferenceTensor {
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
  readonly dtype?: string;
}

/** Options that a state_dict cannot tell (sizes always come from the weights). */
export type LoadReferenceHGAOptions = Partial<Pick<HGAConfig, 'dropout' | 'pooling' | 'trainCoAttention' | 'seed'>>;

const FN = 'loadReferenceHGA';
const FLOAT_DTYPES = new Set(['F32', 'F64', 'F16', 'BF16']);
const WEIGHT_DROP_COPY = new RegExp(`^co_attn\\.encoder_layers\\.\\d+\\.(${CO_ATTENTION_LINEARS.join('|')})\\.weight$`);

/** The state_dict entries: the `model.*` entries with the prefix removed if there are any, else all. */
function stateDict(tensors: ReadonlyMap<string, ReferenceTensor>): Map<string, ReferenceTensor> {
  const hasPrefix = [...tensors.keys()].some((k) => k.startsWith('model.'));
  const out = new Map<string, ReferenceTensor>();
  for (const [name, t] of tensors) {
    if (hasPrefix && !name.startsWith('model.')) continue;
    const key = hasPrefix ? name.slice('model.'.length) : name;
    // WeightDropLinear re-registers `.weight` = dropout(weight_raw) on every forward; weight_raw is the
    // trained weight (fixtures/README.md "Weight names"), so the copies are skipped.
    if (WEIGHT_DROP_COPY.test(key)) continue;
    out.set(key, t);
  }
  return out;
}

function shapeOf(dict: ReadonlyMap<string, ReferenceTensor>, name: string, rank: number, purpose: string): readonly number[] {
  const t = dict.get(name);
  if (t == null) throw new WeightsError(FN, name, `is missing (needed to infer ${purpose})`);
  if (t.shape.length !== rank) throw new WeightsError(FN, name, `has shape [${t.shape.join(', ')}], expected rank ${rank}`);
  return t.shape;
}

function countIndexed(dict: ReadonlyMap<string, ReferenceTensor>, pattern: RegExp): number {
  let n = 0;
  for (const key of dict.keys()) {
    const m = pattern.exec(key);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
}

/**
 * The HGA sizes of a reference state_dict: videoDim and hiddenSize from `vid_encoder.vid2hid.0.weight`,
 * wordDim and tokenDim from `qns_encoder.embedding.weight`, blockMmDim / blockChunks / blockRank from
 * `global_fusion`, and the co-attention and GCN layer counts from the indexed names.
 *
 * @throws WeightsError naming a missing or inconsistent weight
 */
export function inferHGAConfig(tensors: ReadonlyMap<string, ReferenceTensor>): Pick<HGAConfig, 'videoDim' | 'hiddenSize' | 'tokenDim' | 'wordDim' | 'blockMmDim' | 'blockChunks' | 'blockRank' | 'coAttentionLayers' | 'gcnLayers'> {
  const dict = stateDict(tensors);
  const [hiddenSize, videoDim] = shapeOf(dict, 'vid_encoder.vid2hid.0.weight', 2, 'videoDim and hiddenSize') as [number, number];
  const [wordDim, tokenDim] = shapeOf(dict, 'qns_encoder.embedding.weight', 2, 'wordDim and tokenDim') as [number, number];
  const [blockMmDim] = shapeOf(dict, 'global_fusion.linear0.weight', 2, 'blockMmDim') as [number, number];
  const blockChunks = countIndexed(dict, /^global_fusion\.merge_linears0\.(\d+)\.weight$/);
  if (blockChunks === 0) throw new WeightsError(FN, 'global_fusion.merge_linears0.0.weight', 'is missing (needed to infer blockChunks)');
  const sizes = blockChunkSizes(blockMmDim, blockChunks);
  if (sizes == null) throw new WeightsError(FN, 'global_fusion.merge_linears0', `${blockChunks} chunks cannot split mm_dim ${blockMmDim}`);
  const [rows] = shapeOf(dict, 'global_fusion.merge_linears0.0.weight', 2, 'blockRank') as [number, number];
  if (rows % sizes[0]! !== 0) throw new WeightsError(FN, 'global_fusion.merge_linears0.0.weight', `has ${rows} rows, not a multiple of the chunk size ${sizes[0]}`);
  const coAttentionLayers = countIndexed(dict, /^co_attn\.encoder_layers\.(\d+)\./);
  if (coAttentionLayers === 0) throw new WeightsError(FN, 'co_attn.encoder_layers.0.linear_question.weight_raw', 'is missing (needed to infer coAttentionLayers)');
  const gcnCount = countIndexed(dict, /^gcn\.layers\.(\d+)\./);
  if (gcnCount < 2) throw new WeightsError(FN, `gcn.layers.${gcnCount}.weight.weight`, 'is missing (HGA has at least 2 graph convolutions)');
  return { videoDim, hiddenSize, tokenDim, wordDim, blockMmDim, blockChunks, blockRank: rows / sizes[0]!, coAttentionLayers, gcnLayers: gcnCount - 1 };
}

/**
 * Builds an HGA model whose sizes are inferred from a reference state_dict and loads its weights.
 * `tensors` is `readSafetensors(bytes).tensors` (only the `model.*` entries are used) or a Map of the
 * state_dict itself. The six `co_attn….weight` copies that PyTorch adds after a forward are ignored
 * (`weight_raw` is loaded).
 *
 * @throws WeightsError naming any missing, unexpected, non-float or mis-shaped weight
 * @example
 * const { tensors } = readSafetensors(bytes);
 * const hga = loadReferenceHGA(tensors);
 */
export function loadReferenceHGA(tensors: ReadonlyMap<string, ReferenceTensor>, options: LoadReferenceHGAOptions = {}): HGABackbone {
  if (!(tensors instanceof Map)) throw new WeightsError(FN, '<tensors>', 'expected a Map of name -> { shape, data } (readSafetensors(bytes).tensors)');
  const dict = stateDict(tensors);
  for (const [name, t] of dict) {
    if (t.dtype != null && !FLOAT_DTYPES.has(t.dtype)) throw new WeightsError(FN, name, `has dtype ${t.dtype}, expected a float dtype`);
  }
  const config = resolveHGAConfig({ ...inferHGAConfig(dict), ...options });
  const model = createHGA(config);
  try {
    assignVariables(FN, model.weights, dict);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
