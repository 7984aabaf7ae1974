/// <reference types="node" />
// Saving and loading the built-in teacher as one checkpoint file (atomic write).
import { readFile } from 'node:fs/promises';
import { loadTinyAlbef } from '../model/tiny-albef.js';
import type { TinyAlbefTeacher } from '../model/tiny-albef.js';
import { writeFileAtomic } from './atomic-write.js';

/** Writes `teacher.serialize()` to `file` atomically (temp file, fsync, rename). */
export async function saveTinyAlbefFile(file: string, teacher: TinyAlbefTeacher): Promise<void> {
  await writeFileAtomic(file, [await teacher.serialize()]);
}

/** Reads a checkpoint written by `saveTinyAlbefFile`. */
export async function loadTinyAlbefFile(file: string): Promise<TinyAlbefTeacher> {
  return loadTinyAlbef(new Uint8Array(await readFile(file)));
}
