import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectArrayClose } from '@sparc-vqa/testing';
import { seededRandom } from '../../shared/seeded-random.js';
import { applyDroppedWeight, dropWeight } from './weight-drop.js';

describe('dropWeight / applyDroppedWeight', () => {
  const w = tf.tensor2d(Array.from({ length: 6 }, () => Array.from({ length: 6 }, (_, j) => j + 1)));
  const x = tf.ones([3 * 2, 4, 6]) as tf.Tensor3D; // C = 3 candidates, B = 2

  it('is a plain x·Wᵀ outside training', () => {
    const d = dropWeight(w, 3, 0.3, { training: false });
    expect(d.perCandidate).toBeUndefined();
    expectArrayClose(applyDroppedWeight(x, d).dataSync(), new Array<number>(6 * 4 * 6).fill(21));
  });

  it('draws one DropConnect mask per candidate in training (kept weights scaled by 1/(1-p))', () => {
    const d = dropWeight(w, 3, 0.5, { training: true, rng: seededRandom(1) });
    const masks = d.perCandidate!.arraySync();
    expect(masks[0]).not.toEqual(masks[1]);
    // perCandidate holds the transposed weights [C, in, out]: element [i][o] is W[o][i] = i + 1, or 0.
    for (const m of masks) m.forEach((row, i) => row.forEach((v) => expect([0, 2 * (i + 1)]).toContain(v)));
    const y = applyDroppedWeight(x, d).arraySync();
    // Rows of the same candidate share a mask; candidate c owns rows c·B .. c·B + B − 1.
    expect(y[0]).toEqual(y[1]);
    expect(y[0]).not.toEqual(y[2]);
  });
});
