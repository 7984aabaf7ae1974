// The teacher probabilities a training step needs, looked up per sample key (`<video>_<qid>`).

/** Any source of per-frame teacher probabilities: a TeacherStore, an in-memory map, a test double. */
export interface TeacherLookup {
  /** [T, C] row-major probabilities of sample `key`, or undefined when the teacher has no entry. */
  get(key: string): Float32Array | undefined;
}

/** What to do with a batch sample the teacher has no entry for. */
export type MissingTeacherPolicy = 'error' | 'zero-weight';

/** A sample of the batch has no teacher entry and the policy is 'error'. */
export class MissingTeacherError extends Error {
  override readonly name = 'MissingTeacherError';
  constructor(readonly key: string, readonly missing: number) {
    super(`the teacher store has no entry for sample '${key}' (${missing} sample(s) of this batch missing); extract them first or pass --missing-teacher zero-weight`);
  }
}

/** Teacher rows of a batch: [B, T, C] probabilities and [B] availability (1 = present). */
export interface BatchTeacherProbs {
  readonly probs: Float32Array;
  readonly available: Float32Array;
  readonly missing: number;
}

/**
 * Gathers the teacher rows of `keys`. A missing row is an error under 'error'; under 'zero-weight' it is
 * filled with the uniform distribution and marked unavailable, so the losses give it weight 0.
 * @throws MissingTeacherError, or Error when a row has the wrong size
 */
export function lookupTeacherProbs(teacher: TeacherLookup, keys: readonly string[], frames: number, candidates: number, policy: MissingTeacherPolicy): BatchTeacherProbs {
  const per = frames * candidates;
  const probs = new Float32Array(keys.length * per);
  const available = new Float32Array(keys.length);
  const rows = keys.map((key) => teacher.get(key));
  const missing = rows.filter((row) => row === undefined).length;
  if (missing > 0 && policy === 'error') throw new MissingTeacherError(keys[rows.indexOf(undefined)]!, missing);
  keys.forEach((key, i) => {
    const row = rows[i];
    if (row === undefined) {
      probs.fill(1 / candidates, i * per, (i + 1) * per);
      return;
    }
    if (row.length !== per) throw new Error(`teacher entry '${key}' has ${row.length} values, expected [${frames}, ${candidates}] = ${per}`);
    probs.set(row, i * per);
    available[i] = 1;
  });
  return { probs, available, missing };
}
