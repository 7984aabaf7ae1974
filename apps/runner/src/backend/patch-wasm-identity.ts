// tfjs-backend-wasm 4.22's Identity kernel copies its input; the cpu backend shares it (reference count).
// Every tensor the tape keeps for the backward pass goes through Identity, so on wasm a training step holds
// each of them twice: HGA at the reference size and batch 64 exceeds the 4 GiB wasm heap because of it.
import * as tf from '@tensorflow/tfjs';

const PATCHED = Symbol.for('@sparc-vqa/runner/wasm-identity-patched');

/** Re-registers wasm `Identity` to share the input's buffer (as Reshape does). Idempotent. */
export function patchWasmIdentity(): void {
  const original = tf.getKernel('Identity', 'wasm');
  if (original == null || (original.kernelFunc as unknown as Record<symbol, unknown>)[PATCHED]) return;
  const kernelFunc = (params: Parameters<tf.KernelFunc>[0]) => {
    const x = params.inputs['x'] as tf.TensorInfo;
    if (x.dtype === 'string') return original.kernelFunc(params);
    (params.backend as tf.KernelBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  (kernelFunc as unknown as Record<symbol, unknown>)[PATCHED] = true;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({ ...original, kernelFunc: kernelFunc as tf.KernelFunc });
}
