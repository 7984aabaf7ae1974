/// <reference types="node" />
// A StoreMedium over a file handle: positioned reads and writes, truncate, fsync.
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { StoreMedium } from '../store/append-only-teacher-store.js';

export class FileMedium implements StoreMedium {
  private constructor(
    readonly location: string,
    private readonly handle: FileHandle,
    private length: number,
    private readonly onClose: () => Promise<void>,
  ) {}

  static async open(path: string, writable: boolean, onClose: () => Promise<void> = async () => {}): Promise<FileMedium> {
    const handle = await open(path, writable ? 'r+' : 'r');
    try {
      return new FileMedium(path, handle, (await handle.stat()).size, onClose);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get size(): number {
    return this.length;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.length - offset));
    const out = new Uint8Array(n);
    let done = 0;
    while (done < n) {
      const { bytesRead } = await this.handle.read(out, done, n - done, offset + done);
      if (bytesRead === 0) return out.subarray(0, done);
      done += bytesRead;
    }
    return out;
  }

  async write(offset: number, bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, offset + done);
      done += bytesWritten;
    }
    this.length = Math.max(this.length, offset + bytes.length);
  }

  async truncate(length: number): Promise<void> {
    await this.handle.truncate(length);
    this.length = length;
  }

  async sync(): Promise<void> {
    await this.handle.sync();
  }

  async close(): Promise<void> {
    try {
      await this.handle.close();
    } finally {
      await this.onClose();
    }
  }
}
