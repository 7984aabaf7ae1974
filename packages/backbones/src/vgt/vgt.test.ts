import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoTensorLeak, mulberry32 } from '@sparc-vqa/testing';
import { BackbonesError, ConfigError, ShapeError, WeightsError } from '../errors.js';
import type { VGTConfig } from './config.js';
import { randomVGTInputs } from './random-vgt-inputs.js';
import { createVGT, type VGTBackbone } from './vgt.js';
import type { VGTInputs } from './vgt-inputs.js';

const SMALL: Partial<VGTConfig> = {
  featureDim: 12, wordDim: 16, dModel: 16, ffDim: 24, numHeads: 4, boxHiddenDim: 8, numClips: 3, framesPerClip: 2, seed: 7,
};
const SIZES = { batch: 2, clips: 3, frames: 2, candidates: 3, tokens: 4 };

const read = (t: tf.Tensor): number[] => Array.from(t.dataSync());

describe('createVGT', () => {
  let model: VGTBackbone;
  let inputs: VGTInputs;
  beforeAll(() => {
    model = createVGT(SMALL);
    inputs = randomVGTInputs(model.config, SIZES, 3);
  });
  afterAll(() => {
    model.dispose();
    tf.dispose(inputs as unknown as tf.TensorContainer);
  });

  it('returns logits [B, C] and frameImportance [B, clips] (rows sum to 1)', () => {
    const out = model.call(inputs);
    expect(out.logits.shape).toEqual([2, 3]);
    expect(out.frameImportance.shape).toEqual([2, 3]);
    const rowSums = tf.sum(out.frameImportance, 1);
    read(rowSums).forEach((s) => expect(s).toBeCloseTo(1, 5));
    expect(read(out.logits).every(Number.isFinite)).toBe(true);
    tf.dispose([out.logits, out.frameImportance, rowSums]);
  });

  it('exposes name, frozen config, every weight by reference name, trainable weights without buffers', () => {
    expect(model.name).toBe('vgt');
    expect(Object.isFrozen(model.config)).toBe(true);
    expect(model.weights.get('encode_vid.bbox_conv.0.weight')!.shape).toEqual([8, 5, 1, 1]);
    expect(model.weights.get('gnn.layers.0.weight')!.shape).toEqual([16, 8]);
    const trainable = new Set(model.trainableWeights);
    const frozen = [...model.weights].filter(([, v]) => !trainable.has(v)).map(([k]) => k).sort();
    expect(frozen).toEqual([
      'encode_vid.bbox_conv.1.num_batches_tracked', 'encode_vid.bbox_conv.1.running_mean', 'encode_vid.bbox_conv.1.running_var',
      'encode_vid.bbox_conv.4.num_batches_tracked', 'encode_vid.bbox_conv.4.running_mean', 'encode_vid.bbox_conv.4.running_var',
      'position_v.position_embeddings.weight',
    ]);
    expect(model.trainableWeights.every((v) => v.trainable)).toBe(true);
  });

  it('initialises deterministically from the seed; getConfig() round-trips to the same model', () => {
    const twin = createVGT(model.getConfig());
    const other = createVGT({ ...SMALL, seed: 8 });
    const [a, b, c] = [model, twin, other].map((m) => m.call(inputs));
    expect(read(b!.logits)).toEqual(read(a!.logits));
    expect(read(c!.logits)).not.toEqual(read(a!.logits));
    expect(twin.getConfig()).toEqual(model.getConfig());
    tf.dispose([a, b, c] as unknown as tf.TensorContainer);
    twin.dispose();
    other.dispose();
  });

  it('uses dropout only in training, reproducibly from the rng', () => {
    const infer1 = model.call(inputs);
    const infer2 = model.call(inputs, { training: false, rng: mulberry32(1) });
    expect(read(infer2.logits)).toEqual(read(infer1.logits));
    const bnState = (): number[] => read(model.weights.get('encode_vid.bbox_conv.1.running_mean')!);
    const before = bnState();
    const train1 = model.call(inputs, { training: true, rng: mulberry32(5) });
    const train2 = model.call(inputs, { training: true, rng: mulberry32(5) });
    const train3 = model.call(inputs, { training: true, rng: mulberry32(6) });
    expect(read(train2.logits)).toEqual(read(train1.logits));
    expect(read(train3.logits)).not.toEqual(read(train1.logits));
    expect(read(train1.logits)).not.toEqual(read(infer1.logits));
    expect(bnState()).not.toEqual(before); // training updated the BatchNorm running statistics
    tf.dispose([infer1, infer2, train1, train2, train3] as unknown as tf.TensorContainer);
  });

  it('requires an rng in training when dropout > 0', () => {
    expect(() => model.call(inputs, { training: true })).toThrow(ConfigError);
    const noDropout = createVGT({ ...SMALL, dropout: 0 });
    const out = noDropout.call(inputs, { training: true });
    expect(out.logits.shape).toEqual([2, 3]);
    tf.dispose(out as unknown as tf.TensorContainer);
    noDropout.dispose();
  });

  it("answerPooling 'allPositions' (reference) depends on padding token values, 'validTokens' does not", () => {
    const valid = createVGT({ ...SMALL, answerPooling: 'validTokens' });
    const lengths = tf.tensor2d([[1, 2, 4], [3, 4, 2]], [2, 3], 'int32');
    const padMask = tf.tidy(() => tf.cast(tf.less(tf.reshape(tf.range(0, 4), [1, 1, 4, 1]), tf.reshape(lengths, [2, 3, 1, 1])), 'float32'));
    const noise = tf.tidy(() => tf.mul(tf.sub(1, padMask), tf.randomNormal(inputs.qa.shape, 0, 1, 'float32', 4)));
    const qaPerturbed = tf.add(inputs.qa, noise) as tf.Tensor4D;
    const base = { ...inputs, qaLengths: lengths };
    const outs = [model, valid].flatMap((m) => [m.call(base), m.call({ ...base, qa: qaPerturbed })]);
    expect(read(outs[1]!.logits)).not.toEqual(read(outs[0]!.logits));
    expect(read(outs[3]!.logits)).toEqual(read(outs[2]!.logits));
    tf.dispose([outs, lengths, padMask, noise, qaPerturbed] as unknown as tf.TensorContainer);
    valid.dispose();
  });

  it('saveWeights/loadWeights round-trip exactly (BatchNorm buffers included)', async () => {
    const saved = await model.saveWeights();
    expect(saved.specs.map((s) => s.name)).toEqual([...model.weights.keys()]);
    const other = createVGT({ ...SMALL, seed: 99 });
    other.loadWeights(saved);
    for (const [name, v] of model.weights) expect(read(other.weights.get(name)!), name).toEqual(read(v));
    const [a, b] = [model.call(inputs), other.call(inputs)];
    expect(read(b.logits)).toEqual(read(a.logits));
    tf.dispose([a, b] as unknown as tf.TensorContainer);
    const wrong = createVGT({ ...SMALL, dModel: 20 });
    expect(() => wrong.loadWeights(saved)).toThrow(WeightsError);
    const bad = { specs: saved.specs.filter((s) => s.name !== 'vqproj.1.bias'), data: saved.data.slice(0, saved.data.byteLength - 16 * 4) };
    expect(() => other.loadWeights(bad)).toThrow(/vqproj\.1\.bias: missing/);
    wrong.dispose();
    other.dispose();
  });

  it('callWithDebug returns the outputs plus every reference intermediate', () => {
    const out = model.callWithDebug(inputs);
    expect(Object.keys(out.debug).sort()).toEqual([
      'cm_attended', 'encode_vid', 'gnn_out', 'merge_fr', 'mmt_out', 'position_v_out', 'region_graph_logits', 'satt_weights', 'ttrans_out',
    ]);
    expect(out.debug.cm_attended.shape).toEqual([6, 3, 16]);
    expect(out.debug.region_graph_logits.shape).toEqual([6, 2, 25]);
    const plain = model.call(inputs);
    expect(read(out.logits)).toEqual(read(plain.logits));
    expect(out.fusionProj.shape).toEqual([2, 16]);
    expect(out.answerProj.shape).toEqual([2, 3, 16]);
    tf.dispose([out, plain] as unknown as tf.TensorContainer);
  });

  it('leaks no tensor in call, callWithDebug and training calls', async () => {
    await expectNoTensorLeak(() => model.call(inputs));
    await expectNoTensorLeak(() => model.callWithDebug(inputs));
    await expectNoTensorLeak(() => model.call(inputs, { training: true, rng: mulberry32(2) }));
  });
});

