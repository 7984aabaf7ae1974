import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, WeightsError } from '../errors.js';
import { readSafetensors, type SafetensorsTensor } from '../safetensors/read-safetensors.js';
import { inferVGTConfig } from './infer-vgt-config.js';
import { loadReferenceVGT } from './load-reference-vgt.js';
import { createVGT } from './vgt.js';

const file = readSafetensors(readFileSync(new URL('../../../../../shared/fixtures/vgt/vgt-a.safetensors', import.meta.url)));

/** The fixture's `model.*` entries as a plain state_dict map (no prefix). */
function stateDict(): Map<string, SafetensorsTensor> {
  const out = new Map<string, SafetensorsTensor>();
  for (const [k, v] of file.tensors) if (k.startsWith('model.')) out.set(k.slice(6), v);
  return out;
}

function weightsError(run: () => unknown): WeightsError {
  try {
    run();
  } catch (error) {
    if (WeightsError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a WeightsError');
}

describe('inferVGTConfig', () => {
  it('infers every size of fixture a from the weight shapes, heads and dropout from the metadata', () => {
    expect(inferVGTConfig(file)).toMatchObject({
      featureDim: 40, boxDim: 5, wordDim: 768, dModel: 32, ffDim: 48, numHeads: 4, numLayers: 1, dropout: 0.3,
      numRegions: 5, boxHiddenDim: 128, graphHeads: 5, graphFfDim: 48, gnnHiddenDim: 16, poolHiddenDim: 16, maxPositions: 28,
    });
  });

  it('takes numHeads from overrides first; without metadata it falls back to the default (checked against dModel)', () => {
    expect(inferVGTConfig(file, { numHeads: 8 }).numHeads).toBe(8);
    expect(inferVGTConfig(stateDict()).numHeads).toBe(8);
    expect(() => inferVGTConfig(stateDict(), { numHeads: 5 })).toThrow(ConfigError);
  });
});

describe('loadReferenceVGT', () => {
  it('loads every weight, buffers included, from a prefixed file or a plain state_dict', () => {
    const a = loadReferenceVGT(file);
    const b = loadReferenceVGT(stateDict(), { numHeads: 4 });
    for (const [name, v] of a.weights) {
      const source = file.tensors.get(`model.${name}`)!;
      expect(Array.from(v.dataSync()), name).toEqual(Array.from(source.data));
      expect(Array.from(b.weights.get(name)!.dataSync()), name).toEqual(Array.from(source.data));
    }
    expect(a.weights.get('encode_vid.bbox_conv.1.num_batches_tracked')!.dataSync()[0]).toBe(7);
    expect(a.getConfig()).toEqual(b.getConfig());
    a.dispose();
    b.dispose();
  });

  it('accepts the module. prefix of a checkpoint saved from nn.DataParallel (the reference main.py)', () => {
    const dict = new Map([...stateDict()].map(([k, v]) => [`module.${k}`, v] as const));
    const model = loadReferenceVGT(dict, { numHeads: 4 });
    expect(model.weights.has('vqproj.1.weight')).toBe(true);
    model.dispose();
  });

  it('skips the unused reference keys (MLM and matching heads, modality embedding, BERT)', () => {
    const dict = stateDict();
    expect(dict.has('vocab_projector.weight')).toBe(true);
    dict.set('amodel.bert.embeddings.word_embeddings.weight', { name: 'x', dtype: 'F32', shape: [2, 3], data: new Float32Array(6) });
    const model = loadReferenceVGT(dict, { numHeads: 4 });
    expect([...model.weights.keys()].some((k) => k.startsWith('vocab') || k.startsWith('amodel.bert'))).toBe(false);
    model.dispose();
  });

  it('reads graph_trans_n.* (the reference name with CM_PT and bnum != 10) as graph_trans.*', () => {
    const dict = new Map([...stateDict()].map(([k, v]) => [k.replace(/^graph_trans\./, 'graph_trans_n.'), v] as const));
    const model = loadReferenceVGT(dict, { numHeads: 4 });
    expect(model.weights.has('graph_trans.layer.0.ffn.lin1.weight')).toBe(true);
    model.dispose();
  });

  it('names an unexpected weight', () => {
    const dict = stateDict();
    dict.set('mmt.layer.1.attention.q_lin.bias', { name: 'x', dtype: 'F32', shape: [32], data: new Float32Array(32) });
    const error = weightsError(() => loadReferenceVGT(dict, { numHeads: 4 }));
    expect(error.weight).toBe('mmt.layer.1.attention.q_lin.bias');
    expect(error.message).toMatch(/unexpected weight/);
    const extra = stateDict();
    extra.set('fusion.weight', { name: 'x', dtype: 'F32', shape: [1], data: new Float32Array(1) });
    expect(weightsError(() => loadReferenceVGT(extra, { numHeads: 4 })).weight).toBe('fusion.weight');
  });

  it('names a missing weight', () => {
    const dict = stateDict();
    dict.delete('encode_vid.bbox_conv.4.running_var');
    const error = weightsError(() => loadReferenceVGT(dict, { numHeads: 4 }));
    expect(error.weight).toBe('encode_vid.bbox_conv.4.running_var');
    expect(error.message).toMatch(/^loadReferenceVGT: encode_vid\.bbox_conv\.4\.running_var: missing/);
    const noSize = stateDict();
    noSize.delete('linear_video.weight');
    expect(weightsError(() => loadReferenceVGT(noSize, { numHeads: 4 })).weight).toBe('linear_video.weight');
  });

  it('names a mis-shaped or mis-typed weight', () => {
    const dict = stateDict();
    dict.set('satt_pool.2.weight', { name: 'x', dtype: 'F32', shape: [16, 1], data: new Float32Array(16) });
    const error = weightsError(() => loadReferenceVGT(dict, { numHeads: 4 }));
    expect(error.weight).toBe('satt_pool.2.weight');
    expect(error.message).toMatch(/shape \[16, 1\], expected \[1, 16\]/);
    const typed = stateDict();
    typed.set('vqproj.1.bias', { name: 'x', dtype: 'I64', shape: [32], data: new Int32Array(32) });
    expect(weightsError(() => loadReferenceVGT(typed, { numHeads: 4 })).weight).toBe('vqproj.1.bias');
  });

  it('loads what createVGT would build, and vice versa through saveWeights', async () => {
    const loaded = loadReferenceVGT(file);
    const fresh = createVGT(loaded.getConfig());
    fresh.loadWeights(await loaded.saveWeights());
    const equal = [...loaded.weights].every(([name, v]) => tf.tidy(() => tf.all(tf.equal(v, fresh.weights.get(name)!)).dataSync()[0] === 1));
    expect(equal).toBe(true);
    loaded.dispose();
    fresh.dispose();
  });
});
