import * as tf from '@tensorflow/tfjs';

/**
 * Runs `fn` under `tf.profile` and returns the distinct kernel names it executed (forward and, if `fn`
 * computes gradients, backward), sorted. Tensors `fn` returns are disposed.
 */
export async function kernelsUsed(fn: () => tf.TensorContainer): Promise<string[]> {
  const info = await tf.profile(() => tf.tidy(fn));
  tf.dispose(info.result as tf.TensorContainer);
  // The profile also records custom-gradient scopes (e.g. 'softmaxCrossEntropy__op'); keep real kernels:
  // those registered for the reference cpu backend or for the backend that ran them.
  const backend = tf.getBackend();
  const names = new Set(info.kernelNames.filter((k) => tf.getKernel(k, 'cpu') != null || tf.getKernel(k, backend) != null));
  return [...names].sort();
}

/**
 * For each kernel in `names`, whether the given backend has it registered natively (not through the
 * runner's cpu bridge, which the caller lists in `bridged`).
 */
export function kernelCoverage(
  names: readonly string[],
  backendName: string,
  bridged: readonly string[] = [],
): { native: string[]; bridged: string[]; missing: string[] } {
  const native: string[] = [];
  const viaBridge: string[] = [];
  const missing: string[] = [];
  for (const name of names) {
    if (tf.getKernel(name, backendName) == null) missing.push(name);
    else if (bridged.includes(name)) viaBridge.push(name);
    else native.push(name);
  }
  return { native, bridged: viaBridge, missing };
}
