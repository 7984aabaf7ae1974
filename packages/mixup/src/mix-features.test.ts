import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak, expectTensorClose } from '@sparc-vqa/testing';
import { ShapeError, ValueError } from './errors.js';
import { mixFeatures } from './mix-features.js';
import { catchError, expectMixed, float32Bits, randomTensor } from './test-utils.js';

describe('mixFeatures', () => {
  it('hand-computed example from the TSDoc', () => {
    const qa = tf.tensor2d([[1, 0], [0, 1]]);
    const out = mixFeatures({ features: qa, partner: [1, 0] }, { lambda: 0.75 });
    expectTensorClose(out, [[0.75, 0.25], [0.25, 0.75]], { atol: 0 });
    tf.dispose([qa, out]);
  });

  it('mixes HGA-shaped QA features [B, C, L, D] row by row; a self-partnered sample is bit-identical', () => {
    const shape = [3, 5, 4, 6];
    const qa = randomTensor(shape, 3, 5);
    const partner = [2, 1, 0]; // sample 1 is its own partner
    const out = mixFeatures({ features: qa, partner: tf.tensor1d(partner, 'int32') }, { lambda: 0.35 });
    expect(out.shape).toEqual(shape);
    const per = 5 * 4 * 6;
    const x = qa.dataSync() as Float32Array;
    const y = out.dataSync() as Float32Array;
    for (const i of [0, 2]) {
      const j = partner[i]!;
      expectMixed(y.slice(i * per, (i + 1) * per), x.slice(i * per, (i + 1) * per), x.slice(j * per, (j + 1) * per), 0.35, `qa[${i}]`);
    }
    expect(float32Bits(out).slice(per, 2 * per)).toEqual(float32Bits(qa).slice(per, 2 * per));
    tf.dispose([qa, out]);
  });

  it('zero-padded rows become the longer sequence scaled by its weight', () => {
    // sample 0 has 1 real token, sample 1 has 2; padding rows are zeros.
    const qa = tf.tensor3d([[[2, 2], [0, 0]], [[4, 4], [8, 8]]]);
    const out = mixFeatures({ features: qa, partner: [1, 0] }, { lambda: 0.25 });
    expectTensorClose(out, [[[3.5, 3.5], [6, 6]], [[2.5, 2.5], [2, 2]]], { atol: 0 });
    tf.dispose([qa, out]);
  });

  it('works on rank-1 features [B]', () => {
    const f = tf.tensor1d([0, 10]);
    const out = mixFeatures({ features: f, partner: [1, 0] }, { lambda: 0.9 });
    expectTensorClose(out, [1, 9], { rtol: 1e-6 });
    tf.dispose([f, out]);
  });

  it('validates its inputs', () => {
    const f = tf.zeros([2, 3]);
    expect(catchError(() => mixFeatures({ features: tf.scalar(1), partner: [] }, { lambda: 0.5 }), ShapeError.isInstance).message).toBe(
      'mixFeatures: features must be [B, ...] (rank >= 1), got []',
    );
    expect(catchError(() => mixFeatures({ features: tf.zeros([2], 'int32'), partner: [1, 0] }, { lambda: 0.5 }), ValueError.isInstance).field).toBe(
      'features.dtype',
    );
    expect(catchError(() => mixFeatures({ features: f, partner: [1, 0, 2] }, { lambda: 0.5 }), ShapeError.isInstance).argument).toBe('partner');
    expect(catchError(() => mixFeatures({ features: f, partner: [1, 0] }, { lambda: 7 }), ValueError.isInstance).field).toBe('lambda');
    f.dispose();
  });

  it('leaks no tensors (success and error paths)', async () => {
    const f = randomTensor([4, 3, 2], 1);
    await expectNoTensorLeak(() => mixFeatures({ features: f, partner: [1, 2, 3, 0] }, { lambda: 0.5 }));
    await expectNoTensorLeak(() => {
      expect(() => mixFeatures({ features: f, partner: [1, 2, 3, 9] }, { lambda: 0.5 })).toThrow(ValueError);
      return undefined;
    });
    f.dispose();
  });
});
