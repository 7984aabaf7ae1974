// Works around tfjs-backend-wasm 4.22's Slice kernel (kernels/Slice.ts), which copies the WHOLE input out
// of the wasm heap (backend.readSync) on every call, for every slice: SplitV and Unpack call it once per
// output, so splitting a tensor into T parts copies it T times. The patched kernels copy only the sliced
// elements, heap to heap.
import * as tf from '@tensorflow/tfjs';

type KernelParams = Parameters<tf.KernelFunc>[0];

const PATCHED = Symbol.for('@sparc-vqa/runner/wasm-slice-patched');

/** The parts of tfjs-backend-wasm's BackendWasm that the patch uses (public fields of the class). */
interface WasmBackendInternals {
  readonly dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  readonly wasm: { readonly HEAPU8: Uint8Array };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

const BYTES: Partial<Record<tf.DataType, number>> = { float32: 4, int32: 4, bool: 1 };

/**
 * `x[begin : begin + size]` on the wasm heap. `begin` and `size` must be resolved (no -1) and in range.
 * Copies runs of contiguous elements: the trailing axes taken whole are merged into one run.
 */
function sliceOnHeap(backend: WasmBackendInternals, x: tf.TensorInfo, begin: readonly number[], size: readonly number[]): tf.TensorInfo {
  const bytes = BYTES[x.dtype]!;
  const rank = x.shape.length;
  const out = backend.makeOutput([...size], x.dtype);
  const total = size.reduce((a, b) => a * b, 1);
  if (total === 0) return out;
  // Allocation above may have grown (and replaced) the heap: read the view and offsets only now.
  const heap = backend.wasm.HEAPU8;
  const xOffset = backend.dataIdMap.get(x.dataId)!.memoryOffset;
  const outOffset = backend.dataIdMap.get(out.dataId)!.memoryOffset;
  if (rank === 0) {
    heap.copyWithin(outOffset, xOffset, xOffset + bytes);
    return out;
  }
  const strides = new Array<number>(rank);
  strides[rank - 1] = 1;
  for (let i = rank - 2; i >= 0; i--) strides[i] = strides[i + 1]! * x.shape[i + 1]!;
  // Axes inner..rank-1 form one contiguous run when every axis after `inner` is taken whole.
  let inner = rank - 1;
  while (inner > 0 && size[inner] === x.shape[inner]) inner--;
  let run = 1;
  for (let i = inner; i < rank; i++) run *= size[i]!;
  const runBytes = run * bytes;
  const outer = total / run;
  const index = new Array<number>(inner).fill(0);
  let dst = outOffset;
  for (let r = 0; r < outer; r++) {
    let src = begin[inner]! * strides[inner]!;
    for (let i = 0; i < inner; i++) src += (begin[i]! + index[i]!) * strides[i]!;
    const from = xOffset + src * bytes;
    heap.copyWithin(dst, from, from + runBytes);
    dst += runBytes;
    for (let i = inner - 1; i >= 0; i--) {
      if (++index[i]! < size[i]!) break;
      index[i] = 0;
    }
  }
  return out;
}

function replace(kernelName: string, make: (original: tf.KernelConfig) => (params: KernelParams) => tf.TensorInfo | tf.TensorInfo[]): void {
  const original = tf.getKernel(kernelName, 'wasm');
  if (original == null || (original.kernelFunc as unknown as Record<symbol, unknown>)[PATCHED]) return;
  const kernelFunc = make(original);
  (kernelFunc as unknown as Record<symbol, unknown>)[PATCHED] = true;
  tf.unregisterKernel(kernelName, 'wasm');
  tf.registerKernel({ ...original, kernelFunc: kernelFunc as tf.KernelFunc });
}

/**
 * Re-registers the wasm `Slice`, `SplitV` and `Unpack` kernels to copy only the selected elements from
 * the wasm heap (bit-identical results). String tensors go to the original kernels. Idempotent.
 */
export function patchWasmSlice(): void {
  replace('Slice', (original) => (params) => {
    const x = params.inputs['x'] as tf.TensorInfo;
    if (BYTES[x.dtype] == null) return original.kernelFunc(params);
    const { begin, size } = params.attrs as unknown as { begin: number | number[]; size?: number | number[] };
    const [begin_, size_] = tf.slice_util.parseSliceParams(x as unknown as tf.Tensor, begin, size);
    return sliceOnHeap(params.backend as unknown as WasmBackendInternals, x, begin_!, size_!);
  });
  replace('SplitV', (original) => (params) => {
    const x = params.inputs['x'] as tf.TensorInfo;
    if (BYTES[x.dtype] == null) return original.kernelFunc(params);
    const { numOrSizeSplits, axis } = params.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number | number[] };
    const $axis = tf.util.parseAxisParam(axis, x.shape)[0]!;
    const sizes = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, numOrSizeSplits, $axis);
    const begin = new Array<number>(x.shape.length).fill(0);
    return sizes.map((s) => {
      const size = [...x.shape];
      size[$axis] = s;
      const out = sliceOnHeap(params.backend as unknown as WasmBackendInternals, x, begin, size);
      begin[$axis]! += s;
      return out;
    });
  });
  replace('Unpack', (original) => (params) => {
    const x = params.inputs['value'] as tf.TensorInfo;
    if (BYTES[x.dtype] == null) return original.kernelFunc(params);
    const rank = x.shape.length;
    let axis = Number((params.attrs as { axis?: number }).axis ?? 0);
    if (axis < 0) axis += rank;
    const outShape = x.shape.filter((_, i) => i !== axis);
    const begin = new Array<number>(rank).fill(0);
    const size = [...x.shape];
    size[axis] = 1;
    const outs: tf.TensorInfo[] = [];
    for (let i = 0; i < x.shape[axis]!; i++) {
      begin[axis] = i;
      const out = sliceOnHeap(params.backend as unknown as WasmBackendInternals, x, begin, size);
      outs.push({ dataId: out.dataId, dtype: out.dtype, shape: outShape });
    }
    return outs;
  });
}
