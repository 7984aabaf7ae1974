// The variables of VGT under their sail-sg/VGT model/vqa_model.py state_dict names, with the reference's
// initialisation: `_init_weights` (normal 0.02, zero bias, LayerNorm 1/0) for the modules built before
// `self.apply` (encode_vid's Linear, linear_video, norm_video, position_v, mmt, vqproj) and PyTorch's
// defaults for the rest (Linear/Conv U(±1/√fan_in); GraphConvolution U(±1/√out), model/graph.py).
import type { VGTConfig } from '../config.js';

/** How a variable is initialised. */
export type WeightInit =
  | { readonly kind: 'normal'; readonly std: number }
  | { readonly kind: 'uniform'; readonly bound: number }
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'sinusoidal' };

/** One variable of the model. */
export interface WeightSpec {
  /** The reference state_dict key (without the `model.` prefix of the fixtures). */
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  /** False for buffers (BatchNorm statistics) and the frozen sinusoidal position table. */
  readonly trainable: boolean;
  readonly init: WeightInit;
}

type LinearInit = 'reference' | 'default';

function linear(specs: WeightSpec[], name: string, out: number, inDim: number, init: LinearInit, convolution = false): void {
  const shape = convolution ? [out, inDim, 1, 1] : [out, inDim];
  const bound = 1 / Math.sqrt(inDim);
  specs.push({
    name: `${name}.weight`, shape, dtype: 'float32', trainable: true,
    init: init === 'reference' ? { kind: 'normal', std: 0.02 } : { kind: 'uniform', bound },
  });
  specs.push({
    name: `${name}.bias`, shape: [out], dtype: 'float32', trainable: true,
    init: init === 'reference' ? { kind: 'constant', value: 0 } : { kind: 'uniform', bound },
  });
}

function norm(specs: WeightSpec[], name: string, dim: number): void {
  specs.push({ name: `${name}.weight`, shape: [dim], dtype: 'float32', trainable: true, init: { kind: 'constant', value: 1 } });
  specs.push({ name: `${name}.bias`, shape: [dim], dtype: 'float32', trainable: true, init: { kind: 'constant', value: 0 } });
}

function batchNorm(specs: WeightSpec[], name: string, dim: number): void {
  norm(specs, name, dim);
  specs.push({ name: `${name}.running_mean`, shape: [dim], dtype: 'float32', trainable: false, init: { kind: 'constant', value: 0 } });
  specs.push({ name: `${name}.running_var`, shape: [dim], dtype: 'float32', trainable: false, init: { kind: 'constant', value: 1 } });
  specs.push({ name: `${name}.num_batches_tracked`, shape: [], dtype: 'int32', trainable: false, init: { kind: 'constant', value: 0 } });
}

function transformer(specs: WeightSpec[], prefix: string, layers: number, dim: number, ff: number, init: LinearInit): void {
  for (let i = 0; i < layers; i++) {
    const p = `${prefix}.layer.${i}`;
    for (const lin of ['q_lin', 'k_lin', 'v_lin', 'out_lin']) linear(specs, `${p}.attention.${lin}`, dim, dim, init);
    norm(specs, `${p}.sa_layer_norm`, dim);
    linear(specs, `${p}.ffn.lin1`, ff, dim, init);
    linear(specs, `${p}.ffn.lin2`, dim, ff, init);
    norm(specs, `${p}.output_layer_norm`, dim);
  }
}

/**
 * Every variable of a VGT with this configuration, in state_dict order. The MLM and matching heads
 * (`vocab_*`, `crossmodal_matching`) and `position_v.modality_embedding` are left out: the
 * multiple-choice forward never reads them.
 */
export function vgtWeightSpecs(config: VGTConfig): WeightSpec[] {
  const { dModel: d, featureDim: f, boxDim, boxHiddenDim: pos, numLayers: n } = config;
  const specs: WeightSpec[] = [];
  linear(specs, 'encode_vid.bbox_conv.0', pos, boxDim, 'default', true);
  batchNorm(specs, 'encode_vid.bbox_conv.1', pos);
  linear(specs, 'encode_vid.bbox_conv.3', pos, pos, 'default', true);
  batchNorm(specs, 'encode_vid.bbox_conv.4', pos);
  linear(specs, 'encode_vid.tohid.0', d, f + pos, 'reference');
  linear(specs, 'linear_video', d, f, 'reference');
  norm(specs, 'norm_video', d);
  specs.push({
    name: 'position_v.position_embeddings.weight', shape: [config.maxPositions, d], dtype: 'float32',
    trainable: false, init: { kind: 'sinusoidal' },
  });
  norm(specs, 'position_v.LayerNorm', d);
  transformer(specs, 'mmt', n, d, config.ffDim, 'reference');
  linear(specs, 'vqproj.1', d, d, 'reference');
  linear(specs, 'amodel.linear_text', d, config.wordDim, 'default');
  linear(specs, 'merge_fr.0', d, 2 * d, 'default');
  linear(specs, 'satt_pool.0', config.poolHiddenDim, d, 'default');
  linear(specs, 'satt_pool.2', 1, config.poolHiddenDim, 'default');
  linear(specs, 'gnn.fc_k', config.gnnHiddenDim, d, 'default');
  linear(specs, 'gnn.fc_q', config.gnnHiddenDim, d, 'default');
  for (const [i, [inDim, out]] of [[d, config.gnnHiddenDim], [config.gnnHiddenDim, d]].entries()) {
    const bound = 1 / Math.sqrt(out!);
    specs.push({ name: `gnn.layers.${i}.weight`, shape: [inDim!, out!], dtype: 'float32', trainable: true, init: { kind: 'uniform', bound } });
    specs.push({ name: `gnn.layers.${i}.bias`, shape: [out!], dtype: 'float32', trainable: true, init: { kind: 'uniform', bound } });
  }
  const graphWidth = config.numRegions * config.numRegions;
  transformer(specs, 'graph_trans', n, graphWidth, config.graphFfDim, 'default');
  transformer(specs, 'ttrans', n, d, config.ffDim, 'default');
  return specs;
}
