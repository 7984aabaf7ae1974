import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectNoTensorLeak } from '@sparc-vqa/testing';
import { ShapeError, ValueError } from './errors.js';
import { mixLengths } from './mix-lengths.js';
import { catchError } from './test-utils.js';

describe('mixLengths', () => {
  it('takes the elementwise max with the partner ([B, C] per-candidate lengths)', () => {
    const lengths = tf.tensor2d([[3, 7], [5, 2], [1, 1]], undefined, 'int32');
    const out = mixLengths({ lengths, partner: [1, 2, 0] });
    expect(out.dtype).toBe('int32');
    expect(out.arraySync()).toEqual([[5, 7], [5, 2], [3, 7]]);
    tf.dispose([lengths, out]);
  });

  it('works for [B] lengths and a tensor partner', () => {
    const lengths = tf.tensor1d([4, 9, 6], 'int32');
    const partner = tf.tensor1d([0, 2, 1], 'int32');
    const out = mixLengths({ lengths, partner });
    expect(out.arraySync()).toEqual([4, 9, 9]);
    tf.dispose([lengths, partner, out]);
  });

  it('validates dtype, rank, partner and (with checkValues) negative lengths', () => {
    expect(catchError(() => mixLengths({ lengths: tf.tensor1d([1, 2]), partner: [1, 0] }), ValueError.isInstance).message).toBe(
      'mixLengths: lengths must have dtype int32, got float32',
    );
    expect(catchError(() => mixLengths({ lengths: tf.scalar(1, 'int32'), partner: [0] }), ShapeError.isInstance).argument).toBe('lengths');
    const neg = tf.tensor1d([1, -2], 'int32');
    const e = catchError(() => mixLengths({ lengths: neg, partner: [1, 0] }), ValueError.isInstance);
    expect(e.message).toBe('mixLengths: lengths must be in >= 0, got -2 at flat index 1');
    const out = mixLengths({ lengths: neg, partner: [1, 0] }, { checkValues: false });
    expect(out.arraySync()).toEqual([1, 1]);
    tf.dispose([neg, out]);
  });

  it('leaks no tensors', async () => {
    const lengths = tf.tensor1d([4, 9, 6], 'int32');
    await expectNoTensorLeak(() => mixLengths({ lengths, partner: [2, 0, 1] }));
    await expectNoTensorLeak(() => {
      expect(() => mixLengths({ lengths, partner: [2, 0] })).toThrow(ShapeError);
      return undefined;
    });
    lengths.dispose();
  });
});
