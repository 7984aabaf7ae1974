// The HGA weights: names and shapes of the reference state_dict (doc-doc/NExT-QA HGA.py as built by
// videoqa.py, listed in fixtures/hga/hga-default-params.json), with PyTorch's default initialisation.
import { deriveSeed, seededRandom } from '../shared/seeded-random.js';
import { linearDefaultValues, rowNorms, uniformValues, xavierNormalValues } from '../shared/initializers.js';
import type { VariableSpec } from '../shared/weights-io.js';
import type { HGAConfig } from './config.js';
import { blockChunkSizes } from './modules/block-chunk-sizes.js';

/** The six co-attention linears of a layer, by reference name. */
export const CO_ATTENTION_LINEARS = Object.freeze([
  'linear_question',
  'linear_video',
  'linear_v_question',
  'linear_v_video',
  'linear_final_qv',
  'linear_final_vq',
] as const);

/**
 * Every weight of an HGA model: reference state_dict key -> spec (shape, trainable, seeded init), in
 * state_dict order. Initialisation follows the reference: PyTorch's Linear and GRU defaults,
 * Xavier-normal for the video projection, weight_norm's g = ‖v‖ per row.
 */
export function hgaVariableSpecs(config: Readonly<HGAConfig>): Map<string, VariableSpec> {
  const { hiddenSize: h, videoDim, tokenDim, wordDim, blockMmDim: mm, blockRank: rank } = config;
  const specs = new Map<string, VariableSpec>();
  const rngFor = (name: string) => seededRandom(deriveSeed(config.seed, name));
  const add = (name: string, shape: number[], init: (name: string) => Float32Array, trainable = true) =>
    specs.set(name, { shape, trainable, init: () => init(name) });
  const linearInit = (fanIn: number) => (name: string) => linearDefaultValues(specs.get(name)!.shape, fanIn, rngFor(name));
  const addLinear = (prefix: string, out: number, inSize: number, bias = true, trainable = true) => {
    add(`${prefix}.weight`, [out, inSize], linearInit(inSize), trainable);
    if (bias) add(`${prefix}.bias`, [out], linearInit(inSize), trainable);
  };
  const addGRU = (prefix: string, inSize: number) => {
    const gruInit = (name: string) => uniformValues(specs.get(name)!.shape, 1 / Math.sqrt(h), rngFor(name));
    add(`${prefix}.weight_ih_l0`, [3 * h, inSize], gruInit);
    add(`${prefix}.weight_hh_l0`, [3 * h, h], gruInit);
    add(`${prefix}.bias_ih_l0`, [3 * h], gruInit);
    add(`${prefix}.bias_hh_l0`, [3 * h], gruInit);
  };

  add('vid_encoder.vid2hid.0.weight', [h, videoDim], (name) => xavierNormalValues([h, videoDim], rngFor(name)));
  add('vid_encoder.vid2hid.0.bias', [h], linearInit(videoDim));
  addGRU('vid_encoder.rnn', h);
  addLinear('qns_encoder.embedding', wordDim, tokenDim);
  addGRU('qns_encoder.rnn', wordDim);
  for (let i = 0; i < config.coAttentionLayers; i++) {
    for (const lin of CO_ATTENTION_LINEARS) {
      add(`co_attn.encoder_layers.${i}.${lin}.weight_raw`, [h, h], linearInit(h), config.trainCoAttention);
    }
  }
  for (const k of [1, 2]) {
    const vName = `adj_learner.edge_layer_${k}.weight_v`;
    const vInit = () => linearDefaultValues([h, h], h, rngFor(vName));
    add(`adj_learner.edge_layer_${k}.weight_g`, [h, 1], () => rowNorms(vInit(), h, h));
    add(vName, [h, h], vInit);
  }
  for (let i = 0; i < config.gcnLayers + 1; i++) addLinear(`gcn.layers.${i}.weight`, h, h, false);
  const half = Math.floor(h / 2);
  const poolTrainable = config.pooling === 'attention';
  addLinear('gcn_atten_pool.0', half, h, true, poolTrainable);
  addLinear('gcn_atten_pool.2', 1, half, true, poolTrainable);
  const sizes = blockChunkSizes(mm, config.blockChunks)!;
  for (const [prefix, out] of [['global_fusion', h], ['fusion', 1]] as const) {
    addLinear(`${prefix}.linear0`, mm, h);
    addLinear(`${prefix}.linear1`, mm, h);
    for (const side of [0, 1]) sizes.forEach((s, i) => addLinear(`${prefix}.merge_linears${side}.${i}`, s * rank, s));
    addLinear(`${prefix}.linear_out`, out, mm);
  }
  return specs;
}
