/// <reference types="node" />
// A single-writer lock next to the store: `<store>.lock` holding {pid, hostname}. Created atomically
// (write a temp file, hard-link it into place), so a lock file always has content. A lock whose
// process is gone (a writer killed with SIGKILL) is stale and is taken over.
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import process from 'node:process';
import { StoreStateError } from '../errors.js';

interface LockInfo {
  readonly pid: number;
  readonly hostname: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // Only "no such process" proves the holder is gone. EPERM (another user's process) and Deno's
    // NotCapable (no --allow-run permission to signal) say nothing, so the lock is treated as held.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Takes the writer lock of `storePath`; returns its release function. Throws StoreStateError if a live process holds it. */
export async function acquireStoreLock(storePath: string): Promise<() => Promise<void>> {
  const lockPath = `${storePath}.lock`;
  const tmp = `${lockPath}.${process.pid}.tmp`;
  const me: LockInfo = { pid: process.pid, hostname: hostname() };
  await writeFile(tmp, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(tmp, lockPath);
        return async () => {
          await rm(lockPath, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let holder: LockInfo | null = null;
      try {
        holder = JSON.parse(await readFile(lockPath, 'utf8')) as LockInfo;
      } catch {
        holder = null; // vanished or unreadable: retry
      }
      if (holder && (holder.hostname !== me.hostname || isAlive(holder.pid))) {
        throw new StoreStateError(
          storePath,
          `is locked by process ${holder.pid} on ${holder.hostname} (${lockPath}); if no writer is running, delete the lock file`,
        );
      }
      if (holder) await rm(lockPath, { force: true }); // stale: its process is gone
    }
    throw new StoreStateError(storePath, `could not take the writer lock ${lockPath}`);
  } finally {
    await rm(tmp, { force: true });
  }
}
