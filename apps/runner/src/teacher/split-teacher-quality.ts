// Loads what `teacherFrameQuality` needs for one split of a synthetic dataset (annotations, ground truth,
// the split's teacher store) once, and scores it at any threshold and fallback.
import { readNextQACsv } from '../data/nextqa/read-nextqa-csv.js';
import { loadTeacherLookup } from '../engine/load-teacher-lookup.js';
import { readGroundTruth } from '../synth/ground-truth.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import { datasetId } from './dataset-id.js';
import { teacherFrameQuality, type TeacherFrameQuality } from './teacher-frame-quality.js';

/** Scores a split's teacher store against its ground truth at threshold t with a fallback. */
export type SplitTeacherQuality = (threshold: number, fallback: 'argmax' | 'all' | 'skip') => TeacherFrameQuality;

/**
 * Reads `split`'s CSV and ground truth and loads `store` (checked to hold this dataset and split).
 * @throws DataError, TeacherStoreMismatchError; the scorer throws TeacherQualityInputError for a missing row
 */
export async function loadSplitTeacherQuality(dataset: string, split: string, store: string): Promise<SplitTeacherQuality> {
  const files = syntheticSplitFiles(dataset, split);
  const rows = readNextQACsv(files.annotations).rows;
  const groundTruth = readGroundTruth(files.groundTruth);
  const lookup = await loadTeacherLookup(store, groundTruth.frames, 5, datasetId(dataset), split);
  return (threshold, fallback) => teacherFrameQuality(rows, lookup, groundTruth, { frames: groundTruth.frames, candidates: 5, threshold, fallback, teacherName: store });
}
