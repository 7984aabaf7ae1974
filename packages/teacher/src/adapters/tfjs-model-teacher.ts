// Adapter for a tfjs LayersModel or GraphModel trained elsewhere (contract: adapter-contract.ts). The
// model is injected, so this package needs only tfjs-core; load one from a folder with
// `loadTfjsModelTeacher` from '@sparc-vqa/teacher/fs'.
import * as tf from '@tensorflow/tfjs-core';
import { AdapterError } from '../errors.js';
import type { ImageQATeacher, TeacherQuery } from '../image-qa-teacher.js';
import { buildAdapterBatches, splitAdapterOutput } from './adapter-contract.js';
import type { AdapterBatch, AdapterOptions } from './adapter-contract.js';

/** The part of a tfjs LayersModel / GraphModel the adapter calls. */
export interface PredictingModel {
  predict(inputs: tf.Tensor | tf.Tensor[] | tf.NamedTensorMap, config?: object): tf.Tensor | tf.Tensor[] | tf.NamedTensorMap;
  dispose?(): void;
}

/** Options of `createTfjsModelTeacher`. */
export interface TfjsModelTeacherOptions extends AdapterOptions {
  readonly model: PredictingModel;
  /**
   * Input names for models that take a map (graph models). Without it the model gets `[frames, tokens]`
   * in that order (layers models with two inputs).
   */
  readonly inputNames?: { readonly frames: string; readonly tokens: string };
  /** dtype of the tokens input (default 'int32'). */
  readonly tokenDtype?: 'int32' | 'float32';
  /** Dispose the model with the teacher (default true). */
  readonly ownsModel?: boolean;
}

/**
 * An ImageQATeacher over a tfjs model with inputs frames `[P, D]` or `[P, h, w, 3]` and tokens
 * `[P, C, L]`, output `[P, C]` (logits or probabilities).
 *
 * @example
 * const teacher = createTfjsModelTeacher({ model: await tf.loadLayersModel(handler), id: 'my-vqa', tokenizer, maxTextLength: 16, frames: 'features' });
 */
export function createTfjsModelTeacher(options: TfjsModelTeacherOptions): ImageQATeacher & { dispose(): void } {
  const name = `tfjs model teacher '${options.id}'`;
  const L = options.maxTextLength;
  const scoreBatch = async (queries: readonly TeacherQuery[]): Promise<tf.Tensor2D[]> => {
    const out: tf.Tensor2D[] = new Array(queries.length);
    const batches = buildAdapterBatches(name, queries, options);
    try {
      for (const batch of batches) await runBatch(batch, out);
    } catch (error) {
      tf.dispose([...out.filter(Boolean), ...batches.map((b) => b.frames)]);
      throw error;
    }
    return out;
  };
  const runBatch = async (batch: AdapterBatch, out: tf.Tensor2D[]): Promise<void> => {
    const ids = options.tokenDtype === 'float32' ? Float32Array.from(batch.tokens) : batch.tokens;
    const tokens = tf.tensor3d(ids, [batch.rows, batch.candidates, L], options.tokenDtype ?? 'int32');
    let result: tf.Tensor | tf.Tensor[] | tf.NamedTensorMap | undefined;
    try {
      const inputs = options.inputNames ? { [options.inputNames.frames]: batch.frames, [options.inputNames.tokens]: tokens } : [batch.frames, tokens];
      try {
        result = options.model.predict(inputs);
      } catch (error) {
        const shapes = `frames [${batch.frames.shape.join(', ')}] and tokens [${tokens.shape.join(', ')}]`;
        throw new AdapterError(name, `model.predict failed on ${shapes}: ${(error as Error).message}`, { cause: error });
      }
      const tensors = result instanceof tf.Tensor ? [result] : Array.isArray(result) ? result : Object.values(result);
      if (tensors.length !== 1) throw new AdapterError(name, `model must return one output [P, C], got ${tensors.length}`);
      splitAdapterOutput(name, batch, tensors[0]!, options.output ?? 'logits').forEach((t, j) => (out[batch.indices[j]!] = t));
    } finally {
      tf.dispose([batch.frames, tokens]);
      if (result) tf.dispose(result as tf.TensorContainer);
    }
  };
  return {
    id: options.id,
    scoreBatch,
    scoreFrames: async (query) => (await scoreBatch([query]))[0]!,
    dispose: () => {
      if (options.ownsModel ?? true) options.model.dispose?.();
    },
  };
}
