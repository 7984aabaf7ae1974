// Where `sparc reproduce` puts everything inside its output folder (read by `sparc report` and `sparc probe`).
import path from 'node:path';

/** The files and folders of a reproduction folder `<out>`. */
export interface ReproduceLayout {
  readonly root: string;
  /** The synthetic dataset (the `sparc synth` layout). */
  readonly data: string;
  /** The fitted and fine-tuned built-in teacher (saveTinyAlbefFile). */
  readonly teacherModel: string;
  /** Per-epoch teacher fit/fineTune history: `{ fit: TrainHistory, fineTune: TrainHistory }`. */
  readonly teacherHistory: string;
  /** Teacher store (per-frame probabilities) of one split. */
  readonly teacherStore: (split: string) => string;
  /** Training run folders (config.json, metrics.jsonl, checkpoint/, predictions.json, predictions_test.json). */
  readonly runs: { readonly baseline: string; readonly sparc: string };
  /** `{ baseline: { overall, groups: { C, T, D } }, sparc: {...}, teacher: { precision, recall }, ... }`. */
  readonly results: string;
}

export function reproduceLayout(out: string): ReproduceLayout {
  const root = path.resolve(out);
  return {
    root,
    data: path.join(root, 'data'),
    teacherModel: path.join(root, 'teacher', 'teacher.tiny-albef'),
    teacherHistory: path.join(root, 'teacher', 'history.json'),
    teacherStore: (split) => path.join(root, 'teacher', `${split}.sptk`),
    runs: { baseline: path.join(root, 'runs', 'baseline'), sparc: path.join(root, 'runs', 'sparc') },
    results: path.join(root, 'results.json'),
  };
}
