/// <reference types="node" />
// The tfjs adapter against tiny models the test builds: a layers model saved to a temp folder and a
// hand-written graph model (model.json + weights.bin), both loaded from disk through the adapter.
import * as tfl from '@tensorflow/tfjs';
import * as tf from '@tensorflow/tfjs-core';
import { expectArrayClose, expectNoTensorLeak } from '@sparc-vqa/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTfjsModelTeacher } from '../adapters/tfjs-model-teacher.js';
import { AdapterError, ShapeError } from '../errors.js';
import { TextTokenizer } from '../text/text-tokenizer.js';
import { loadTfjsModelTeacher } from './load-tfjs-model-teacher.js';
import { fileModelSaveHandler } from './tfjs-model-files.js';

const D = 6;
const C = 3;
const L = 8;
const question = 'why did the boy run';
const candidates = ['to catch the ball', 'to eat', 'he was late'];
const tokenizer = TextTokenizer.fromCorpus([question, ...candidates]);

function tokensFor(T: number): tf.Tensor3D {
  const seq = candidates.flatMap((c) => Array.from(tokenizer.encodePair(question, c, L).ids));
  return tf.tensor3d(Array.from({ length: T }, () => seq).flat(), [T, C, L], 'int32');
}

describe('tfjs model adapter', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'teacher-tfjs-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a layers model saved to a folder and loaded through the adapter scores like the model itself', async () => {
    const framesIn = tfl.input({ shape: [D] });
    const tokensIn = tfl.input({ shape: [C, L], dtype: 'int32' });
    const emb = tfl.layers.embedding({ inputDim: tokenizer.vocabSize, outputDim: 2, embeddingsInitializer: tfl.initializers.randomUniform({ seed: 1 }) }).apply(tokensIn) as tfl.SymbolicTensor;
    const tokLogit = tfl.layers.dense({ units: 1, kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) }).apply(tfl.layers.reshape({ targetShape: [C, 2 * L] }).apply(emb)) as tfl.SymbolicTensor;
    const frameLogit = tfl.layers.dense({ units: C, kernelInitializer: tfl.initializers.glorotUniform({ seed: 3 }) }).apply(framesIn) as tfl.SymbolicTensor;
    const logits = tfl.layers.add().apply([frameLogit, tfl.layers.reshape({ targetShape: [C] }).apply(tokLogit) as tfl.SymbolicTensor]) as tfl.SymbolicTensor;
    const model = tfl.model({ inputs: [framesIn, tokensIn], outputs: logits });
    const folder = path.join(dir, 'layers');
    await model.save(fileModelSaveHandler(folder));
    await writeFile(path.join(folder, 'tokenizer.json'), JSON.stringify(tokenizer.toJSON()));
    await writeFile(path.join(folder, 'teacher.json'), JSON.stringify({ id: 'tiny-layers', maxTextLength: L, frames: 'features' }));

    const teacher = await loadTfjsModelTeacher(folder, { loadModel: tfl.loadLayersModel, batchFrames: 5 });
    expect(teacher.id).toBe('tiny-layers');
    const frames = tf.randomNormal([4, D], 0, 1, 'float32', 4) as tf.Tensor2D;
    const frames2 = tf.randomNormal([3, D], 0, 1, 'float32', 5) as tf.Tensor2D;
    const [p1, p2] = await teacher.scoreBatch([{ frames, question, candidates }, { frames: frames2, question, candidates }]);
    const tokens = tokensFor(4);
    const expected = tf.softmax(model.predict([frames, tokens]) as tf.Tensor);
    expect(p1!.shape).toEqual([4, C]);
    expect(p2!.shape).toEqual([3, C]);
    expectArrayClose(await p1!.data(), await expected.data(), { rtol: 1e-5, atol: 1e-6 });
    await expectNoTensorLeak(() => teacher.scoreBatch([{ frames, question, candidates }, { frames: frames2, question, candidates }]));
    await expect(teacher.scoreFrames({ frames: tf.zeros([2, 2, 2, 3]) as tf.Tensor4D, question, candidates })).rejects.toSatisfy(ShapeError.isInstance);
    // a model that does not honour the contract: a clear AdapterError
    const wrong = createTfjsModelTeacher({ model: { predict: () => tf.zeros([1, 2]) }, id: 'wrong', tokenizer, maxTextLength: L, frames: 'features' });
    await expect(wrong.scoreFrames({ frames, question, candidates })).rejects.toThrow(/model output must be \[4, 3\]/);
    tf.dispose([frames, frames2, tokens, expected, p1!, p2!]);
    teacher.dispose();
    model.dispose();
    await expect(loadTfjsModelTeacher(path.join(dir, 'missing'), { loadModel: tfl.loadLayersModel, tokenizer, maxTextLength: L, frames: 'features' })).rejects.toSatisfy(AdapterError.isInstance);
  });

  it('a hand-written graph model (Placeholder, MatMul, Cast, Sum, AddV2) loads through the adapter with named inputs', async () => {
    const folder = path.join(dir, 'graph');
    const w = Float32Array.from({ length: D * C }, (_, i) => Math.sin(i + 1));
    const dim = (...sizes: number[]) => ({ dim: sizes.map((s) => ({ size: String(s) })) });
    const modelJson = {
      format: 'graph-model',
      generatedBy: 'hand',
      convertedBy: 'hand',
      modelTopology: {
        node: [
          { name: 'frames', op: 'Placeholder', attr: { dtype: { type: 'DT_FLOAT' }, shape: { shape: dim(-1, D) } } },
          { name: 'tokens', op: 'Placeholder', attr: { dtype: { type: 'DT_INT32' }, shape: { shape: dim(-1, C, L) } } },
          { name: 'w', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: dim(D, C) } } } },
          { name: 'axis', op: 'Const', attr: { dtype: { type: 'DT_INT32' }, value: { tensor: { dtype: 'DT_INT32', tensorShape: {} } } } },
          { name: 'frame_logits', op: 'MatMul', input: ['frames', 'w'], attr: { T: { type: 'DT_FLOAT' }, transpose_a: { b: false }, transpose_b: { b: false } } },
          { name: 'token_float', op: 'Cast', input: ['tokens'], attr: { SrcT: { type: 'DT_INT32' }, DstT: { type: 'DT_FLOAT' } } },
          { name: 'token_sum', op: 'Sum', input: ['token_float', 'axis'], attr: { T: { type: 'DT_FLOAT' }, keep_dims: { b: false } } },
          { name: 'token_scaled', op: 'Mul', input: ['token_sum', 'scale'], attr: { T: { type: 'DT_FLOAT' } } },
          { name: 'scale', op: 'Const', attr: { dtype: { type: 'DT_FLOAT' }, value: { tensor: { dtype: 'DT_FLOAT', tensorShape: {} } } } },
          { name: 'logits', op: 'AddV2', input: ['frame_logits', 'token_scaled'], attr: { T: { type: 'DT_FLOAT' } } },
        ],
        versions: { producer: 1 },
      },
      weightsManifest: [
        {
          paths: ['weights.bin'],
          weights: [
            { name: 'w', shape: [D, C], dtype: 'float32' },
            { name: 'axis', shape: [], dtype: 'int32' },
            { name: 'scale', shape: [], dtype: 'float32' },
          ],
        },
      ],
    };
    const bytes = new Uint8Array(4 * (D * C + 2));
    bytes.set(new Uint8Array(w.buffer), 0);
    new DataView(bytes.buffer).setInt32(4 * D * C, 2, true);
    new DataView(bytes.buffer).setFloat32(4 * D * C + 4, 0.01, true);
    await rm(folder, { recursive: true, force: true });
    await (await import('node:fs/promises')).mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'model.json'), JSON.stringify(modelJson));
    await writeFile(path.join(folder, 'weights.bin'), bytes);

    const teacher = await loadTfjsModelTeacher(folder, {
      loadModel: tfl.loadGraphModel as never,
      tokenizer,
      maxTextLength: L,
      frames: 'features',
      inputNames: { frames: 'frames', tokens: 'tokens' },
    });
    const frames = tf.randomNormal([5, D], 0, 1, 'float32', 9) as tf.Tensor2D;
    const probs = await teacher.scoreFrames({ frames, question, candidates });
    const tokens = tokensFor(5);
    const expected = tf.tidy(() => tf.softmax(tf.add(tf.matMul(frames, tf.tensor2d(w, [D, C])), tf.mul(tf.sum(tf.cast(tokens, 'float32'), 2), 0.01))));
    expectArrayClose(await probs.data(), await expected.data(), { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([frames, probs, tokens, expected]);
    teacher.dispose();
  });
});
