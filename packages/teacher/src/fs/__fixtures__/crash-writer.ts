/// <reference types="node" />
// Child process of the crash test (open-teacher-store.crash.test.ts): appends records to a store until
// it is killed, printing `ack <key>` after each put resolves. Resumes where the store ends.
// Usage: node --import tsx crash-writer.ts <store> <maxRecords> <writeChunkBytes|0> <syncEvery>
import process from 'node:process';
import { demoProbs } from '../../test-utils.js';
import { openTeacherStore } from '../open-teacher-store.js';

export const CRASH_HEADER = Object.freeze({ teacherId: 'crash-writer', dataset: 'synthetic', split: 'train', candidates: 5, framesPerVideo: 16 });
export const crashKey = (i: number): string => `video${i}_q${i % 7}`;

async function main(): Promise<void> {
  const [path, max, chunk, syncEvery] = process.argv.slice(2);
  const store = await openTeacherStore(path!, {
    create: CRASH_HEADER,
    syncEvery: Number(syncEvery),
    ...(Number(chunk) > 0 ? { writeChunkBytes: Number(chunk) } : {}),
  });
  process.stdout.write(`ready ${store.size}\n`);
  for (let i = 0; i < Number(max); i++) {
    const key = crashKey(i);
    if (store.has(key)) continue;
    await store.put({ key, probs: demoProbs(key, 16, 5) });
    process.stdout.write(`ack ${key}\n`);
  }
  await store.close();
  process.stdout.write('done\n');
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
