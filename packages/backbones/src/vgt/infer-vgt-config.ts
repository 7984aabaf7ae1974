// Infers the sizes of a sail-sg/VGT model (model/vqa_model.py) from the shapes of its state_dict.
import { WeightsError } from '../errors.js';
import type { SafetensorsTensor } from '../safetensors/read-safetensors.js';
import { resolveVGTConfig, VGT_DEFAULTS, type VGTConfig } from './config.js';
import { referenceConstructorArgs, referenceStateDict, type VGTReferenceSource } from './reference-state-dict.js';

/** Settings that weight shapes cannot reveal (head counts, dropout, options); everything else is inferred. */
export type LoadReferenceVGTOptions = Partial<Pick<VGTConfig,
  'numHeads' | 'graphHeads' | 'dropout' | 'numClips' | 'framesPerClip' | 'layerNormEps' | 'batchNormEps'
  | 'batchNormMomentum' | 'answerPooling' | 'seed'>>;

/**
 * The configuration of the model whose state_dict `source` holds. Sizes come from weight shapes;
 * `numHeads` and `dropout` from `overrides`, else from the fixture metadata's `constructor.args`
 * (`h`, `dropout`), else from VGT_DEFAULTS; `graphHeads` from `overrides`, else 5 (fixed in the reference).
 * @throws WeightsError naming a weight that is missing or has an impossible shape.
 */
export function inferVGTConfig(source: VGTReferenceSource, overrides: LoadReferenceVGTOptions = {}, fn = 'inferVGTConfig'): Readonly<VGTConfig> {
  const dict = referenceStateDict(source);
  const shape = (name: string, rank: number): readonly number[] => {
    const t: SafetensorsTensor | undefined = dict.get(name);
    if (t === undefined) throw new WeightsError(fn, name, 'missing (needed to infer the model size)');
    if (t.shape.length !== rank) throw new WeightsError(fn, name, `must be rank ${rank}, has shape [${t.shape.join(', ')}]`);
    return t.shape;
  };
  const [dModel, featureDim] = shape('linear_video.weight', 2) as [number, number];
  const [, wordDim] = shape('amodel.linear_text.weight', 2) as [number, number];
  const [boxHiddenDim, boxDim] = shape('encode_vid.bbox_conv.0.weight', 4) as [number, number];
  const [ffDim] = shape('mmt.layer.0.ffn.lin1.weight', 2) as [number];
  let numLayers = 0;
  while (dict.has(`mmt.layer.${numLayers}.attention.q_lin.weight`)) numLayers++;
  const [graphWidth] = shape('graph_trans.layer.0.attention.q_lin.weight', 2) as [number];
  const numRegions = Math.round(Math.sqrt(graphWidth));
  if (numRegions * numRegions !== graphWidth) {
    throw new WeightsError(fn, 'graph_trans.layer.0.attention.q_lin.weight', `width ${graphWidth} is not a square numRegions²`);
  }
  const [graphFfDim] = shape('graph_trans.layer.0.ffn.lin1.weight', 2) as [number];
  const [gnnHiddenDim] = shape('gnn.fc_k.weight', 2) as [number];
  const [poolHiddenDim] = shape('satt_pool.0.weight', 2) as [number];
  const [maxPositions] = shape('position_v.position_embeddings.weight', 2) as [number];
  const args = referenceConstructorArgs(source);
  const fromArgs = (key: string): number | undefined => (typeof args[key] === 'number' ? (args[key] as number) : undefined);
  const numHeads = overrides.numHeads ?? fromArgs('h') ?? VGT_DEFAULTS.numHeads;
  const dropout = overrides.dropout ?? fromArgs('dropout') ?? VGT_DEFAULTS.dropout;
  return resolveVGTConfig({
    numClips: Math.min(VGT_DEFAULTS.numClips, maxPositions),
    ...overrides,
    featureDim, boxDim, wordDim, dModel, ffDim, numLayers, numRegions, boxHiddenDim, graphFfDim,
    gnnHiddenDim, poolHiddenDim, maxPositions, numHeads, dropout,
  });
}
