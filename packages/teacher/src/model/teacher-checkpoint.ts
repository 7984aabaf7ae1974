// Checkpoint bytes of the built-in teacher: msgpack (msgpackr, moreTypes) of
// { format: 'sparc-vqa/tiny-albef', version: 1, config, tokenizer, weights: [{ name, shape, data: Float32Array }] }.
import { Packr } from 'msgpackr';
import { ConfigError } from '../errors.js';
import type { TextTokenizerJSON } from '../text/text-tokenizer.js';
import type { NamedWeight } from './param-set.js';
import type { TinyAlbefConfig } from './tiny-albef-config.js';

const FORMAT = 'sparc-vqa/tiny-albef';
const packr = new Packr({ moreTypes: true, useRecords: false, mapsAsObjects: true });

/** What a checkpoint holds. */
export interface TeacherCheckpoint {
  readonly config: TinyAlbefConfig;
  readonly tokenizer: TextTokenizerJSON;
  readonly weights: readonly NamedWeight[];
}

/** Encodes a checkpoint. */
export function encodeTeacherCheckpoint(checkpoint: TeacherCheckpoint): Uint8Array {
  return packr.pack({
    format: FORMAT,
    version: 1,
    config: { ...checkpoint.config },
    tokenizer: checkpoint.tokenizer,
    weights: checkpoint.weights.map((w) => ({ name: w.name, shape: [...w.shape], data: w.data })),
  });
}

/** Decodes checkpoint bytes; throws ConfigError when they are not a tiny-albef checkpoint. */
export function decodeTeacherCheckpoint(bytes: Uint8Array): TeacherCheckpoint {
  let value: Record<string, unknown>;
  try {
    value = packr.unpack(bytes) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError('decodeTeacherCheckpoint', 'bytes', `${bytes.length} bytes`, 'must be a msgpack checkpoint', { cause: error });
  }
  if (value?.['format'] !== FORMAT || value['version'] !== 1) {
    throw new ConfigError('decodeTeacherCheckpoint', 'format', value?.['format'], `must be '${FORMAT}' version 1`);
  }
  const weights = value['weights'] as NamedWeight[];
  if (!Array.isArray(weights) || weights.some((w) => !(w.data instanceof Float32Array) || w.data.length !== w.shape.reduce((a, b) => a * b, 1))) {
    throw new ConfigError('decodeTeacherCheckpoint', 'weights', 'malformed', 'must be [{ name, shape, data: Float32Array }]');
  }
  return { config: value['config'] as TinyAlbefConfig, tokenizer: value['tokenizer'] as TextTokenizerJSON, weights };
}
