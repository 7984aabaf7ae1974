// Loads a teacher store into memory as a TeacherLookup for training (the store of NExT-QA's 34k training
// questions x 16 frames x 5 candidates is 11 MB of float32), checking it belongs to this dataset's shape.
import type { TeacherStore } from '@sparc-vqa/teacher';
import type { TeacherLookup } from './teacher-lookup.js';

/** A teacher store whose frame or candidate count does not match the dataset. */
export class TeacherStoreMismatchError extends Error {
  override readonly name = 'TeacherStoreMismatchError';
  constructor(readonly file: string, readonly field: string, readonly expected: unknown, readonly actual: unknown) {
    super(`${file}: header ${field} is ${JSON.stringify(actual)}, but the dataset needs ${JSON.stringify(expected)}`);
  }
}

/** Every record of an open store, keyed by sample key. */
export async function storeToLookup(store: TeacherStore, frames: number, candidates: number): Promise<TeacherLookup & { readonly size: number }> {
  if (store.header.candidates !== candidates) throw new TeacherStoreMismatchError(store.location, 'candidates', candidates, store.header.candidates);
  if (store.header.framesPerVideo !== frames) throw new TeacherStoreMismatchError(store.location, 'framesPerVideo', frames, store.header.framesPerVideo);
  const rows = new Map<string, Float32Array>();
  for await (const record of store.entries()) rows.set(record.key, record.probs);
  return { size: rows.size, get: (key) => rows.get(key) };
}

/** Opens a store file read-only and loads it. */
export async function loadTeacherLookup(file: string, frames: number, candidates: number, expectDataset?: string, expectSplit?: string): Promise<TeacherLookup & { readonly size: number }> {
  const { openTeacherStore } = await import('@sparc-vqa/teacher/fs');
  const store = await openTeacherStore(file, { readonly: true });
  try {
    if (expectDataset !== undefined && store.header.dataset !== expectDataset) {
      throw new TeacherStoreMismatchError(file, 'dataset', expectDataset, store.header.dataset);
    }
    if (expectSplit !== undefined && store.header.split !== expectSplit) throw new TeacherStoreMismatchError(file, 'split', expectSplit, store.header.split);
    return await storeToLookup(store, frames, candidates);
  } finally {
    await store.close();
  }
}
