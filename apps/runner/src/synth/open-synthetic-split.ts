// Opens every file of one split of a synthetic dataset with cross-file checks: what the training engine
// and the teacher read.
import { DataError } from '../data/data-error.js';
import { readNextQACsv, type NextQAAnnotations } from '../data/nextqa/read-nextqa-csv.js';
import { checkVideoCoverage } from '../data/hdf5/check-video-coverage.js';
import { openHGAVideoFeatures, type HGAVideoFeatures } from '../data/hdf5/hga-video-features.js';
import { openQATokenFeatures, type QATokenFeatures } from '../data/hdf5/qa-token-features.js';
import { openTeacherFrames, type TeacherFrames } from '../data/hdf5/teacher-frames.js';
import { readGroundTruth, type GroundTruthFile } from './ground-truth.js';
import { syntheticSplitFiles, type SyntheticSplitFiles } from './synth-layout.js';

/** The open files of one split; call `close()` when done. */
export interface SyntheticSplit {
  readonly files: SyntheticSplitFiles;
  readonly annotations: NextQAAnnotations;
  readonly video: HGAVideoFeatures;
  readonly qa: QATokenFeatures;
  readonly teacher: TeacherFrames;
  readonly groundTruth: GroundTruthFile;
  close(): void;
}

/**
 * Opens `<dir>/{split}.csv`, its HGA, QA-token and teacher-frame files and its ground truth, and checks
 * that they agree: QA rows = CSV rows, every CSV video in both id lists, teacher frames = clips, every
 * CSV key in the ground truth.
 * @throws DataError naming the disagreeing file
 */
export async function openSyntheticSplit(dir: string, split: string): Promise<SyntheticSplit> {
  const files = syntheticSplitFiles(dir, split);
  const annotations = readNextQACsv(files.annotations);
  const groundTruth = readGroundTruth(files.groundTruth);
  const opened: Array<{ close(): void }> = [];
  try {
    const video = await openHGAVideoFeatures(files.video);
    opened.push(video);
    const qa = await openQATokenFeatures(files.qa, { questions: annotations.rows.length });
    opened.push(qa);
    const teacher = await openTeacherFrames(files.teacher, { frames: video.clips });
    opened.push(teacher);
    checkVideoCoverage(annotations.file, annotations.rows, [video, teacher]);
    const missing = annotations.rows.find((r) => groundTruth.questions[r.key] === undefined);
    if (missing !== undefined) throw new DataError(files.groundTruth, { key: missing.key }, `an entry for every question of ${annotations.file}`, 'none');
    return { files, annotations, video, qa, teacher, groundTruth, close: () => opened.forEach((f) => f.close()) };
  } catch (error) {
    opened.forEach((f) => f.close());
    throw error;
  }
}
