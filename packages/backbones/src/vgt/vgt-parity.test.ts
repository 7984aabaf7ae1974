// Parity with the PyTorch reference (sail-sg/VGT) on every fixture in shared/fixtures/vgt/*.safetensors.
import * as tf from '@tensorflow/tfjs-core';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectArrayClose, testBackend } from '@sparc-vqa/testing';
import { readSafetensors, type Safetensors } from '../safetensors/read-safetensors.js';
import { loadReferenceVGT } from './load-reference-vgt.js';
import type { VGTInputs } from './vgt-inputs.js';

// SPARC_VGT_FIXTURES_DIR points the suite at another folder of fixtures in the same format.
const OTHER_DIR = process.env['SPARC_VGT_FIXTURES_DIR'];
const FIXTURE_DIR = OTHER_DIR
  ? new URL(`file://${OTHER_DIR.replace(/\/?$/, '/')}`)
  : new URL('../../../../../shared/fixtures/vgt/', import.meta.url);
const FIXTURES = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.safetensors')).sort();
const LOGIT_TOL = testBackend() === 'cpu' ? 1e-5 : 1e-4;

function tensorOf(file: Safetensors, name: string): tf.Tensor {
  const t = file.tensors.get(name);
  if (t === undefined) throw new Error(`fixture has no ${name}`);
  return tf.tensor(t.data, [...t.shape], t.data instanceof Int32Array ? 'int32' : 'float32');
}

/** The fixture's inputs under our names: video_o → regions, video_f → frames, answer_feats → qa, ... */
function fixtureInputs(file: Safetensors): VGTInputs {
  return {
    regions: tensorOf(file, 'input.video_o') as tf.Tensor5D,
    frames: tensorOf(file, 'input.video_f') as tf.Tensor4D,
    qa: tensorOf(file, 'input.answer_feats') as tf.Tensor4D,
    qaLengths: tensorOf(file, 'input.seq_len') as tf.Tensor2D,
    frameMask: tensorOf(file, 'input.video_mask') as tf.Tensor2D,
  };
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe.each(FIXTURES)('VGT parity with %s', (fixtureName) => {
  const file = readSafetensors(readFileSync(new URL(fixtureName, FIXTURE_DIR)));

  it('logits, fusion_proj and answer_proj match the reference in inference mode', () => {
    const model = loadReferenceVGT(file);
    const inputs = fixtureInputs(file);
    const withMask = model.callWithDebug(inputs);
    const { frameMask: _, ...noMask } = inputs;
    const plain = model.call(noMask);
    const expected = tensorOf(file, 'output.logits');
    const diff = maxAbsDiff(withMask.logits, expected);
    console.info(`[${testBackend()}] ${fixtureName}: max |Δ logits| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(LOGIT_TOL);
    expect(maxAbsDiff(plain.logits, expected)).toBeLessThanOrEqual(LOGIT_TOL);
    expectArrayClose(withMask.fusionProj.dataSync(), tensorOf(file, 'output.fusion_proj').dataSync(), { rtol: 1e-4, atol: LOGIT_TOL });
    expectArrayClose(withMask.answerProj.dataSync(), tensorOf(file, 'output.answer_proj').dataSync(), { rtol: 1e-4, atol: LOGIT_TOL });
    const predicted = Array.from(tf.tidy(() => tf.argMax(withMask.logits, 1).dataSync()));
    expect(predicted).toEqual(Array.from(file.tensors.get('output.predict_idx')!.data));
    tf.dispose([withMask, plain, inputs, expected] as unknown as tf.TensorContainer);
    model.dispose();
  });

  it('every debug.* intermediate matches the reference', () => {
    const model = loadReferenceVGT(file);
    const inputs = fixtureInputs(file);
    const out = model.callWithDebug(inputs);
    const names = [...file.tensors.keys()].filter((k) => k.startsWith('debug.'));
    expect(names.length).toBeGreaterThan(0);
    const report: string[] = [];
    for (const name of names) {
      const actual = out.debug[name.slice('debug.'.length) as keyof typeof out.debug];
      expect(actual, name).toBeDefined();
      const expected = tensorOf(file, name);
      expect(actual.shape, name).toEqual(expected.shape);
      const diff = maxAbsDiff(actual, expected);
      report.push(`${name} ${diff.toExponential(1)}`);
      try {
        expectArrayClose(actual.dataSync(), expected.dataSync(), { rtol: 1e-4, atol: 1e-5 });
      } catch (error) {
        throw new Error(`${name}: ${(error as Error).message}`);
      }
      expected.dispose();
    }
    console.info(`[${testBackend()}] ${fixtureName} debug max |Δ|: ${report.join(', ')}`);
    tf.dispose([out, inputs] as unknown as tf.TensorContainer);
    model.dispose();
  });
});
