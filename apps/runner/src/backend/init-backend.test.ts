import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, initBackend } from './init-backend.js';
import { testBackend } from '@sparc-vqa/testing';

describe('initBackend', () => {
  it('auto skips the absent tfjs-node bindings silently and lands on wasm', async () => {
    const info = await initBackend('auto');
    try {
      expect(info.name).toBe('wasm');
      expect(tf.getBackend()).toBe('wasm');
      expect(info.skipped.map((s) => s.name)).toEqual(['tensorflow-gpu', 'tensorflow']);
      expect(info.skipped[0]!.reason).toBe('@tensorflow/tfjs-node-gpu is not installed');
      expect(info.skipped[1]!.reason).toBe('@tensorflow/tfjs-node is not installed');
      expect(info.bridgedKernels).toContain('UnsortedSegmentSum');
      expect(info.bridgedKernels).toContain('MaxPoolGrad');
      expect(info.versions['tfjs-core']).toBe('4.22.0');
    } finally {
      await initBackend(testBackend() as 'cpu' | 'wasm');
    }
  });

  it('an explicitly requested backend that is absent is a typed error naming the package', async () => {
    const error = await initBackend('tensorflow-gpu').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as BackendUnavailableError).backend).toBe('tensorflow-gpu');
    expect((error as Error).message).toBe(
      "backend 'tensorflow-gpu' is not available: tensorflow-gpu: @tensorflow/tfjs-node-gpu is not installed",
    );
    expect(tf.getBackend()).toBe(testBackend());
  });

  it('rejects an unknown backend name with the list of valid ones', async () => {
    await expect(initBackend('metal' as never)).rejects.toThrow(
      "backend 'metal' is not available: expected one of auto, tensorflow-gpu, tensorflow, wasm, cpu",
    );
  });

  it('switching backends back and forth keeps the wasm patches applied once', async () => {
    const a = await initBackend('wasm');
    await initBackend('cpu');
    const b = await initBackend('wasm');
    expect(b.bridgedKernels).toEqual(a.bridgedKernels);
    await initBackend(testBackend() as 'cpu' | 'wasm');
  });
});
