// Temporary folders for tests, removed by the returned cleanup.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Creates a fresh folder under the OS temp dir; `remove()` deletes it with its contents. */
export function makeTempDir(prefix = 'sparc-data-'): { readonly dir: string; readonly remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
