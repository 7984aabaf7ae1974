// `sparc teacher extract`: scores every question of a split with the teacher and writes the per-frame
// probabilities to a store (paper 3.1). Resumable: rerunning skips the keys the store already holds.
import type { ImageQATeacher } from '@sparc-vqa/teacher';
import { extractTeacher, parseShard, type ExtractionSummary } from '@sparc-vqa/teacher';
import type { CliIO } from '../commands/command-context.js';
import { createProgressBar } from '../progress/progress-bar.js';
import { datasetId } from './dataset-id.js';
import { readTeacherInputs } from './teacher-inputs.js';

/** Options of {@link extractTeacherRun}. */
export interface ExtractTeacherRunOptions {
  readonly teacher: ImageQATeacher;
  readonly dataset: string;
  readonly split: string;
  readonly store: string;
  /** `i/n`: only this shard's keys (merge the shard stores with `sparc teacher merge`). */
  readonly shard?: string;
  readonly io: CliIO;
}

/** Extracts (or finishes extracting) one split into a store file. */
export async function extractTeacherRun(options: ExtractTeacherRunOptions): Promise<ExtractionSummary> {
  const { openTeacherStore } = await import('@sparc-vqa/teacher/fs');
  const inputs = await readTeacherInputs(options.dataset, options.split);
  const shard = options.shard === undefined ? null : parseShard(options.shard);
  const store = await openTeacherStore(options.store, {
    create: {
      teacherId: options.teacher.id,
      dataset: datasetId(options.dataset),
      split: options.split,
      candidates: inputs.rows[0]?.candidates.length ?? 5,
      framesPerVideo: inputs.frames,
      frameIndices: inputs.frameIndices,
      shard,
    },
  });
  try {
    const before = store.stats().records;
    const bar = createProgressBar(options.io, `teacher extract ${options.split}`, inputs.rows.length, { unit: 'q', startAt: before });
    const samples = inputs.rows.map((row) => ({
      key: row.key,
      question: row.question,
      candidates: row.candidates,
      frames: { data: inputs.framesOf(row), shape: [inputs.frames, inputs.dim] },
      frameIndices: inputs.frameIndicesOf(row),
    }));
    const summary = await extractTeacher(
      { teacher: options.teacher, samples, store },
      { total: samples.length, ...(shard ? { shard } : {}), onProgress: (p) => bar.update(p.done, `${p.framesPerSecond.toFixed(0)} frames/s`) },
    );
    bar.finish(`${summary.written} written, ${summary.skipped} already there${summary.otherShard ? `, ${summary.otherShard} in other shards` : ''}`);
    return summary;
  } finally {
    await store.close();
  }
}
