/// <reference types="node" />
// Loads a tfjs model teacher from a local folder:
//   <dir>/model.json (+ weight files)  a tfjs layers or graph model honouring the adapter contract
//   <dir>/tokenizer.json               TextTokenizer.toJSON() of the tokenizer it was trained with
//   <dir>/teacher.json                 optional adapter options: { id, maxTextLength, frames, imageSize,
//                                      output, inputNames, tokenDtype }
import type * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AdapterOptions } from '../adapters/adapter-contract.js';
import { createTfjsModelTeacher } from '../adapters/tfjs-model-teacher.js';
import type { PredictingModel, TfjsModelTeacherOptions } from '../adapters/tfjs-model-teacher.js';
import { AdapterError } from '../errors.js';
import type { ImageQATeacher } from '../image-qa-teacher.js';
import { TextTokenizer } from '../text/text-tokenizer.js';
import type { TextTokenizerJSON } from '../text/text-tokenizer.js';
import { fileModelLoadHandler } from './tfjs-model-files.js';

/** Options of `loadTfjsModelTeacher`: the loader, plus any adapter option (overriding teacher.json). */
export type LoadTfjsModelTeacherOptions = Partial<Omit<TfjsModelTeacherOptions, 'model'>> & {
  /** `tf.loadLayersModel` or `tf.loadGraphModel` (injected: this package depends on tfjs-core only). */
  readonly loadModel: (handler: tf.io.IOHandler) => Promise<PredictingModel>;
};

async function readJson<X>(file: string): Promise<X | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as X;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AdapterError('loadTfjsModelTeacher', `cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * A teacher from a model folder. Throws AdapterError when the folder lacks a tokenizer or the options
 * needed (`maxTextLength`, `frames`).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * const teacher = await loadTfjsModelTeacher('models/my-vqa', { loadModel: tf.loadLayersModel });
 */
export async function loadTfjsModelTeacher(dir: string, options: LoadTfjsModelTeacherOptions): Promise<ImageQATeacher & { dispose(): void }> {
  const sidecar = (await readJson<Partial<TfjsModelTeacherOptions>>(path.join(dir, 'teacher.json'))) ?? {};
  const tokenizerJson = await readJson<TextTokenizerJSON>(path.join(dir, 'tokenizer.json'));
  const tokenizer = options.tokenizer ?? (tokenizerJson ? TextTokenizer.fromJSON(tokenizerJson) : undefined);
  if (!tokenizer) throw new AdapterError('loadTfjsModelTeacher', `${dir} has no tokenizer.json and no tokenizer was given`);
  const { loadModel, ...overrides } = options;
  const merged: Partial<AdapterOptions> & Partial<TfjsModelTeacherOptions> = { id: `tfjs:${path.basename(path.resolve(dir))}`, ...sidecar, ...overrides, tokenizer };
  if (!merged.maxTextLength || !merged.frames) {
    throw new AdapterError('loadTfjsModelTeacher', `${dir}: maxTextLength and frames must be given (options or teacher.json)`);
  }
  let model: PredictingModel;
  try {
    model = await loadModel(fileModelLoadHandler(dir));
  } catch (error) {
    throw new AdapterError('loadTfjsModelTeacher', `loading the model in ${dir} failed: ${(error as Error).message}`, { cause: error });
  }
  return createTfjsModelTeacher({ ...(merged as TfjsModelTeacherOptions), model });
}
