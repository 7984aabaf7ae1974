import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { initBackend } from './backend/index.js';
import { main } from './main.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('sparc CLI', () => {
  it('`backend --backend auto` reports wasm and why the tfjs-node bindings were skipped', async () => {
    const { io, out, err } = capture();
    try {
      expect(await main(['backend', '--backend', 'auto'], io)).toBe(0);
    } finally {
      await initBackend(testBackend() as 'cpu' | 'wasm');
    }
    expect(err).toEqual([]);
    expect(out[0]).toBe('backend: wasm (requested auto; tfjs 4.22.0)');
    expect(out[1]).toBe('  skipped tensorflow-gpu: @tensorflow/tfjs-node-gpu is not installed');
    expect(out[2]).toBe('  skipped tensorflow: @tensorflow/tfjs-node is not installed');
    expect(out[3]).toMatch(/^ {2}wasm kernels served by the cpu bridge: .*UnsortedSegmentSum/);
  });

  it('a bad --backend value is a one-line usage error with exit code 1', async () => {
    const { io, out, err } = capture();
    expect(await main(['backend', '--backend', 'metal'], io)).toBe(1);
    expect(out).toEqual([]);
    expect(err).toEqual(["sparc: UsageError: --backend: expected auto, tensorflow-gpu, tensorflow, wasm or cpu, got 'metal'"]);
  });

  it('an unavailable backend is a one-line error with exit code 1 and the backend stays unchanged', async () => {
    const { io, err } = capture();
    expect(await main(['backend', '--backend', 'tensorflow'], io)).toBe(1);
    expect(err).toEqual(["sparc: BackendUnavailableError: backend 'tensorflow' is not available: tensorflow: @tensorflow/tfjs-node is not installed"]);
    expect(tf.getBackend()).toBe(testBackend());
  });

  it('an unknown command is a usage error', async () => {
    const { io, err } = capture();
    expect(await main(['frobnicate'], io)).toBe(1);
    expect(err).toEqual(["sparc: UsageError: unknown command 'frobnicate' (see sparc --help)"]);
  });
});
