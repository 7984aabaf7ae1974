// Works around tfjs-backend-wasm 4.22's slow transposed BatchMatMul (shared/research/ecosystem.md
// section 2: transposeA is 30-57x slower than an explicit transpose followed by a plain matMul, and
// every matMul gradient uses transposed products).
import * as tf from '@tensorflow/tfjs';

type KernelParams = Parameters<tf.KernelFunc>[0];

const PATCHED = Symbol.for('@sparc-vqa/runner/wasm-matmul-patched');

/**
 * Re-registers the wasm `BatchMatMul` and `_FusedMatMul` kernels so that `transposeA`/`transposeB`
 * are served by an explicit wasm `Transpose` followed by the fast untransposed product. Results are
 * bit-identical (same accumulation order); the temporary transposes are freed before returning.
 * Idempotent.
 */
export function patchWasmTransposedMatMul(): void {
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (transpose == null) throw new Error('patchWasmTransposedMatMul: the wasm backend has no Transpose kernel; is it registered?');
  for (const kernelName of ['BatchMatMul', '_FusedMatMul']) {
    const original = tf.getKernel(kernelName, 'wasm');
    if (original == null || (original.kernelFunc as unknown as Record<symbol, unknown>)[PATCHED]) continue;
    const kernelFunc = (params: KernelParams) => {
      const { inputs, attrs } = params;
      const backend = params.backend as tf.KernelBackend;
      const temporaries: tf.TensorInfo[] = [];
      const swapLastTwo = (t: tf.TensorInfo): tf.TensorInfo => {
        const rank = t.shape.length;
        const perm = [...Array(rank).keys()];
        [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1]!, perm[rank - 2]!];
        const out = transpose.kernelFunc({ inputs: { x: t }, attrs: { perm }, backend }) as tf.TensorInfo;
        temporaries.push(out);
        return out;
      };
      const a0 = inputs['a'] as tf.TensorInfo;
      const b0 = inputs['b'] as tf.TensorInfo;
      const transposeA = Boolean(attrs?.['transposeA']);
      const transposeB = Boolean(attrs?.['transposeB']);
      if (!transposeA && !transposeB) return original.kernelFunc(params);
      const a = transposeA ? swapLastTwo(a0) : a0;
      const b = transposeB ? swapLastTwo(b0) : b0;
      try {
        return original.kernelFunc({
          inputs: { ...inputs, a, b },
          attrs: { ...attrs, transposeA: false, transposeB: false },
          backend,
        });
      } finally {
        for (const t of temporaries) backend.disposeData(t.dataId);
      }
    };
    (kernelFunc as unknown as Record<symbol, unknown>)[PATCHED] = true;
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ ...original, kernelFunc: kernelFunc as tf.KernelFunc });
  }
}
