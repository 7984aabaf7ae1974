import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { WeightsError } from '../errors.js';
import { assignVariables, createVariables, loadVariables, saveVariables, type VariableSpec } from './weights-io.js';

const specs = (scale: number) =>
  new Map<string, VariableSpec>([
    ['a.weight', { shape: [2, 3], trainable: true, init: () => Float32Array.from([1, 2, 3, 4, 5, 6], (v) => v * scale) }],
    ['a.bias', { shape: [2], trainable: false, init: () => Float32Array.from([0.1, -0.2], (v) => v * scale) }],
  ]);

function problem(fn: () => unknown): WeightsError {
  try {
    fn();
  } catch (error) {
    expect(WeightsError.isInstance(error)).toBe(true);
    return error as WeightsError;
  }
  throw new Error('expected a WeightsError');
}

describe('weights-io', () => {
  it('creates, saves and loads variables exactly, and rejects mismatches by name', async () => {
    const a = createVariables(specs(1));
    const b = createVariables(specs(3));
    expect(a.get('a.bias')!.trainable).toBe(false);
    const saved = await saveVariables(a);
    loadVariables('t', b, saved);
    expect(b.get('a.weight')!.dataSync()).toEqual(a.get('a.weight')!.dataSync());
    expect(problem(() => loadVariables('t', b, { specs: saved.specs.slice(0, 1), data: saved.data.slice(0, 24) })).weight).toBe('a.bias');
    const wrong = saved.specs.map((s) => (s.name === 'a.bias' ? { ...s, shape: [1, 2] } : s));
    expect(problem(() => loadVariables('t', b, { specs: wrong, data: saved.data })).problem).toMatch(/\[1, 2\]/);
    const renamed = saved.specs.map((s) => (s.name === 'a.bias' ? { ...s, name: 'a.offset' } : s));
    expect(problem(() => loadVariables('t', b, { specs: renamed, data: saved.data })).weight).toBe('a.offset');
    expect(problem(() => assignVariables('t', b, new Map([['a.weight', { shape: [2, 3], data: new Float32Array(6) }]]))).weight).toBe('a.bias');
    tf.dispose([...a.values(), ...b.values()]);
  });
});
