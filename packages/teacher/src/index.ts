// @sparc-vqa/teacher: the image-QA teacher M_I of SpARC (paper 3.1, A.1, A.3, A.4, A.6), its
// fine-tuning, batched resumable extraction, and the crash-safe per-frame probability store.
// Only what is exported here is public. Node-only parts live in '@sparc-vqa/teacher/fs'; the ONNX
// adapter in '@sparc-vqa/teacher/onnx'; the fake teacher for tests in '@sparc-vqa/teacher/testing'.

// The teacher contract
export type { ImageQATeacher, Rng, TeacherExample, TeacherFrames, TeacherQuery } from './image-qa-teacher.js';
export { evaluateTeacher } from './evaluate-teacher.js';
export type { TeacherEvaluation } from './evaluate-teacher.js';

// The built-in teacher (tiny, ALBEF-shaped) and its training
export { TinyAlbefTeacher, createTinyAlbef, loadTinyAlbef } from './model/tiny-albef.js';
export { TINY_ALBEF_DEFAULTS, resolveTinyAlbefConfig } from './model/tiny-albef-config.js';
export type { TinyAlbefConfig } from './model/tiny-albef-config.js';
export { FINE_TUNE_DEFAULTS, FIT_DEFAULTS, resolveTrainTeacherConfig } from './model/train-teacher.js';
export type { TrainEpochResult, TrainHistory, TrainStepProgress, TrainTeacherConfig, TrainTeacherOptions } from './model/train-teacher.js';
export { AdamW } from './model/adamw.js';
export type { AdamWConfig } from './model/adamw.js';
export type { NamedWeight } from './model/param-set.js';
export { SPECIAL_TOKENS, TextTokenizer, splitWords } from './text/text-tokenizer.js';
export type { EncodedPair, TextTokenizerJSON } from './text/text-tokenizer.js';

// Adapters for models trained elsewhere (a tfjs model here; ONNX in './onnx'; loading from a folder in './fs')
export { createTfjsModelTeacher } from './adapters/tfjs-model-teacher.js';
export type { PredictingModel, TfjsModelTeacherOptions } from './adapters/tfjs-model-teacher.js';
export type { AdapterOptions } from './adapters/adapter-contract.js';

// Extraction
export { extractTeacher } from './extract/extract-teacher.js';
export type { ExtractTeacherOptions, ExtractionProgress, ExtractionSummary, FrameArray, FrameSource, TeacherSample } from './extract/extract-teacher.js';

// The store
export type { PutOptions, TeacherRecord, TeacherRecordInput, TeacherStore, TeacherStoreStats } from './store/teacher-store.js';
export { createMemoryTeacherStore, openMemoryTeacherStore } from './store/memory-teacher-store.js';
export type { MemoryTeacherStore } from './store/memory-teacher-store.js';
export { readTeacherBatch } from './store/read-teacher-batch.js';
export type { TeacherBatch } from './store/read-teacher-batch.js';
export type { OpenStoreOptions } from './store/append-only-teacher-store.js';
export { COMPARED_HEADER_FIELDS, STORE_FORMAT_NAME, STORE_FORMAT_VERSION, resolveStoreHeader } from './store/store-header.js';
export type { TeacherStoreHeader, TeacherStoreHeaderInit } from './store/store-header.js';
export { scanStore } from './store/scan-store.js';
export type { ByteSource, ScannedRecord, StoreProblem, StoreScan } from './store/scan-store.js';

// Sharding and utilities
export { parseShard, shardOf } from './shard-of.js';
export type { ShardSpec } from './shard-of.js';
export { crc32 } from './crc32.js';

// Errors
export {
  AdapterError,
  CacheMissError,
  ConfigError,
  DuplicateKeyError,
  InvalidValueError,
  ShapeError,
  StoreCorruptionError,
  StoreMismatchError,
  StoreStateError,
  TeacherError,
} from './errors.js';
