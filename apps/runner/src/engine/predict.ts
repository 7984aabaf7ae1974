// Inference on a split: the whole video only, no teacher (paper 3.2, "Inference").
import * as tf from '@tensorflow/tfjs';
import type { HGABackbone } from '@sparc-vqa/backbones';
import type { BackboneAdapter } from './backbone-adapter.js';
import { hgaAdapter } from './hga-adapter.js';
import type { QADataset } from './qa-dataset.js';

/** Predictions of a split, in the official result format's terms. */
export interface SplitPredictions {
  readonly keys: readonly string[];
  readonly predictions: Int32Array;
  readonly answers: Int32Array;
}

/**
 * Runs the model over every question of `dataset` in batches of `batchSize` (inference mode). `model` is
 * an adapter (any backbone) or an HGA.
 */
export function predictSplit(
  model: BackboneAdapter | HGABackbone,
  dataset: QADataset,
  batchSize: number,
  onProgress?: (done: number, total: number) => void,
): SplitPredictions {
  const adapter = 'inputs' in model ? model : hgaAdapter(model, dataset);
  const n = dataset.rows.length;
  const predictions = new Int32Array(n);
  const answers = new Int32Array(n);
  const keys: string[] = [];
  for (let start = 0; start < n; start += batchSize) {
    const positions = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
    const batch = dataset.batch(positions);
    const B = positions.length;
    const argmax = tf.tidy(() => {
      const out = adapter.backbone.call(
        adapter.inputs(
          adapter.video(batch),
          tf.tensor4d(batch.qa, [B, dataset.candidates, dataset.tokens, dataset.wordDim]),
          tf.tensor2d(batch.qaLengths, [B, dataset.candidates], 'int32'),
        ),
      );
      return tf.argMax(out.logits, 1);
    });
    predictions.set(argmax.dataSync() as Int32Array, start);
    argmax.dispose();
    answers.set(batch.answers, start);
    keys.push(...batch.keys);
    onProgress?.(start + B, n);
  }
  return { keys, predictions, answers };
}

/** The official NExT-QA result file: `{ "<video>_<qid>": { "prediction": k, "answer": k } }`. */
export function toPredictionFile(p: SplitPredictions): Record<string, { prediction: number; answer: number }> {
  const out: Record<string, { prediction: number; answer: number }> = {};
  p.keys.forEach((key, i) => {
    out[key] = { prediction: p.predictions[i]!, answer: p.answers[i]! };
  });
  return out;
}
