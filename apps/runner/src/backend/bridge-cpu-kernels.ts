// Fills the kernels tfjs-backend-wasm 4.22 lacks (and replaces the ones it gets wrong) with the cpu
// backend's kernels, copying data across (shared/research/ecosystem.md sections 3 and 4).
import * as tf from '@tensorflow/tfjs';

type KernelParams = Parameters<tf.KernelFunc>[0];

/**
 * Wasm kernels that exist but compute wrong results in tfjs-backend-wasm 4.22 and are therefore
 * replaced by the cpu implementation. MaxPoolGrad drops the gradient when a window's maximum is
 * negative (measured: up to 21 of 294 elements differ from cpu).
 */
export const WASM_KERNELS_REPLACED_BY_CPU: readonly string[] = Object.freeze(['MaxPoolGrad']);

function isTensorInfo(x: unknown): x is tf.TensorInfo {
  return x != null && typeof x === 'object' && 'dataId' in x && 'shape' in x && 'dtype' in x;
}

/**
 * Wasm kernels that are wrong for some attributes only: for those calls the cpu kernel runs instead, the
 * native wasm kernel otherwise. GatherV2 with batchDims > 0 returns wrong rows on tfjs-backend-wasm 4.22
 * (e.g. gather([3,5] iota, [[4],[0],[2]], axis 1, batchDims 1) gives 10 instead of 12 for the last row).
 */
export const WASM_KERNELS_PARTLY_REPLACED_BY_CPU: Readonly<Record<string, (attrs: Record<string, unknown>) => boolean>> = Object.freeze({
  GatherV2: (attrs) => Number(attrs['batchDims'] ?? 0) > 0,
});

function cpuKernelFunc(kernelName: string): tf.KernelFunc {
  const source = tf.getKernel(kernelName, 'cpu');
  if (source == null) throw new Error(`bridgeCpuKernel: the cpu backend has no kernel '${kernelName}'`);
  const kernelFunc = ({ inputs, attrs, backend: wasmBackend }: KernelParams) => {
    const backend = wasmBackend as tf.KernelBackend;
    const cpu = tf.engine().findBackend('cpu');
    if (cpu == null) throw new Error(`bridgeCpuKernel(${kernelName}): the cpu backend is not initialised`);
    const cpuOwned: tf.TensorInfo[] = [];
    const toCpu = (t: tf.TensorInfo): tf.TensorInfo => {
      const values = backend.readSync(t.dataId) as tf.BackendValues;
      const info = { dataId: cpu.write(values, t.shape, t.dtype), shape: t.shape, dtype: t.dtype };
      cpuOwned.push(info);
      return info;
    };
    const cpuInputs: Record<string, tf.TensorInfo> = {};
    for (const [name, t] of Object.entries(inputs)) if (isTensorInfo(t)) cpuInputs[name] = toCpu(t);
    try {
      const out = source.kernelFunc({ inputs: cpuInputs, attrs, backend: cpu });
      const outs = Array.isArray(out) ? out : [out];
      const back = outs.map((o) => {
        const values = cpu.readSync(o.dataId) as tf.BackendValues;
        cpuOwned.push(o);
        return { dataId: backend.write(values, o.shape, o.dtype), shape: o.shape, dtype: o.dtype };
      });
      return Array.isArray(out) ? back : back[0]!;
    } finally {
      for (const t of cpuOwned) cpu.disposeData(t.dataId);
    }
  };
  return kernelFunc as tf.KernelFunc;
}

/**
 * Registers, for `wasm`, a kernel that runs the cpu backend's implementation of `kernelName`.
 * Inputs are copied to the cpu backend, outputs copied back; every cpu-side buffer is freed.
 */
export function bridgeCpuKernel(kernelName: string): void {
  const kernelFunc = cpuKernelFunc(kernelName);
  if (tf.getKernel(kernelName, 'wasm') != null) tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
}

/** Serves `kernelName` on wasm from the cpu kernel when `useCpu(attrs)` holds, natively otherwise. */
export function bridgeCpuKernelWhen(kernelName: string, useCpu: (attrs: Record<string, unknown>) => boolean): void {
  const native = tf.getKernel(kernelName, 'wasm');
  if (native == null) throw new Error(`bridgeCpuKernelWhen: the wasm backend has no kernel '${kernelName}'`);
  const viaCpu = cpuKernelFunc(kernelName);
  const kernelFunc = (params: KernelParams) => (useCpu((params.attrs ?? {}) as Record<string, unknown>) ? viaCpu(params) : native.kernelFunc(params));
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ ...native, kernelFunc: kernelFunc as tf.KernelFunc });
}

/**
 * Bridges every kernel registered for cpu but not for wasm, and replaces the known-wrong wasm
 * kernels. Returns the names bridged. Both backends must be registered; cpu is initialised here.
 */
export function bridgeMissingWasmKernels(): string[] {
  if (tf.engine().findBackend('cpu') == null) throw new Error('bridgeMissingWasmKernels: the cpu backend could not be initialised');
  const bridged: string[] = [];
  for (const { kernelName } of tf.getKernelsForBackend('cpu')) {
    const wasmKernel = tf.getKernel(kernelName, 'wasm');
    if (wasmKernel == null || (WASM_KERNELS_REPLACED_BY_CPU.includes(kernelName) && !bridgedKernels.has(kernelName))) {
      bridgeCpuKernel(kernelName);
      bridgedKernels.add(kernelName);
      bridged.push(kernelName);
    }
  }
  for (const [kernelName, useCpu] of Object.entries(WASM_KERNELS_PARTLY_REPLACED_BY_CPU)) {
    if (partlyBridged.has(kernelName)) continue;
    bridgeCpuKernelWhen(kernelName, useCpu);
    partlyBridged.add(kernelName);
  }
  return bridged;
}

const bridgedKernels = new Set<string>();
const partlyBridged = new Set<string>();

/** The kernels currently served on wasm by the cpu bridge. */
export function bridgedWasmKernels(): string[] {
  return [...bridgedKernels].sort();
}
