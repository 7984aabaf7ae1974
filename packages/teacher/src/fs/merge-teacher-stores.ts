/// <reference types="node" />
// Merges shard files (`sparc teacher extract --shard i/n`) into one store, atomically.
import { access } from 'node:fs/promises';
import { DuplicateKeyError, StoreMismatchError, StoreStateError } from '../errors.js';
import type { StoreProblem } from '../store/scan-store.js';
import { encodeHeaderFrame, encodeRecordFrame } from '../store/store-format.js';
import { COMPARED_HEADER_FIELDS, resolveStoreHeader } from '../store/store-header.js';
import type { TeacherStore } from '../store/teacher-store.js';
import { writeFileAtomic } from './atomic-write.js';
import { acquireStoreLock } from './file-lock.js';
import { openTeacherStore } from './open-teacher-store.js';

/** Options of `mergeTeacherStores`. */
export interface MergeTeacherStoresOptions {
  /** Replace `output` if it exists (default false: StoreStateError). */
  readonly overwrite?: boolean;
  /** ISO timestamp for the merged header (default now). */
  readonly createdAt?: string;
  /** Called after each record is copied. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What `mergeTeacherStores` did. */
export interface MergeSummary {
  readonly records: number;
  /** Per input: live records and damaged regions found (damaged records are not copied). */
  readonly inputs: ReadonlyArray<{ readonly path: string; readonly records: number; readonly problems: readonly StoreProblem[] }>;
  /** Shard indices of the declared shard count that were not among the inputs. */
  readonly missingShards: readonly number[];
}

/**
 * Merges `inputs` into a new store at `output`: headers must agree on every compared field except
 * `shard`; shard headers must share one count with distinct indices; a key in two inputs is a
 * DuplicateKeyError. All checks run before anything is written; the output appears atomically
 * (temp file + rename), with `shard: null`, records in input order then file order.
 */
export async function mergeTeacherStores(inputs: readonly string[], output: string, options: MergeTeacherStoresOptions = {}): Promise<MergeSummary> {
  if (inputs.length === 0) throw new StoreStateError(output, 'mergeTeacherStores needs at least one input');
  if (!options.overwrite) {
    const present = await access(output).then(() => true, () => false);
    if (present) throw new StoreStateError(output, 'merge output exists (pass { overwrite: true } to replace it)');
  }
  const stores: TeacherStore[] = [];
  try {
    for (const path of inputs) stores.push(await openTeacherStore(path, { readonly: true }));
    const first = stores[0]!;
    for (const store of stores.slice(1)) {
      for (const field of COMPARED_HEADER_FIELDS) {
        if (field === 'shard') continue;
        if (JSON.stringify(store.header[field]) !== JSON.stringify(first.header[field])) {
          throw new StoreMismatchError(store.location, field, first.header[field], store.header[field]);
        }
      }
    }
    const shards = stores.map((s) => s.header.shard);
    let missingShards: number[] = [];
    if (shards.some((s) => s !== null)) {
      const count = shards.find((s) => s !== null)!.count;
      const seen = new Set<number>();
      stores.forEach((store, i) => {
        const shard = shards[i] ?? null;
        if (shard === null || shard.count !== count || seen.has(shard.index)) {
          throw new StoreMismatchError(store.location, 'shard', `a distinct shard i/${count}`, shard);
        }
        seen.add(shard.index);
      });
      missingShards = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
    }
    const owner = new Map<string, string>();
    for (const store of stores) {
      for (const key of store.keys()) {
        const other = owner.get(key);
        if (other !== undefined) throw new DuplicateKeyError(store.location, key, `is also in ${other}; shards must be disjoint`);
        owner.set(key, store.location);
      }
    }
    const total = owner.size;
    const header = resolveStoreHeader({ ...first.header, shard: null }, options.createdAt ?? new Date().toISOString());
    const release = await acquireStoreLock(output);
    try {
      let done = 0;
      await writeFileAtomic(output, (async function* () {
        yield encodeHeaderFrame(header);
        for (const store of stores) {
          for await (const record of store.entries()) {
            yield encodeRecordFrame(record);
            options.onProgress?.(++done, total);
          }
        }
      })());
    } finally {
      await release();
    }
    return {
      records: total,
      inputs: stores.map((s) => ({ path: s.location, records: s.size, problems: s.problems })),
      missingShards,
    };
  } finally {
    for (const store of stores) await store.close();
  }
}
