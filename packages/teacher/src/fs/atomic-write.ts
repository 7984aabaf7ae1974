/// <reference types="node" />
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';

/** fsyncs a directory so a rename inside it is durable (best effort where directories cannot be opened). */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows and some file systems cannot fsync a directory.
  }
}

/**
 * Writes `chunks` to `target` atomically: a temp file in the same directory, fsync, rename, fsync of
 * the directory. A crash leaves either the old file (or none) or the complete new one.
 */
export async function writeFileAtomic(target: string, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<void> {
  const tmp = `${target}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    for await (const chunk of chunks) {
      let done = 0;
      while (done < chunk.length) done += (await handle.write(chunk, done, chunk.length - done)).bytesWritten;
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(tmp, target);
  await syncDirectory(path.dirname(path.resolve(target)));
}
