// Writes a file so that readers (and a process killed mid-write) see the old or the new content, never a
// torn one: a temporary file beside it, then a rename.
import fs from 'node:fs';

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}
