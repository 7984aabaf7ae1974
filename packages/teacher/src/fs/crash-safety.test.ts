/// <reference types="node" />
// Kills a real writer process (SIGKILL) at seeded random moments, many times, and checks after each
// kill that every acknowledged record is intact, nothing wrong is ever returned, a torn tail is
// reported and truncated, and the next writer continues appending (shared/SPEC.md 2, issue 4).
import { mulberry32, testBackend } from '@sparc-vqa/testing';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProbs } from '../test-utils.js';
import { CRASH_HEADER, crashKey } from './__fixtures__/crash-writer.js';
import { openTeacherStore } from './open-teacher-store.js';

const WRITER = fileURLToPath(new URL('./__fixtures__/crash-writer.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const KILLS = 30;
const MAX_RECORDS = 100_000;

interface WriterRun {
  readonly acked: string[];
  readonly exit: string;
}

/**
 * The writer's command line. The TypeScript writer is bundled once with esbuild (tsx's own compiler) so
 * each of the many child processes starts in ~0.1 s instead of ~0.8 s under `node --import tsx`;
 * without esbuild it falls back to tsx.
 */
let writerArgs: string[] = ['--import', 'tsx', WRITER];

/** Starts a writer; once it is ready, waits `delayMs` (or forever when null) and SIGKILLs it. */
function runWriter(store: string, chunkBytes: number, maxRecords: number, delayMs: number | null): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...writerArgs, store, String(maxRecords), String(chunkBytes), '8'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(line.slice(4));
        else if (line.startsWith('ready') && delayMs !== null) setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`writer exited with ${code}: ${stderr}`));
      else resolve({ acked, exit: signal ?? String(code) });
    });
  });
}

describe.runIf(testBackend() === 'cpu')('crash safety: SIGKILL a real writer at random points', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'teacher-crash-'));
    try {
      const spec = 'esbuild';
      const esbuild = (await import(spec)) as { build(options: Record<string, unknown>): Promise<unknown> };
      const outfile = path.join(dir, 'crash-writer.mjs');
      await esbuild.build({ entryPoints: [WRITER], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error' });
      writerArgs = [outfile];
    } catch {
      // keep tsx
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(`survives ${KILLS} kills: acknowledged records intact, torn tails dropped, appending continues`, async () => {
    const file = path.join(dir, 'crash.sptk');
    const rng = mulberry32(20261124);
    const ackedAll = new Set<string>();
    let tornTails = 0;
    let previous = 0;
    for (let round = 0; round < KILLS; round++) {
      // Two rounds in three split each record into 16-byte writes so kills land inside records (torn
      // writes); the third writes whole records, as in production.
      const chunk = round % 3 === 2 ? 0 : 16;
      const run = await runWriter(file, chunk, MAX_RECORDS, Math.floor(5 + rng() * 100));
      expect(run.exit).toBe('SIGKILL');
      run.acked.forEach((k) => ackedAll.add(k));
      const store = await openTeacherStore(file, { create: CRASH_HEADER });
      expect(store.problems.every((p) => p.kind === 'torn-tail'), JSON.stringify(store.problems)).toBe(true);
      tornTails += store.problems.length;
      const keys = [...store.keys()];
      // Writers append keys in sequence order, so the intact records are exactly a prefix of it.
      expect(keys).toEqual(Array.from({ length: keys.length }, (_, i) => crashKey(i)));
      for (const key of ackedAll) expect(store.has(key), `acknowledged ${key} lost in round ${round}`).toBe(true);
      // Every record reads back exactly: the ones new in this round, and all of them every 10th round.
      for (const key of keys.slice(round % 10 === 9 ? 0 : previous)) expect((await store.get(key)).probs).toEqual(demoProbs(key, 16, 5));
      expect(keys.length).toBeGreaterThanOrEqual(previous);
      previous = keys.length;
      await store.close();
    }
    // A final writer runs to completion after all those crashes: the store is whole and clean.
    const final = await runWriter(file, 0, previous + 50, null);
    expect(final.exit).toBe('0');
    const store = await openTeacherStore(file, { readonly: true });
    expect(store.problems).toEqual([]);
    expect(store.size).toBe(previous + 50);
    await store.close();
    // Kills landed inside records often enough to exercise torn-tail recovery.
    expect(tornTails).toBeGreaterThanOrEqual(2);
    console.info(`crash test: ${KILLS} kills, ${previous} records before the final run, ${ackedAll.size} acknowledged, ${tornTails} torn tails recovered`);
  }, 60_000);
});
