// The teacher store header: what a store holds and for whom. Opening a store with different
// expectations is a StoreMismatchError naming the field.
import { ConfigError, StoreMismatchError } from '../errors.js';
import type { ShardSpec } from '../shard-of.js';
import { resolveShard } from '../shard-of.js';

/** Version of the on-disk format described in the package README. */
export const STORE_FORMAT_VERSION = 1;
/** The `format` string of every header. */
export const STORE_FORMAT_NAME = 'sparc-vqa/teacher-store';

/** What a store is created with (everything else is filled in). */
export interface TeacherStoreHeaderInit {
  /** Teacher identifier, e.g. `ImageQATeacher.id` (`tiny-albef:3f9a01c2`). */
  readonly teacherId: string;
  /** Dataset name, e.g. `nextqa` or `synthetic`. */
  readonly dataset: string;
  /** Split, e.g. `train`. */
  readonly split: string;
  /** C: candidates per question (the probability matrix's columns). */
  readonly candidates: number;
  /** T: frames scored per video (the probability matrix's rows). */
  readonly framesPerVideo: number;
  /**
   * Which frame (or clip) position of each video each row scores, length T (default 0..T-1). For
   * clip features the teacher scores the first frame of each clip (paper A.3); record that here.
   */
  readonly frameIndices?: readonly number[];
  /** Set on shard files written by `extract --shard i/n`; null for a whole store. */
  readonly shard?: ShardSpec | null;
  /** Free-form JSON-able metadata (not compared on open). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** The header as stored (format version 1). */
export interface TeacherStoreHeader {
  readonly format: typeof STORE_FORMAT_NAME;
  readonly formatVersion: number;
  readonly teacherId: string;
  readonly dataset: string;
  readonly split: string;
  readonly candidates: number;
  readonly framesPerVideo: number;
  readonly frameIndices: readonly number[];
  readonly shard: ShardSpec | null;
  /** ISO time of creation (not compared on open). */
  readonly createdAt: string;
  readonly meta: Readonly<Record<string, unknown>>;
}

/** Fields compared when an existing store is opened with expectations, in this order. */
export const COMPARED_HEADER_FIELDS = Object.freeze([
  'teacherId',
  'dataset',
  'split',
  'candidates',
  'framesPerVideo',
  'frameIndices',
  'shard',
] as const);

/** Builds a full, frozen header from `init` (never mutates it). */
export function resolveStoreHeader(init: TeacherStoreHeaderInit, createdAt: string): TeacherStoreHeader {
  const fn = 'resolveStoreHeader';
  for (const field of ['teacherId', 'dataset', 'split'] as const) {
    if (typeof init[field] !== 'string' || init[field].length === 0) throw new ConfigError(fn, field, init[field], 'must be a non-empty string');
  }
  if (!Number.isInteger(init.candidates) || init.candidates < 1) throw new ConfigError(fn, 'candidates', init.candidates, 'must be an integer >= 1');
  if (!Number.isInteger(init.framesPerVideo) || init.framesPerVideo < 1) {
    throw new ConfigError(fn, 'framesPerVideo', init.framesPerVideo, 'must be an integer >= 1');
  }
  const frameIndices = init.frameIndices ? [...init.frameIndices] : Array.from({ length: init.framesPerVideo }, (_, i) => i);
  if (frameIndices.length !== init.framesPerVideo || frameIndices.some((i) => !Number.isInteger(i) || i < 0)) {
    throw new ConfigError(fn, 'frameIndices', init.frameIndices, `must be ${init.framesPerVideo} non-negative integers`);
  }
  return Object.freeze({
    format: STORE_FORMAT_NAME,
    formatVersion: STORE_FORMAT_VERSION,
    teacherId: init.teacherId,
    dataset: init.dataset,
    split: init.split,
    candidates: init.candidates,
    framesPerVideo: init.framesPerVideo,
    frameIndices: Object.freeze(frameIndices),
    shard: init.shard ? resolveShard(fn, init.shard) : null,
    createdAt,
    meta: Object.freeze({ ...(init.meta ?? {}) }),
  });
}

/** Checks a decoded header object; returns the problem or null. */
export function headerProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'header payload is not a map';
  const h = value as Record<string, unknown>;
  if (h['format'] !== STORE_FORMAT_NAME) return `header format is ${JSON.stringify(h['format'])}, expected '${STORE_FORMAT_NAME}'`;
  if (h['formatVersion'] !== STORE_FORMAT_VERSION) return `format version ${JSON.stringify(h['formatVersion'])} is not supported (this reader knows ${STORE_FORMAT_VERSION})`;
  for (const f of ['teacherId', 'dataset', 'split', 'createdAt']) if (typeof h[f] !== 'string') return `header field '${f}' is not a string`;
  for (const f of ['candidates', 'framesPerVideo']) if (!Number.isInteger(h[f]) || (h[f] as number) < 1) return `header field '${f}' is not a positive integer`;
  if (!Array.isArray(h['frameIndices']) || h['frameIndices'].length !== h['framesPerVideo']) return "header field 'frameIndices' does not have framesPerVideo entries";
  return null;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Throws StoreMismatchError for the first compared field where `actual` differs from `expected`.
 * `frameIndices` and `shard` are compared only when `expected` gives them.
 */
export function assertHeaderMatches(file: string, actual: TeacherStoreHeader, expected: TeacherStoreHeaderInit): void {
  for (const field of COMPARED_HEADER_FIELDS) {
    if ((field === 'frameIndices' || field === 'shard') && expected[field] === undefined) continue;
    const want = field === 'shard' && expected.shard ? { index: expected.shard.index, count: expected.shard.count } : expected[field];
    if (!sameValue(actual[field], want)) throw new StoreMismatchError(file, field, want ?? null, actual[field]);
  }
}
