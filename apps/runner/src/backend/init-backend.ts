// The runner's backend layer: picks a TensorFlow.js backend and makes the embedded wasm backend fit
// for training. Libraries never pick a backend (shared/STYLE.md 3.7); only this module does.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BACKEND_ORDER, isBackendRequest, type BackendName, type BackendRequest } from './backend-name.js';
import { bridgeMissingWasmKernels } from './bridge-cpu-kernels.js';
import { patchWasmBatchedMatMul } from './patch-wasm-batch-matmul.js';
import { patchWasmIdentity } from './patch-wasm-identity.js';
import { patchWasmTransposedMatMul } from './patch-wasm-matmul.js';
import { patchWasmSlice } from './patch-wasm-slice.js';

/** The optional tfjs-node packages, by backend. Loaded by dynamic import so that they stay optional. */
const NODE_BINDINGS: Readonly<Record<'tensorflow-gpu' | 'tensorflow', string>> = Object.freeze({
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
});

/** Thrown when an explicitly requested backend cannot be loaded. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
  constructor(
    readonly backend: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`backend '${backend}' is not available: ${reason}`, options);
  }
}

/** What `initBackend` chose, and why the backends before it were skipped. */
export interface BackendInfo {
  /** The backend requested (`auto` or a name). */
  readonly requested: BackendRequest;
  /** The backend now active. */
  readonly name: BackendName;
  /** The tfjs backend name (`tensorflow` for both tfjs-node flavours). */
  readonly tfjsName: string;
  /** For `auto`: each backend tried before `name`, with the reason it was skipped. */
  readonly skipped: ReadonlyArray<{ readonly name: BackendName; readonly reason: string }>;
  /** wasm only: the kernels served by the cpu bridge. */
  readonly bridgedKernels: readonly string[];
  /** Versions of the tfjs packages in use. */
  readonly versions: Readonly<Record<string, string>>;
}

let wasmPrepared = false;
let bridged: string[] = [];

function wasmDistDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')) + path.sep + 'dist' + path.sep;
}

async function tryNodeBinding(name: 'tensorflow-gpu' | 'tensorflow'): Promise<string | null> {
  const spec = NODE_BINDINGS[name];
  try {
    // A variable specifier keeps tsc and tsup from resolving the optional package at build time.
    await import(spec);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
      ? `${spec} is not installed`
      : `${spec} failed to load: ${(error as Error).message.split('\n')[0]}`;
  }
  if (!(await tf.setBackend('tensorflow'))) return `${spec} loaded but tf.setBackend('tensorflow') failed`;
  return null;
}

/** Options of `initBackend`. */
export interface InitBackendOptions {
  /**
   * wasm only: apply the transposed- and batched-matMul patches (default true). `false` exists to
   * measure the unpatched speed; it cannot undo a patch applied earlier in the same process.
   */
  readonly patchWasmMatMul?: boolean;
}

async function tryWasm(options: InitBackendOptions): Promise<string | null> {
  try {
    if (!wasmPrepared) setWasmPaths(wasmDistDir());
    if (!(await tf.setBackend('wasm'))) return 'tf.setBackend("wasm") returned false';
    await tf.ready();
  } catch (error) {
    return `wasm failed to initialise: ${(error as Error).message}`;
  }
  if (!wasmPrepared) {
    if (options.patchWasmMatMul !== false) {
      patchWasmBatchedMatMul();
      patchWasmTransposedMatMul();
    }
    patchWasmIdentity();
    patchWasmSlice();
    bridged = bridgeMissingWasmKernels();
    silenceCpuBanner();
    wasmPrepared = true;
  }
  return null;
}

/**
 * The cpu backend prints a "install tfjs-node" banner on first use in Node. The runner has already tried
 * tfjs-node (and reports why it was skipped), so the banner is noise: mark the backend as used.
 */
function silenceCpuBanner(): void {
  const cpu = tf.engine().findBackend('cpu') as unknown as { firstUse?: boolean } | null;
  if (cpu != null && 'firstUse' in cpu) cpu.firstUse = false;
}

async function tryCpu(): Promise<string | null> {
  if (!(await tf.setBackend('cpu'))) return 'tf.setBackend("cpu") returned false';
  silenceCpuBanner();
  return null;
}

async function tryBackend(name: BackendName, options: InitBackendOptions): Promise<string | null> {
  switch (name) {
    case 'tensorflow-gpu':
    case 'tensorflow':
      return tryNodeBinding(name);
    case 'wasm':
      return tryWasm(options);
    case 'cpu':
      return tryCpu();
  }
}

/**
 * Activates a backend. `auto` tries tensorflow-gpu, tensorflow, wasm, cpu in that order and takes the
 * first that loads (absent optional packages fail fast and silently). A named backend that cannot be
 * loaded throws `BackendUnavailableError`. On wasm, the matMul, Identity and Slice patches and the cpu
 * kernel bridge are applied once per process.
 */
export async function initBackend(request: BackendRequest = 'auto', options: InitBackendOptions = {}): Promise<BackendInfo> {
  if (!isBackendRequest(request)) {
    throw new BackendUnavailableError(String(request), `expected one of auto, ${BACKEND_ORDER.join(', ')}`);
  }
  const candidates: readonly BackendName[] = request === 'auto' ? BACKEND_ORDER : [request];
  const skipped: Array<{ name: BackendName; reason: string }> = [];
  for (const name of candidates) {
    const reason = await tryBackend(name, options);
    if (reason == null) {
      return Object.freeze({
        requested: request,
        name,
        tfjsName: tf.getBackend(),
        skipped: Object.freeze(skipped),
        bridgedKernels: Object.freeze(name === 'wasm' ? [...bridged] : []),
        versions: Object.freeze({ ...tf.version }) as Readonly<Record<string, string>>,
      });
    }
    skipped.push({ name, reason });
  }
  const last = skipped[skipped.length - 1]!;
  throw new BackendUnavailableError(request === 'auto' ? 'auto' : last.name, skipped.map((s) => `${s.name}: ${s.reason}`).join('; '));
}
