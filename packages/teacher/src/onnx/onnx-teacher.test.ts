// The ONNX adapter against a tiny hand-encoded model (opset 17):
//   logits = frames @ W + b + squeeze(cast(tokens) @ tw, axis 2);  probs = softmax(logits)
import * as tf from '@tensorflow/tfjs-core';
import { expectArrayClose, expectNoTensorLeak, testBackend } from '@sparc-vqa/testing';
import { describe, expect, it } from 'vitest';
import { AdapterError } from '../errors.js';
import { TextTokenizer } from '../text/text-tokenizer.js';
import { createOnnxTeacher } from './onnx-teacher.js';
import { initializer, model, node, valueInfo } from './test-utils.js';

const D = 5;
const C = 4;
const L = 8;
const W = Float32Array.from({ length: D * C }, (_, i) => Math.cos(i));
const B = Float32Array.from({ length: C }, (_, i) => 0.1 * i);
const TW = Float32Array.from({ length: L }, (_, i) => 0.01 * (i + 1));

function tinyModel(): Uint8Array {
  return model({
    inputs: [valueInfo('frames', 'float', ['N', D]), valueInfo('tokens', 'int64', ['N', C, L])],
    outputs: [valueInfo('probs', 'float', ['N', C])],
    initializers: [
      initializer('W', 'float', [D, C], W),
      initializer('b', 'float', [C], B),
      initializer('tw', 'float', [L, 1], TW),
      initializer('axes', 'int64', [1], BigInt64Array.of(2n)),
    ],
    nodes: [
      node('MatMul', ['frames', 'W'], ['m']),
      node('Add', ['m', 'b'], ['frame_logits']),
      node('Cast', ['tokens'], ['token_float'], { to: 1 }),
      node('MatMul', ['token_float', 'tw'], ['token_col']),
      node('Squeeze', ['token_col', 'axes'], ['token_logits']),
      node('Add', ['frame_logits', 'token_logits'], ['logits']),
      node('Softmax', ['logits'], ['probs']),
    ],
  });
}

async function runtimeAvailable(): Promise<boolean> {
  try {
    const spec = 'onnxruntime-node';
    await import(spec);
    return true;
  } catch {
    return false;
  }
}

const question = 'what did the girl do after she sat';
const candidates = ['read a book', 'ran away', 'waved', 'ate'];
const tokenizer = TextTokenizer.fromCorpus([question, ...candidates]);

describe.runIf(testBackend() === 'cpu')('ONNX adapter (onnxruntime-node)', async () => {
  const available = await runtimeAvailable();
  it.runIf(available)('scores a hand-encoded ONNX model exactly like a JS reference', async () => {
    const teacher = await createOnnxTeacher({ model: tinyModel(), id: 'tiny-onnx', tokenizer, maxTextLength: L, frames: 'features', output: 'probabilities', batchFrames: 4 });
    const framesA = tf.randomNormal([3, D], 0, 1, 'float32', 1) as tf.Tensor2D;
    const framesB = tf.randomNormal([2, D], 0, 1, 'float32', 2) as tf.Tensor2D;
    const [pa, pb] = await teacher.scoreBatch([{ frames: framesA, question, candidates }, { frames: framesB, question, candidates }]);
    expect(pa!.shape).toEqual([3, C]);
    expect(pb!.shape).toEqual([2, C]);
    const ids = candidates.map((c) => tokenizer.encodePair(question, c, L).ids);
    const f = (await framesA.data()) as Float32Array;
    const expected: number[] = [];
    for (let n = 0; n < 3; n++) {
      const logits = Array.from({ length: C }, (_, c) => {
        let v = B[c]!;
        for (let d = 0; d < D; d++) v += f[n * D + d]! * W[d * C + c]!;
        for (let l = 0; l < L; l++) v += ids[c]![l]! * TW[l]!;
        return v;
      });
      const m = Math.max(...logits);
      const e = logits.map((x) => Math.exp(x - m));
      const s = e.reduce((x, y) => x + y, 0);
      expected.push(...e.map((x) => x / s));
    }
    expectArrayClose(await pa!.data(), expected, { rtol: 1e-5, atol: 1e-6 });
    await expectNoTensorLeak(() => teacher.scoreBatch([{ frames: framesA, question, candidates }]));
    tf.dispose([framesA, framesB, pa!, pb!]);
    await teacher.dispose();
  });

  it.runIf(available)('a model that does not fit the contract is a clear AdapterError', async () => {
    await expect(createOnnxTeacher({ model: tinyModel(), id: 'x', tokenizer, maxTextLength: L, frames: 'features', inputNames: { frames: 'pixels', tokens: 'tokens' } })).rejects.toThrow(/no input 'pixels'/);
    await expect(createOnnxTeacher({ model: Uint8Array.of(1, 2, 3), id: 'x', tokenizer, maxTextLength: L, frames: 'features' })).rejects.toSatisfy(AdapterError.isInstance);
    const teacher = await createOnnxTeacher({ model: tinyModel(), id: 'x', tokenizer, maxTextLength: L, frames: 'features' });
    const frames = tf.zeros([2, D + 1]) as tf.Tensor2D;
    await expect(teacher.scoreFrames({ frames, question, candidates })).rejects.toThrow(/session.run failed/);
    frames.dispose();
    await teacher.dispose();
  });

  it('a session that cannot be created is an AdapterError', async () => {
    const broken = { InferenceSession: { create: async () => Promise.reject(new Error('no binding')) }, Tensor: class {} };
    await expect(createOnnxTeacher({ model: 'm.onnx', id: 'x', tokenizer, maxTextLength: L, frames: 'features', runtime: broken })).rejects.toThrow(/cannot create an inference session: no binding/);
  });
});
