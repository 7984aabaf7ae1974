// Training behaviour: a toy task is learnt, and every kernel a forward + backward pass uses is a native
// wasm kernel (none served by the runner's cpu bridge).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../shared/seeded-random.js';
import type { HGAConfig } from './config.js';
import { createHGA } from './hga.js';
import type { HGAInputs } from './hga-inputs.js';
import { randomHGAInputs, TINY } from './test-utils.js';

/**
 * A toy multiple-choice task: the first token of the correct candidate carries +p (a fixed pattern),
 * the wrong ones −p, plus noise; the clips carry noise. Returns inputs and one-hot targets.
 */
function toyTask(rng: () => number, batch: number): { inputs: HGAInputs; targets: tf.Tensor2D } {
  const [clips, candidates, tokens, tokenDim, videoDim] = [3, 3, 3, 10, 12];
  const pattern = Float32Array.from({ length: tokenDim }, (_, i) => (i % 2 ? 1 : -1));
  const qa = new Float32Array(batch * candidates * tokens * tokenDim);
  const onehot = new Float32Array(batch * candidates);
  for (let b = 0; b < batch; b++) {
    const answer = Math.floor(rng() * candidates);
    onehot[b * candidates + answer] = 1;
    for (let c = 0; c < candidates; c++) {
      const sign = c === answer ? 1 : -1;
      for (let l = 0; l < tokens; l++) {
        for (let d = 0; d < tokenDim; d++) {
          qa[((b * candidates + c) * tokens + l) * tokenDim + d] = (l === 0 ? sign * pattern[d]! : 0) + 0.5 * (2 * rng() - 1);
        }
      }
    }
  }
  return {
    inputs: {
      video: tf.tensor3d(Float32Array.from({ length: batch * clips * videoDim }, () => 2 * rng() - 1), [batch, clips, videoDim]),
      qa: tf.tensor4d(qa, [batch, candidates, tokens, tokenDim]),
      qaLengths: tf.fill([batch, candidates], tokens, 'int32') as tf.Tensor2D,
    },
    targets: tf.tensor2d(onehot, [batch, candidates]),
  };
}

describe('HGA training', () => {
  it('drives the loss of a toy task down (adam, dropout on)', () => {
    const model = createHGA({ ...TINY, dropout: 0.1, seed: 1 });
    const { inputs, targets } = toyTask(seededRandom(2), 12);
    const rng = seededRandom(3);
    const evalLoss = () => tf.tidy(() => tf.losses.softmaxCrossEntropy(targets, model.call(inputs).logits).dataSync()[0]!);
    const initial = evalLoss();
    const optimizer = tf.train.adam(0.02);
    for (let step = 0; step < 40; step++) {
      tf.dispose(optimizer.minimize(() => tf.losses.softmaxCrossEntropy(targets, model.call(inputs, { training: true, rng }).logits) as tf.Scalar, false, [...model.trainableWeights]) ?? []);
    }
    const final = evalLoss();
    console.log(`[toy task] loss ${initial.toFixed(4)} -> ${final.toFixed(4)}`);
    expect(final).toBeLessThan(0.3 * initial);
    optimizer.dispose();
    model.dispose();
    tf.dispose([...(Object.values(inputs) as tf.Tensor[]), targets]);
  });
});

/** Kernels tfjs-backend-wasm 4.22 lacks (shared/research/ecosystem.md 3) or gets wrong (MaxPoolGrad). */
const BRIDGED_ON_WASM = [
  'Complex', 'ComplexAbs', 'Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput',
  'Draw', 'Einsum', 'FFT', 'IFFT', 'Imag', 'RaggedGather', 'RaggedRange', 'RaggedTensorToTensor', 'Real', 'StaticRegexReplace',
  'UnsortedSegmentSum', 'MaxPoolGrad',
];
/** Kernels the model may use although they are not native wasm kernels: none. */
const ALLOWED_NON_NATIVE: readonly string[] = [];

describe('HGA kernels', () => {
  it('uses only kernels registered natively for wasm, forward and backward, in every mode', async () => {
    const used = new Set<string>();
    const variants: Array<Partial<HGAConfig>> = [{}, { pooling: 'attention', trainCoAttention: true, coAttentionLayers: 2 }];
    for (const variant of variants) {
      const model = createHGA({ ...TINY, ...variant });
      const inputs = randomHGAInputs(seededRandom(4));
      const frameMask = tf.tensor2d([[1, 0, 1, 1], [0, 1, 1, 0]]);
      for (const training of [false, true]) {
        const info = await tf.profile(() =>
          tf.tidy(() => {
            const { value, grads } = tf.variableGrads(
              () => tf.sum(model.call({ ...inputs, frameMask }, { training, rng: seededRandom(5), frameImportance: true }).logits) as tf.Scalar,
              [...model.trainableWeights],
            );
            return [value, ...Object.values(grads)];
          }),
        );
        tf.dispose(info.result as tf.TensorContainer);
        for (const k of info.kernelNames) if (tf.getKernel(k, 'cpu') != null) used.add(k);
      }
      model.dispose();
      tf.dispose([...(Object.values(inputs) as tf.Tensor[]), frameMask]);
    }
    console.log(`[kernels] ${[...used].sort().join(", ")}`);
    expect(used.size).toBeGreaterThan(10);
    const offending = [...used].filter((k) => !ALLOWED_NON_NATIVE.includes(k) && (BRIDGED_ON_WASM.includes(k) || tf.getKernel(k, 'wasm') == null));
    expect(offending, `kernels used: ${[...used].sort().join(', ')}`).toEqual([]);
  });
});
