export { BACKEND_ORDER, isBackendRequest } from './backend-name.js';
export type { BackendName, BackendRequest } from './backend-name.js';
export { BackendUnavailableError, initBackend } from './init-backend.js';
export type { BackendInfo, InitBackendOptions } from './init-backend.js';
export { patchWasmTransposedMatMul } from './patch-wasm-matmul.js';
export { patchWasmIdentity } from './patch-wasm-identity.js';
export { patchWasmBatchedMatMul } from './patch-wasm-batch-matmul.js';
export { patchWasmSlice } from './patch-wasm-slice.js';
export {
  bridgeCpuKernel,
  bridgeCpuKernelWhen,
  bridgeMissingWasmKernels,
  bridgedWasmKernels,
  WASM_KERNELS_PARTLY_REPLACED_BY_CPU,
  WASM_KERNELS_REPLACED_BY_CPU,
} from './bridge-cpu-kernels.js';
export { kernelsUsed, kernelCoverage } from './kernels-used.js';
