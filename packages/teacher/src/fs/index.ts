// @sparc-vqa/teacher/fs: the Node parts (node:fs). Works under Node and Deno.
export { openTeacherStore } from './open-teacher-store.js';
export type { OpenTeacherStoreOptions } from './open-teacher-store.js';
export { mergeTeacherStores } from './merge-teacher-stores.js';
export type { MergeSummary, MergeTeacherStoresOptions } from './merge-teacher-stores.js';
export { loadTinyAlbefFile, saveTinyAlbefFile } from './teacher-file.js';
export { loadTfjsModelTeacher } from './load-tfjs-model-teacher.js';
export type { LoadTfjsModelTeacherOptions } from './load-tfjs-model-teacher.js';
export { fileModelLoadHandler, fileModelSaveHandler } from './tfjs-model-files.js';
