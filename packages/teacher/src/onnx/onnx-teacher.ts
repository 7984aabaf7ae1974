// Adapter for an ONNX model through onnxruntime-node, an optional peer dependency loaded by dynamic
// import (it installs here only with ONNXRUNTIME_NODE_INSTALL=skip or `.npmrc`
// onnxruntime-node-install=skip; CPU execution provider, inference only). Contract: adapter-contract.ts.
import * as tf from '@tensorflow/tfjs-core';
import { buildAdapterBatches, splitAdapterOutput } from '../adapters/adapter-contract.js';
import type { AdapterBatch, AdapterOptions } from '../adapters/adapter-contract.js';
import { AdapterError } from '../errors.js';
import type { ImageQATeacher, TeacherQuery } from '../image-qa-teacher.js';

/** The slice of onnxruntime-node this adapter uses (structural, so its types are not needed at build time). */
interface OrtTensor {
  readonly data: ArrayLike<number | bigint>;
  readonly dims: readonly number[];
}
interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release?(): Promise<void>;
}
interface OrtModule {
  InferenceSession: { create(model: string | Uint8Array, options?: object): Promise<OrtSession> };
  Tensor: new (type: string, data: Float32Array | Int32Array | BigInt64Array, dims: readonly number[]) => OrtTensor;
}

/** Options of `createOnnxTeacher`. */
export interface OnnxTeacherOptions extends AdapterOptions {
  /** A .onnx file path or the model bytes. */
  readonly model: string | Uint8Array;
  /** Input names (default { frames: 'frames', tokens: 'tokens' }). */
  readonly inputNames?: { readonly frames: string; readonly tokens: string };
  /** Output name (default: the model's first output). */
  readonly outputName?: string;
  /** Element type of the tokens input (default 'int64', what Gather/embedding exports use). */
  readonly tokenType?: 'int64' | 'int32' | 'float32';
  /** onnxruntime SessionOptions (default { intraOpNumThreads: 1 }). */
  readonly sessionOptions?: object;
  /** For tests: the onnxruntime module to use instead of importing 'onnxruntime-node'. */
  readonly runtime?: unknown;
}

async function importRuntime(): Promise<OrtModule> {
  const spec = 'onnxruntime-node'; // variable specifier: tsc/tsup leave the optional package unresolved
  try {
    return (await import(spec)) as OrtModule;
  } catch (error) {
    throw new AdapterError(
      'createOnnxTeacher',
      "onnxruntime-node is not installed (optional peer dependency; install it with ONNXRUNTIME_NODE_INSTALL=skip so its postinstall does not download CUDA binaries)",
      { cause: error },
    );
  }
}

/**
 * An ImageQATeacher over an ONNX model with inputs frames `[P, D]` / `[P, h, w, 3]` and tokens
 * `[P, C, L]`, output `[P, C]` (logits or probabilities). Call `dispose()` to release the session.
 *
 * @example
 * const teacher = await createOnnxTeacher({ model: 'albef-nextqa.onnx', id: 'albef-onnx', tokenizer, maxTextLength: 40, frames: 'images', imageSize: [384, 384] });
 */
export async function createOnnxTeacher(options: OnnxTeacherOptions): Promise<ImageQATeacher & { dispose(): Promise<void> }> {
  const ort = (options.runtime as OrtModule | undefined) ?? (await importRuntime());
  const name = `onnx teacher '${options.id}'`;
  let session: OrtSession;
  try {
    session = await ort.InferenceSession.create(options.model, options.sessionOptions ?? { intraOpNumThreads: 1 });
  } catch (error) {
    throw new AdapterError(name, `cannot create an inference session: ${(error as Error).message}`, { cause: error });
  }
  const inputs = options.inputNames ?? { frames: 'frames', tokens: 'tokens' };
  for (const input of [inputs.frames, inputs.tokens]) {
    if (!session.inputNames.includes(input)) throw new AdapterError(name, `model has no input '${input}' (inputs: ${session.inputNames.join(', ')})`);
  }
  const outputName = options.outputName ?? session.outputNames[0]!;
  if (!session.outputNames.includes(outputName)) throw new AdapterError(name, `model has no output '${outputName}'`);
  const L = options.maxTextLength;

  const tokenTensor = (batch: AdapterBatch): OrtTensor => {
    const dims = [batch.rows, batch.candidates, L];
    const type = options.tokenType ?? 'int64';
    if (type === 'int64') return new ort.Tensor('int64', BigInt64Array.from(batch.tokens, (x) => BigInt(x)), dims);
    return new ort.Tensor(type, type === 'int32' ? batch.tokens : Float32Array.from(batch.tokens), dims);
  };

  const scoreBatch = async (queries: readonly TeacherQuery[]): Promise<tf.Tensor2D[]> => {
    const out: tf.Tensor2D[] = new Array(queries.length);
    const batches = buildAdapterBatches(name, queries, options);
    try {
      for (const batch of batches) {
        const frames = (await batch.frames.data()) as Float32Array;
        const feeds = { [inputs.frames]: new ort.Tensor('float32', frames, batch.frames.shape), [inputs.tokens]: tokenTensor(batch) };
        batch.frames.dispose();
        let result: Record<string, OrtTensor>;
        try {
          result = await session.run(feeds);
        } catch (error) {
          throw new AdapterError(name, `session.run failed: ${(error as Error).message}`, { cause: error });
        }
        const y = result[outputName]!;
        const output = tf.tensor(Float32Array.from(y.data as ArrayLike<number>), [...y.dims]);
        try {
          splitAdapterOutput(name, batch, output, options.output ?? 'logits').forEach((t, j) => (out[batch.indices[j]!] = t));
        } finally {
          output.dispose();
        }
      }
    } catch (error) {
      tf.dispose([...out.filter(Boolean), ...batches.map((b) => b.frames)]);
      throw error;
    }
    return out;
  };

  return {
    id: options.id,
    scoreBatch,
    scoreFrames: async (query) => (await scoreBatch([query]))[0]!,
    dispose: async () => {
      await session.release?.();
    },
  };
}
