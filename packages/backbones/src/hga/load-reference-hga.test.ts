import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { WeightsError } from '../errors.js';
import { seededRandom } from '../shared/seeded-random.js';
import type { HGAConfig } from './config.js';
import { createHGA, type HGABackbone } from './hga.js';
import { inferHGAConfig, loadReferenceHGA, type ReferenceTensor } from './load-reference-hga.js';
import { randomHGAInputs } from './test-utils.js';

/** A model's weights as a reference-style state_dict (safetensors-like entries under `model.`). */
function stateDictOf(model: HGABackbone, prefix = 'model.'): Map<string, ReferenceTensor> {
  return new Map([...model.weights].map(([name, v]) => [prefix + name, { dtype: 'F32', shape: v.shape, data: v.dataSync() as Float32Array }]));
}

function weightsError(fn: () => unknown): WeightsError {
  try {
    fn();
  } catch (error) {
    expect(WeightsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^loadReferenceHGA: /);
    return error as WeightsError;
  }
  throw new Error('expected a WeightsError');
}

// Sizes unlike the fixture's: odd hidden size, chunk sizes [3, 2, 2, 2, 2, 2] (get_sizes_list's
// "negative remainder" branch), two co-attention layers, four graph convolutions.
const ODD: Partial<HGAConfig> = { videoDim: 10, hiddenSize: 7, tokenDim: 9, wordDim: 5, blockMmDim: 13, blockChunks: 6, blockRank: 4, coAttentionLayers: 2, gcnLayers: 3, seed: 5 };

describe('loadReferenceHGA', () => {
  it('infers every size from the weight shapes and reproduces the source model', () => {
    const source = createHGA(ODD);
    const dict = stateDictOf(source);
    dict.set('input.vid_feats', { dtype: 'F32', shape: [1], data: [0] }); // non-model entries are ignored
    dict.set('output.logits', { dtype: 'F32', shape: [1], data: [0] });
    const loaded = loadReferenceHGA(dict, { seed: 5 });
    expect(loaded.getConfig()).toEqual(source.getConfig());
    const inputs = randomHGAInputs(seededRandom(1), { videoDim: 10, tokenDim: 9, clips: 3, tokens: 4 });
    expect(loaded.call(inputs).logits.dataSync()).toEqual(source.call(inputs).logits.dataSync());
    expect(inferHGAConfig(dict)).toEqual({ videoDim: 10, hiddenSize: 7, tokenDim: 9, wordDim: 5, blockMmDim: 13, blockChunks: 6, blockRank: 4, coAttentionLayers: 2, gcnLayers: 3 });
    // A bare state_dict (no `model.` prefix) works too, and so do the post-forward `.weight` copies.
    const bare = stateDictOf(source, '');
    bare.set('co_attn.encoder_layers.1.linear_video.weight', bare.get('co_attn.encoder_layers.1.linear_video.weight_raw')!);
    const again = loadReferenceHGA(bare, { seed: 5 });
    expect(again.call(inputs).logits.dataSync()).toEqual(source.call(inputs).logits.dataSync());
    for (const m of [source, loaded, again]) m.dispose();
    tf.dispose(Object.values(inputs) as tf.Tensor[]);
  });

  it('names a missing, unexpected, mis-shaped or non-float weight', () => {
    const source = createHGA(ODD);
    const base = stateDictOf(source);
    source.dispose();
    const before = tf.memory().numTensors;
    const variant = (edit: (d: Map<string, ReferenceTensor>) => void) => {
      const d = new Map(base);
      edit(d);
      return d;
    };
    expect(weightsError(() => loadReferenceHGA(variant((d) => d.delete('model.gcn.layers.1.weight.weight')))).weight).toBe('gcn.layers.1.weight.weight');
    expect(weightsError(() => loadReferenceHGA(variant((d) => d.delete('model.fusion.linear_out.bias')))).weight).toBe('fusion.linear_out.bias');
    expect(weightsError(() => loadReferenceHGA(variant((d) => d.delete('model.vid_encoder.vid2hid.0.weight')))).weight).toBe('vid_encoder.vid2hid.0.weight');
    const extra = weightsError(() => loadReferenceHGA(variant((d) => d.set('model.vid_encoder.rnn.weight_ih_l1', { shape: [21, 7], data: new Float32Array(147) }))));
    expect(extra.weight).toBe('vid_encoder.rnn.weight_ih_l1');
    expect(extra.problem).toMatch(/unexpected/);
    const shaped = weightsError(() => loadReferenceHGA(variant((d) => d.set('model.vid_encoder.rnn.bias_hh_l0', { shape: [20], data: new Float32Array(20) }))));
    expect(shaped.weight).toBe('vid_encoder.rnn.bias_hh_l0');
    expect(shaped.problem).toMatch(/\[20\].*\[21\]/);
    expect(weightsError(() => loadReferenceHGA(variant((d) => d.set('model.gcn.layers.0.weight.weight', { dtype: 'I64', shape: [7, 7], data: new Int32Array(49) })))).weight).toBe('gcn.layers.0.weight.weight');
    expect(weightsError(() => loadReferenceHGA(variant((d) => d.set('model.global_fusion.merge_linears0.0.weight', { shape: [10, 3], data: new Float32Array(30) })))).weight).toBe('global_fusion.merge_linears0.0.weight');
    // Nothing is left allocated by a failed load.
    expect(tf.memory().numTensors).toBe(before);
  });
});
