import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { HGA_DEFAULTS, resolveHGAConfig, type HGAConfig } from './config.js';
import { hgaVariableSpecs } from './hga-weights.js';

const DEFAULT_PARAMS = new URL('../../../../../shared/fixtures/hga/hga-default-params.json', import.meta.url);

describe('resolveHGAConfig', () => {
  it('fills every default and returns a new frozen object without touching the argument', () => {
    const partial: Partial<HGAConfig> = { hiddenSize: 16 };
    const snapshot = JSON.stringify(partial);
    const config = resolveHGAConfig(partial);
    expect(config).toEqual({ ...HGA_DEFAULTS, hiddenSize: 16 });
    expect(Object.isFrozen(config)).toBe(true);
    expect(config).not.toBe(partial);
    expect(JSON.stringify(partial)).toBe(snapshot);
    expect(Object.isFrozen(HGA_DEFAULTS)).toBe(true);
    expect(resolveHGAConfig()).toEqual(HGA_DEFAULTS);
    expect(resolveHGAConfig({ seed: undefined }).seed).toBe(0);
  });

  it('defaults to the reference NExT-QA sizes', () => {
    expect(HGA_DEFAULTS).toMatchObject({ videoDim: 4096, hiddenSize: 256, tokenDim: 768, wordDim: 300, blockMmDim: 1600, blockChunks: 20, blockRank: 15, dropout: 0.3, pooling: 'sum', trainCoAttention: false });
  });

  it.each([
    [{ hiddenSize: 1 }, 'hiddenSize'],
    [{ videoDim: 0 }, 'videoDim'],
    [{ wordDim: 2.5 }, 'wordDim'],
    [{ dropout: 1 }, 'dropout'],
    [{ dropout: -0.1 }, 'dropout'],
    [{ blockChunks: 6, blockMmDim: 10 }, 'blockChunks'],
    [{ blockChunks: 20, blockMmDim: 10 }, 'blockChunks'],
    [{ pooling: 'max' as never }, 'pooling'],
    [{ trainCoAttention: 'yes' as never }, 'trainCoAttention'],
    [{ seed: 0.5 }, 'seed'],
    [{ hidden: 3 } as never, 'hidden'],
  ])('rejects %j with a ConfigError naming %s', (partial, field) => {
    let error: unknown;
    try {
      resolveHGAConfig(partial as Partial<HGAConfig>);
    } catch (e) {
      error = e;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).field).toBe(field);
    expect((error as Error).message).toMatch(/^resolveHGAConfig: /);
  });
});

describe('hgaVariableSpecs', () => {
  it('lists exactly the reference state_dict of the default model (names, shapes, order, 12,689,518 parameters)', () => {
    const reference = JSON.parse(fs.readFileSync(DEFAULT_PARAMS, 'utf8')) as {
      total_parameters: number;
      state_dict: Array<{ name: string; shape: number[] }>;
      config: { word_dim: number };
    };
    const specs = hgaVariableSpecs(resolveHGAConfig({ wordDim: reference.config.word_dim }));
    expect([...specs].map(([name, s]) => ({ name, shape: [...s.shape] }))).toEqual(reference.state_dict.map(({ name, shape }) => ({ name, shape })));
    const total = [...specs.values()].reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
    expect(total).toBe(reference.total_parameters);
  });

  it('initialises like PyTorch, deterministically from the seed', () => {
    const config = resolveHGAConfig({ hiddenSize: 32, videoDim: 64, wordDim: 24, tokenDim: 48, blockMmDim: 20, blockChunks: 2, blockRank: 2 });
    const specs = hgaVariableSpecs(config);
    const values = (name: string) => specs.get(name)!.init();
    // nn.Linear default: U(-1/sqrt(in), 1/sqrt(in)).
    const emb = values('qns_encoder.embedding.weight');
    expect(Math.max(...emb.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(48));
    expect(Math.max(...emb.map(Math.abs))).toBeGreaterThan(0.9 / Math.sqrt(48));
    // GRU: U(-1/sqrt(H), 1/sqrt(H)).
    expect(Math.max(...values('vid_encoder.rnn.weight_hh_l0').map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(32));
    // Xavier normal: std sqrt(2 / (in + out)).
    const x = values('vid_encoder.vid2hid.0.weight');
    const std = Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
    expect(std).toBeGreaterThan(0.9 * Math.sqrt(2 / 96));
    expect(std).toBeLessThan(1.1 * Math.sqrt(2 / 96));
    // weight_norm: g = row norms of v, so the effective weight equals v at initialisation.
    const v = values('adj_learner.edge_layer_1.weight_v');
    const g = values('adj_learner.edge_layer_1.weight_g');
    expect(g[3]).toBeCloseTo(Math.hypot(...v.slice(3 * 32, 4 * 32)), 5);
    // Deterministic and seed-dependent.
    expect(values('fusion.linear0.weight')).toEqual(values('fusion.linear0.weight'));
    const other = hgaVariableSpecs(resolveHGAConfig({ ...config, seed: 1 }));
    expect(other.get('fusion.linear0.weight')!.init()).not.toEqual(values('fusion.linear0.weight'));
  });

  it('marks the co-attention and pool weights trainable only when the options say so', () => {
    const trainable = (partial: Partial<HGAConfig>) =>
      new Set([...hgaVariableSpecs(resolveHGAConfig({ hiddenSize: 4, videoDim: 4, wordDim: 4, tokenDim: 4, blockMmDim: 4, blockChunks: 2, blockRank: 1, ...partial }))].filter(([, s]) => s.trainable).map(([n]) => n));
    const reference = trainable({});
    expect(reference.has('co_attn.encoder_layers.0.linear_question.weight_raw')).toBe(false);
    expect(reference.has('gcn_atten_pool.0.weight')).toBe(false);
    expect(reference.has('gcn.layers.0.weight.weight')).toBe(true);
    expect(trainable({ trainCoAttention: true }).has('co_attn.encoder_layers.0.linear_final_vq.weight_raw')).toBe(true);
    expect(trainable({ pooling: 'attention' }).has('gcn_atten_pool.2.bias')).toBe(true);
  });
});
