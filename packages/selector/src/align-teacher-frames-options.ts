// Options of alignTeacherFrames and alignTeacherProbs (paper A.3: the first frame of each clip by default).
import { checkKnownKeys, checkOneOf, checkOptionsObject, configError } from './validate.js';

/**
 * Which frame number stands for a feature clip [start, end):
 * - `'first'` (default, paper A.3): `start`;
 * - `'middle'`: `start + floor((end - start - 1) / 2)`;
 * - `'last'`: `end - 1`;
 * - an array with one frame number per clip (each inside its clip): a per-clip choice.
 */
export type ClipRepresentative = 'first' | 'middle' | 'last' | readonly number[];

/** What to do with a clip that contains no teacher frame. */
export type MissingClipPolicy = 'invalid' | 'nearest';

/** Options of `alignTeacherFrames`. */
export interface AlignTeacherFramesOptions {
  /** The frame that stands for each clip (default `'first'`, paper A.3). */
  readonly representative?: ClipRepresentative;
  /**
   * A clip with no teacher frame inside it: `'invalid'` (default: no teacher knowledge, valid = false) or
   * `'nearest'` (borrow the teacher frame nearest to the clip's representative frame, earlier on ties).
   */
  readonly missing?: MissingClipPolicy;
}

/** Resolved, frozen options of `alignTeacherFrames`. */
export interface AlignTeacherFramesConfig {
  readonly representative: ClipRepresentative;
  readonly missing: MissingClipPolicy;
}

/**
 * Defaults of `alignTeacherFrames`: each clip is represented by its first frame (paper A.3), and a clip
 * without a teacher frame is marked invalid.
 *
 * @example
 * ```ts
 * ALIGN_TEACHER_FRAMES_DEFAULTS.representative; // 'first'
 * ```
 */
export const ALIGN_TEACHER_FRAMES_DEFAULTS: AlignTeacherFramesConfig = Object.freeze({
  representative: 'first',
  missing: 'invalid',
});

const KNOWN = Object.freeze(['representative', 'missing']);
const NAMED_REPRESENTATIVES = Object.freeze(['first', 'middle', 'last'] as const);

/** @internal Resolver that names `fn` in its messages (per-clip array lengths are checked later). */
export function resolveAlignTeacherFramesConfig(fn: string, partial: unknown): AlignTeacherFramesConfig {
  checkOptionsObject(fn, partial);
  checkKnownKeys(fn, partial, KNOWN);
  const p = partial as AlignTeacherFramesOptions;
  const representative = p.representative ?? ALIGN_TEACHER_FRAMES_DEFAULTS.representative;
  const missing = p.missing ?? ALIGN_TEACHER_FRAMES_DEFAULTS.missing;
  if (Array.isArray(representative)) {
    for (const [j, frame] of representative.entries()) {
      if (typeof frame !== 'number' || !Number.isInteger(frame) || frame < 0) {
        throw configError(fn, `representative[${j}]`, frame, 'an integer frame number >= 0');
      }
    }
  } else {
    checkOneOf(fn, 'representative', representative, NAMED_REPRESENTATIVES);
  }
  checkOneOf(fn, 'missing', missing, ['invalid', 'nearest'] as const);
  const frozen = Array.isArray(representative) ? Object.freeze([...(representative as readonly number[])]) : representative;
  return Object.freeze({ representative: frozen, missing });
}

/**
 * Fills in the defaults of `alignTeacherFrames` options and validates them. Returns a new frozen object
 * (a per-clip array is copied); the argument is not modified. Throws `ConfigError` for an unknown
 * representative or missing policy, a per-clip frame that is not an integer >= 0, or an unknown option.
 *
 * @example
 * ```ts
 * resolveAlignTeacherFramesOptions({ missing: 'nearest' }); // { representative: 'first', missing: 'nearest' }
 * ```
 */
export function resolveAlignTeacherFramesOptions(partial: AlignTeacherFramesOptions = {}): AlignTeacherFramesConfig {
  return resolveAlignTeacherFramesConfig('resolveAlignTeacherFramesOptions', partial);
}
