import * as tf from '@tensorflow/tfjs-core';
import { describe, it } from 'vitest';
import { expectTensorClose } from '@sparc-vqa/testing';
import { clipTextAttention } from './clip-text-attention.js';

describe('clipTextAttention', () => {
  it('attends each clip over the valid tokens of each candidate, adds the clip, and takes the max over candidates', () => {
    const [B, K, C, L, D] = [2, 3, 2, 4, 5];
    const video = tf.randomNormal([B, K, D], 0, 1, 'float32', 2) as tf.Tensor3D;
    const tokens = tf.randomNormal([B, C, L, D], 0, 1, 'float32', 3) as tf.Tensor4D;
    const lengths = [[4, 1], [2, 3]];
    const bias = tf.tensor4d(lengths.flatMap((r) => r.flatMap((n) => Array.from({ length: L }, (_, l) => (l < n ? 0 : -1e9)))), [B, 1, C, L]);
    const v = video.arraySync();
    const t = tokens.arraySync();
    const expected = v.map((clips, b) => clips.map((clip) => {
      const perCandidate = t[b]!.map((toks, c) => {
        const s = toks.map((tok, l) => (l < lengths[b]![c]! ? tok.reduce((a, x, i) => a + x * clip[i]!, 0) : -Infinity));
        const max = Math.max(...s);
        const e = s.map((z) => Math.exp(z - max));
        const sum = e.reduce((a, z) => a + z, 0);
        return clip.map((x, i) => x + toks.reduce((a, tok, l) => a + (e[l]! / sum) * tok[i]!, 0));
      });
      return clip.map((_, i) => Math.max(...perCandidate.map((p) => p[i]!)));
    }));
    expectTensorClose(clipTextAttention(video, tokens, bias, { training: false, dropoutRate: 0 }), expected, { rtol: 1e-5, atol: 1e-5 });
    tf.dispose([video, tokens, bias]);
  });
});
