// Parity with the reference PyTorch HGA on shared/fixtures/hga/hga-a.safetensors (eval mode): logits
// and every debug.* intermediate.
import fs from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { readSafetensors, type SafetensorsTensor } from '../safetensors/read-safetensors.js';
import { loadReferenceHGA } from './load-reference-hga.js';
import type { HGABackbone } from './hga.js';

const FIXTURE = new URL('../../../../../shared/fixtures/hga/hga-a.safetensors', import.meta.url);
const TOL = testBackend() === 'wasm' ? 1e-4 : 1e-5;

function tensorOf(t: SafetensorsTensor, dtype: 'float32' | 'int32' = 'float32'): tf.Tensor {
  return tf.tensor(t.data, [...t.shape], dtype);
}

/** max |a - b| / (1 + |b|)-style check: |a - b| <= tol * (1 + |b|); returns the worst |Δ|. */
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): { abs: number; scaled: number } {
  expect(a.length).toBe(b.length);
  let abs = 0;
  let scaled = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    abs = Math.max(abs, d);
    scaled = Math.max(scaled, d / (1 + Math.abs(b[i]!)));
  }
  return { abs, scaled };
}

describe(`HGA parity with the reference (hga-a, ${testBackend()})`, () => {
  const fixture = readSafetensors(fs.readFileSync(FIXTURE));
  const get = (name: string) => {
    const t = fixture.tensors.get(name);
    if (!t) throw new Error(`fixture has no ${name}`);
    return t;
  };
  let model: HGABackbone;
  let inputs: { video: tf.Tensor3D; qa: tf.Tensor4D; qaLengths: tf.Tensor2D };
  let lengths: Int32Array;

  beforeAll(() => {
    model = loadReferenceHGA(fixture.tensors);
    inputs = {
      video: tensorOf(get('input.vid_feats')) as tf.Tensor3D,
      qa: tensorOf(get('input.qas')) as tf.Tensor4D,
      qaLengths: tensorOf(get('input.qa_lengths'), 'int32') as tf.Tensor2D,
    };
    lengths = get('input.qa_lengths').data as Int32Array;
  });
  afterAll(() => {
    model.dispose();
    tf.dispose(inputs);
  });

  it('infers the fixture sizes from the weights', () => {
    expect(model.config).toMatchObject({ videoDim: 64, hiddenSize: 16, wordDim: 24, tokenDim: 768, blockMmDim: 50, blockChunks: 4, blockRank: 3, coAttentionLayers: 1, gcnLayers: 2 });
  });

  it('logits equal output.logits', () => {
    const { logits } = model.call(inputs);
    const expected = get('output.logits');
    expect(logits.shape).toEqual(expected.shape);
    const d = maxAbsDiff(logits.dataSync(), expected.data);
    console.log(`[hga-a ${testBackend()}] max |Δ logits| = ${d.abs.toExponential(2)}`);
    expect(d.abs).toBeLessThanOrEqual(TOL);
    logits.dispose();
  });

  it('every debug.* intermediate agrees', () => {
    const { logits, intermediates } = model.callWithIntermediates(inputs);
    const [b, c] = inputs.qaLengths.shape;
    const t = inputs.video.shape[1];
    const worst: Record<string, number> = {};
    const check = (name: string, actual: ArrayLike<number>, expectedName: string) => {
      const d = maxAbsDiff(actual, get(expectedName).data);
      worst[name] = Math.max(worst[name] ?? 0, d.scaled);
      expect(d.scaled, `${expectedName} (max |Δ|/(1+|ref|))`).toBeLessThanOrEqual(TOL);
    };
    const read = (name: string) => {
      const x = intermediates.get(name);
      if (!x) throw new Error(`no intermediate ${name}`);
      return x;
    };
    check('vid_encoder.output', read('vid_encoder.output').dataSync(), 'debug.vid_encoder.output');
    check('vid_encoder.hidden', read('vid_encoder.hidden').dataSync(), 'debug.vid_encoder.hidden');
    const longest = read('qns_encoder.output').shape[2]!;
    for (let cand = 0; cand < c; cand++) {
      let lc = 0;
      for (let i = 0; i < b; i++) lc = Math.max(lc, lengths[i * c + cand]!);
      // Question-token rows: our layout pads to the batch's longest QA (L'), the reference to Lc.
      const tokens = (name: string, rows: number) => {
        const x = read(name);
        const h = x.shape[3]!;
        return tf.tidy(() => {
          const cut = tf.slice(x, [0, cand, 0, 0], [b, 1, rows, h]);
          if (rows < x.shape[2]!) {
            const rest = tf.slice(x, [0, cand, rows, 0], [b, 1, x.shape[2]! - rows, h]);
            expect(tf.max(tf.abs(rest)).dataSync()[0], `${name} rows past Lc are 0`).toBe(0);
          }
          return cut.dataSync();
        });
      };
      const perCand = (name: string) => tf.tidy(() => {
        const x = read(name);
        return tf.slice(x, [0, cand], [b, 1, ...x.shape.slice(2)]).dataSync();
      });
      // Nodes: ours are [L' question rows, T clips]; the reference's [Lc question rows, T clips].
      const nodeIndex = (i: number) => (i < lc ? i : longest + (i - lc));
      const nodes = (name: string, square: boolean) => {
        const x = read(name);
        const all = perCand(name);
        const n = x.shape[2]!;
        const width = x.shape[3]!;
        const k = lc + t;
        const outWidth = square ? k : width;
        const out = new Float32Array(b * k * outWidth);
        for (let bi = 0; bi < b; bi++) {
          for (let i = 0; i < k; i++) {
            for (let j = 0; j < outWidth; j++) {
              const col = square ? nodeIndex(j) : j;
              out[(bi * k + i) * outWidth + j] = all[(bi * n + nodeIndex(i)) * width + col]!;
            }
          }
        }
        return out;
      };
      const p = `debug.cand${cand}`;
      check('qns_encoder.output', tokens('qns_encoder.output', lc), `${p}.qns_encoder.output`);
      check('qns_encoder.hidden', perCand('qns_encoder.hidden'), `${p}.qns_encoder.hidden`);
      check('q_ln', tokens('q_ln', lc), `${p}.q_ln`);
      check('co_attn.q', tokens('co_attn.q', lc), `${p}.co_attn.q`);
      check('co_attn.v', perCand('co_attn.v'), `${p}.co_attn.v`);
      check('adj', nodes('adj', true), `${p}.adj`);
      check('gcn', nodes('gcn', false), `${p}.gcn`);
      check('global_out', perCand('global_out'), `${p}.global_out`);
      check('local_out', perCand('local_out'), `${p}.local_out`);
    }
    console.log(`[hga-a ${testBackend()}] max |Δ|/(1+|ref|) per debug tensor: ${JSON.stringify(Object.fromEntries(Object.entries(worst).map(([k, v]) => [k, Number(v.toExponential(2))])))}`);
    tf.dispose([logits, ...intermediates.values()]);
  });
});
