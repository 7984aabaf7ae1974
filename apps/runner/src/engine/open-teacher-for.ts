// The teacher a run config names: a teacher store file (`sparc teacher extract`), or the synthetic
// benchmark's ground truth as an oracle teacher (`--teacher ground-truth`).
import path from 'node:path';
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { readGroundTruth } from '../synth/ground-truth.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import { datasetId } from '../teacher/dataset-id.js';
import { groundTruthTeacher } from './ground-truth-teacher.js';
import { loadTeacherLookup } from './load-teacher-lookup.js';
import { openQADataset } from './qa-dataset.js';
import type { TeacherLookup } from './teacher-lookup.js';
import type { TrainConfig } from './train-config.js';

/** `--teacher ground-truth`: the oracle teacher built from a synthetic dataset's ground truth. */
export const GROUND_TRUTH_TEACHER = 'ground-truth';

/** Opens the teacher a config names (undefined without guidance). @throws DataError, TeacherStoreError */
export async function openTeacherFor(config: Readonly<TrainConfig>): Promise<TeacherLookup | undefined> {
  if (!(config.temporal || config.spatial) || config.teacher === null) return undefined;
  // The teacher scores the dataset's time steps (`clips`), whichever backbone trains.
  const data = await openQADataset(config.dataset, config.trainSplit, { backbone: config.backbone, preload: false });
  try {
    if (config.teacher === GROUND_TRUTH_TEACHER) {
      const files = syntheticSplitFiles(config.dataset, config.trainSplit);
      const rows = readNextQACsv(files.annotations).rows;
      return groundTruthTeacher(readGroundTruth(files.groundTruth), new Map(rows.map((r) => [r.key, r.answer])), data.clips, data.candidates);
    }
    return await loadTeacherLookup(path.resolve(config.teacher), data.clips, data.candidates, datasetId(config.dataset), config.trainSplit);
  } finally {
    data.close();
  }
}
