// File names of a synthetic dataset (the reference folder layout of NExT-QA / VGT, plus teacher inputs
// and ground truth).
import path from 'node:path';

/** The files of one split of a synthetic dataset folder. */
export interface SyntheticSplitFiles {
  /** NExT-QA multiple-choice CSV. */
  readonly annotations: string;
  /** HGA clip features: ids [N], feat [N, frames, videoDim]. */
  readonly video: string;
  /** QA token features: feat [Q, 5, tokens, wordDim], row = CSV row. */
  readonly qa: string;
  /** Teacher inputs: ids [N], frames [N, frames, teacherDim], frame_indices [N, frames]. */
  readonly teacher: string;
  /** VGT region features: ids, feat [N, 8, 4, regions, regionDim], bbox [N, 8, 4, regions, 4] (with --vgt). */
  readonly vgtRegions: string;
  /** VGT frame features: ids, resnet_features [N, 8, 4, frameDim] (with --vgt). */
  readonly vgtFrames: string;
  /** Ground-truth causal steps per question. */
  readonly groundTruth: string;
}

/** The manifest written beside the splits. */
export const SYNTH_MANIFEST = 'synth.json';

/** Paths of a split's files under a dataset folder. */
export function syntheticSplitFiles(dir: string, split: string): SyntheticSplitFiles {
  const at = (...p: string[]) => path.join(path.resolve(dir), ...p);
  return {
    annotations: at(`${split}.csv`),
    video: at('vid_feat', `app_mot_${split}.h5`),
    qa: at('qas_bert', `bert_ft_${split}.h5`),
    teacher: at('teacher', `teacher_frames_${split}.h5`),
    vgtRegions: at('region_feat_n', `acregion_8c20b_${split}.h5`),
    vgtFrames: at('frame_feat', `app_feat_${split}.h5`),
    groundTruth: at(`ground_truth_${split}.json`),
  };
}
