import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { resolveVGTConfig, VGT_DEFAULTS } from './config.js';
import { vgtWeightSpecs } from './modules/vgt-weight-specs.js';

describe('VGT_DEFAULTS', () => {
  it('holds the reference NExT-QA sizes and is frozen', () => {
    expect(Object.isFrozen(VGT_DEFAULTS)).toBe(true);
    expect(VGT_DEFAULTS).toMatchObject({
      featureDim: 2048, boxDim: 5, wordDim: 768, dModel: 512, ffDim: 1024, numHeads: 8, numLayers: 1, dropout: 0.3,
      numRegions: 5, boxHiddenDim: 128, graphHeads: 5, graphFfDim: 1024, gnnHiddenDim: 256, poolHiddenDim: 256,
      maxPositions: 28, numClips: 8, framesPerClip: 4, answerPooling: 'allPositions',
    });
  });

  it('gives the reference parameter count of the multiple-choice forward (8,296,742)', () => {
    // fixtures/README.md: parameters used by the multiple-choice forward, BERT excluded (no buffers).
    const specs = vgtWeightSpecs(VGT_DEFAULTS);
    const isBuffer = (name: string): boolean => /running_(mean|var)|num_batches_tracked/.test(name);
    const count = specs.filter((s) => !isBuffer(s.name)).reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
    expect(count).toBe(8_296_742);
  });
});

describe('resolveVGTConfig', () => {
  it('returns the defaults for no argument, as a new frozen object', () => {
    const config = resolveVGTConfig();
    expect(config).toEqual(VGT_DEFAULTS);
    expect(config).not.toBe(VGT_DEFAULTS);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('does not mutate its argument', () => {
    const partial = { dModel: 64, numHeads: 4 };
    const copy = structuredClone(partial);
    const config = resolveVGTConfig(partial);
    expect(partial).toEqual(copy);
    expect(config.dModel).toBe(64);
  });

  it('derives graphFfDim, gnnHiddenDim and poolHiddenDim as the reference does unless given', () => {
    const config = resolveVGTConfig({ dModel: 33, ffDim: 40, numHeads: 3 });
    expect(config).toMatchObject({ graphFfDim: 40, gnnHiddenDim: 16, poolHiddenDim: 16 });
    expect(resolveVGTConfig({ graphFfDim: 7, gnnHiddenDim: 9, poolHiddenDim: 11 })).toMatchObject({ graphFfDim: 7, gnnHiddenDim: 9, poolHiddenDim: 11 });
  });

  it('treats undefined fields as absent', () => {
    expect(resolveVGTConfig({ dModel: undefined })).toEqual(VGT_DEFAULTS);
  });

  it.each([
    [{ dModel: 0 }, 'dModel'],
    [{ featureDim: 2.5 }, 'featureDim'],
    [{ numHeads: 7 }, 'numHeads'],
    [{ numRegions: 4 }, 'graphHeads'],
    [{ numClips: 30 }, 'numClips'],
    [{ dropout: 1 }, 'dropout'],
    [{ dropout: -0.1 }, 'dropout'],
    [{ layerNormEps: 0 }, 'layerNormEps'],
    [{ batchNormMomentum: 2 }, 'batchNormMomentum'],
    [{ answerPooling: 'max' }, 'answerPooling'],
    [{ seed: -1 }, 'seed'],
    [{ hidden: 3 }, 'hidden'],
  ])('rejects %j with a ConfigError on %s', (partial, field) => {
    let caught: unknown;
    try {
      resolveVGTConfig(partial as never);
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    expect((caught as ConfigError).field).toBe(field);
    expect((caught as Error).message).toMatch(/^resolveVGTConfig: /);
  });
});
