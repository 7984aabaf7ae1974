// Works around tfjs-backend-wasm 4.22's slow batched BatchMatMul: its C++ kernel (batch_mat_mul_impl.cc)
// uses XNNPACK only when both operands have batch 1 and falls back to a scalar triple loop (strided reads
// of b, no SIMD) otherwise, ~10-15x slower per multiply-add. This patch runs a batched product as one
// XNNPACK 2-D product per batch entry, on zero-copy views of the operands' heap memory.
import * as tf from '@tensorflow/tfjs';

type KernelParams = Parameters<tf.KernelFunc>[0];

const PATCHED = Symbol.for('@sparc-vqa/runner/wasm-batch-matmul-patched');

/** The parts of tfjs-backend-wasm's BackendWasm that the patch uses (public fields of the class). */
interface WasmBackendInternals {
  dataIdNextNumber: number;
  readonly dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } | undefined };
  readonly wasm: {
    cwrap(name: string, ret: null, args: string[]): (...args: unknown[]) => void;
    readonly tfjs: { registerTensor(id: number, size: number, offset: number): void; disposeData(id: number): void };
  };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: object): boolean;
}

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const sameShape = (x: readonly number[], y: readonly number[]) => x.length === y.length && x.every((v, i) => v === y[i]);
const shapeBytes = (shape: readonly number[]) => new Uint8Array(new Int32Array(shape).buffer);

/**
 * Re-registers the wasm `BatchMatMul` kernel so that a product with more than one batch entry runs as one
 * XNNPACK matrix product per entry (the kernel's fast path), reading and writing sub-ranges of the
 * operands' wasm memory in place. Handles float32 operands of any rank ≥ 2 whose batch dimensions are
 * equal, or where one side has batch size 1 (broadcast); `transposeA`/`transposeB` are served by an
 * explicit wasm `Transpose` first. Every other call (other dtypes, batch 1, empty shapes, other
 * broadcasts) goes to the original kernel. Results equal the original's up to float32 summation order.
 * Temporary tensor registrations and transposes are freed before returning. Idempotent.
 */
export function patchWasmBatchedMatMul(): void {
  const original = tf.getKernel('BatchMatMul', 'wasm');
  if (original == null || (original.kernelFunc as unknown as Record<symbol, unknown>)[PATCHED]) return;
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (transpose == null) throw new Error('patchWasmBatchedMatMul: the wasm backend has no Transpose kernel; is it registered?');
  let matMul2D: ((...args: unknown[]) => void) | undefined;

  const kernelFunc = (params: KernelParams) => {
    const { inputs, attrs } = params;
    const a0 = inputs['a'] as tf.TensorInfo;
    const b0 = inputs['b'] as tf.TensorInfo;
    const transposeA = Boolean(attrs?.['transposeA']);
    const transposeB = Boolean(attrs?.['transposeB']);
    const aRank = a0.shape.length;
    const bRank = b0.shape.length;
    if (a0.dtype !== 'float32' || b0.dtype !== 'float32' || aRank < 2 || bRank < 2) return original.kernelFunc(params);
    const aOuter = a0.shape.slice(0, -2);
    const bOuter = b0.shape.slice(0, -2);
    const batchA = sizeOf(aOuter);
    const batchB = sizeOf(bOuter);
    const batch = Math.max(batchA, batchB);
    const m = transposeA ? a0.shape[aRank - 1]! : a0.shape[aRank - 2]!;
    const k = transposeA ? a0.shape[aRank - 2]! : a0.shape[aRank - 1]!;
    const kB = transposeB ? b0.shape[bRank - 1]! : b0.shape[bRank - 2]!;
    const n = transposeB ? b0.shape[bRank - 2]! : b0.shape[bRank - 1]!;
    let outOuter: number[];
    if (sameShape(aOuter, bOuter)) outOuter = aOuter;
    else if (batchB === 1 && aOuter.length >= bOuter.length) outOuter = aOuter;
    else if (batchA === 1 && bOuter.length >= aOuter.length) outOuter = bOuter;
    else return original.kernelFunc(params);
    if (batch <= 1 || k !== kB || m === 0 || k === 0 || n === 0) return original.kernelFunc(params);

    const backend = params.backend as unknown as WasmBackendInternals;
    matMul2D ??= backend.wasm.cwrap('BatchMatMul', null, ['number', 'array', 'number', 'number', 'array', 'number', 'number', 'number', 'number']);
    const temporaries: tf.TensorInfo[] = [];
    const swapLastTwo = (t: tf.TensorInfo): tf.TensorInfo => {
      const rank = t.shape.length;
      const perm = [...Array(rank).keys()];
      [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1]!, perm[rank - 2]!];
      const out = transpose.kernelFunc({ inputs: { x: t }, attrs: { perm }, backend: params.backend }) as tf.TensorInfo;
      temporaries.push(out);
      return out;
    };
    const views: number[] = [];
    const view = (memoryOffset: number, size: number): number => {
      const id = backend.dataIdNextNumber++;
      backend.wasm.tfjs.registerTensor(id, size, memoryOffset);
      views.push(id);
      return id;
    };
    const release = () => {
      // Disposing a view id also deletes the XNNPACK operator cached on it; the memory stays owned by its tensor.
      for (const id of views.splice(0)) backend.wasm.tfjs.disposeData(id);
    };
    try {
      const a = transposeA ? swapLastTwo(a0) : a0;
      const b = transposeB ? swapLastTwo(b0) : b0;
      const out = backend.makeOutput([...outOuter, m, n], 'float32');
      // Offsets are read after every allocation (they do not move, but read them once all exist).
      const aOffset = backend.dataIdMap.get(a.dataId)!.memoryOffset;
      const bOffset = backend.dataIdMap.get(b.dataId)!.memoryOffset;
      const outOffset = backend.dataIdMap.get(out.dataId)!.memoryOffset;
      const bytes = 4;
      if (batchB === 1) {
        // One product: a's batch entries are consecutive rows of one [batch·m, k] matrix.
        const aId = view(aOffset, batch * m * k);
        const bId = view(bOffset, k * n);
        const outId = view(outOffset, batch * m * n);
        matMul2D(aId, shapeBytes([1, batch * m, k]), 3, bId, shapeBytes([1, k, n]), 3, 0, 0, outId);
        release();
      } else {
        const aShape = shapeBytes([1, m, k]);
        const bShape = shapeBytes([1, k, n]);
        for (let g = 0; g < batch; g++) {
          const aId = view(aOffset + (batchA === 1 ? 0 : g * m * k * bytes), m * k);
          const bId = view(bOffset + g * k * n * bytes, k * n);
          const outId = view(outOffset + g * m * n * bytes, m * n);
          matMul2D(aId, aShape, 3, bId, bShape, 3, 0, 0, outId);
          release();
        }
      }
      return out;
    } finally {
      release();
      for (const t of temporaries) backend.disposeData(t.dataId);
    }
  };
  (kernelFunc as unknown as Record<symbol, unknown>)[PATCHED] = true;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({ ...original, kernelFunc: kernelFunc as tf.KernelFunc });
}
