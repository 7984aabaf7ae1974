// Locates the project's shared real-data folder (`shared/data`) for tests, by walking up from here.
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The absolute path of `shared/data` (holding `nextqa/val.csv`), searched in the ancestors of this file
 * and `SPARC_SHARED_DATA`; undefined when absent (tests that need it are skipped then).
 */
export function sharedDataDir(): string | undefined {
  const fromEnv = process.env['SPARC_SHARED_DATA'];
  if (fromEnv !== undefined && existsSync(path.join(fromEnv, 'nextqa', 'val.csv'))) return path.resolve(fromEnv);
  let dir = import.meta.dirname;
  for (;;) {
    const candidate = path.join(dir, 'shared', 'data');
    if (existsSync(path.join(candidate, 'nextqa', 'val.csv'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