describe('VGT input checks', () => {
  const model = createVGT(SMALL);
  const inputs = randomVGTInputs(model.config, SIZES, 3);
  afterAll(() => {
    model.dispose();
    tf.dispose(inputs as unknown as tf.TensorContainer);
  });
  const cases: Array<[string, () => Partial<Record<keyof VGTInputs, unknown>>, string]> = [
    ['regions of rank 4', () => ({ regions: tf.zeros([2, 3, 2, 17]) }), 'regions'],
    ['regions with the wrong region count', () => ({ regions: tf.zeros([2, 3, 2, 4, 17]) }), 'regions'],
    ['regions with the wrong width', () => ({ regions: tf.zeros([2, 3, 2, 5, 16]) }), 'regions'],
    ['more clips than positions', () => ({ regions: tf.zeros([2, 29, 2, 5, 17]), frames: tf.zeros([2, 29, 2, 12]) }), 'regions'],
    ['frames with another clip count', () => ({ frames: tf.zeros([2, 4, 2, 12]) }), 'frames'],
    ['int32 frames', () => ({ frames: tf.zeros([2, 3, 2, 12], 'int32') }), 'frames'],
    ['qa of another batch', () => ({ qa: tf.zeros([3, 3, 4, 16]) }), 'qa'],
    ['qa of another width', () => ({ qa: tf.zeros([2, 3, 4, 8]) }), 'qa'],
    ['float qaLengths', () => ({ qaLengths: tf.ones([2, 3]) }), 'qaLengths'],
    ['qaLengths of another C', () => ({ qaLengths: tf.ones([2, 2], 'int32') }), 'qaLengths'],
    ['qaLengths = 0', () => ({ qaLengths: tf.tensor2d([[1, 0, 1], [1, 1, 1]], [2, 3], 'int32') }), 'qaLengths'],
    ['qaLengths > L', () => ({ qaLengths: tf.tensor2d([[1, 5, 1], [1, 1, 1]], [2, 3], 'int32') }), 'qaLengths'],
    ['frameMask of another shape', () => ({ frameMask: tf.ones([2, 2]) }), 'frameMask'],
    ['frameMask with 0.5', () => ({ frameMask: tf.tensor2d([[1, 0.5, 1], [1, 1, 1]]) }), 'frameMask'],
    ['a missing qa', () => ({ qa: undefined }), 'qa'],
  ];
  it.each(cases)('throws a ShapeError for %s', (_, make, argument) => {
    const patch = make();
    let caught: unknown;
    try {
      model.call({ ...inputs, ...patch } as VGTInputs);
    } catch (error) {
      caught = error;
    }
    tf.dispose(Object.values(patch).filter((v) => v instanceof tf.Tensor) as tf.Tensor[]);
    expect(ShapeError.isInstance(caught), String(caught)).toBe(true);
    expect((caught as ShapeError).argument).toBe(argument);
    expect((caught as Error).message).toMatch(new RegExp(`^VGT\\.call: ${argument} must be`));
  });

  it('throws after dispose, and dispose frees every variable', () => {
    const before = tf.memory().numTensors;
    const temp = createVGT(SMALL);
    expect(tf.memory().numTensors).toBe(before + temp.weights.size);
    temp.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => temp.call(inputs)).toThrow(BackbonesError);
    temp.dispose(); // idempotent
  });
});
