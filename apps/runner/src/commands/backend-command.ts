import { initBackend, isBackendRequest, type BackendRequest } from '../backend/index.js';
import type { RegisterCommand } from './command-context.js';
import { UsageError } from './usage-error.js';

/** Validates a `--backend` value. */
export function parseBackendOption(value: unknown): BackendRequest {
  if (!isBackendRequest(value)) throw new UsageError(`--backend: expected auto, tensorflow-gpu, tensorflow, wasm or cpu, got '${String(value)}'`);
  return value;
}

/** `sparc backend`: load a backend and report what was chosen and why. */
export const registerBackendCommand: RegisterCommand = (cli, { io }) => {
  cli
    .command('backend', 'Load a TensorFlow.js backend and report what was chosen and why')
    .action(async (options: { backend: unknown }) => {
      const info = await initBackend(parseBackendOption(options.backend));
      io.out(`backend: ${info.name} (requested ${info.requested}; tfjs ${info.versions['tfjs-core']})`);
      for (const s of info.skipped) io.out(`  skipped ${s.name}: ${s.reason}`);
      if (info.bridgedKernels.length > 0) io.out(`  wasm kernels served by the cpu bridge: ${info.bridgedKernels.join(', ')}`);
    });
};
