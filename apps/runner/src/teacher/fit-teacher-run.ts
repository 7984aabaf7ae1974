// `sparc teacher fit`: trains the built-in teacher on a dataset's teacher frames (caption pre-training
// and/or a from-scratch fit on the QA task, then the A.4 fine-tuning) and saves it. Each phase ends with an
// atomic save and a history entry, so a killed run restarts at the phase it was in, not from scratch.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { TextTokenizer, createTinyAlbef, type TeacherExample, type TinyAlbefTeacher, type TrainEpochResult } from '@sparc-vqa/teacher';
import type { CliIO } from '../commands/command-context.js';
import { createProgressBar } from '../progress/progress-bar.js';
import { writeFileAtomic } from '../util/write-file-atomic.js';
import { DataError } from '../data/data-error.js';
import { readGroundTruth } from '../synth/ground-truth.js';
import { syntheticSplitFiles } from '../synth/synth-layout.js';
import { buildFrameCaptions, type FrameCaptionExample } from './frame-captions.js';
import type { TeacherRunConfig } from './teacher-run-config.js';
import { readTeacherInputs, type TeacherInputs } from './teacher-inputs.js';

/** Training phases in order: caption pre-training, QA fit from scratch, A.4 fine-tuning. */
export type TeacherPhase = 'pretrain' | 'fit' | 'fineTune';

/** One epoch of the history file (plain JSON). */
export interface TeacherEpochRecord {
  /** In the pretrain phase the validation numbers are caption-matching ones (val split captions). */
  readonly phase: TeacherPhase;
  readonly epoch: number;
  readonly loss: number;
  readonly valAccuracy: number | null;
  readonly valMeanAnswerProbability: number | null;
}

/** `<model>.history.json`: what was trained, phase by phase. */
export interface TeacherHistoryFile {
  readonly config: TeacherRunConfig;
  readonly teacherId: string;
  readonly phasesDone: readonly TeacherPhase[];
  readonly epochs: readonly TeacherEpochRecord[];
  readonly seconds: number;
}

/** Examples whose frame tensors are shared per video; `dispose` frees them. */
export function teacherExamples(inputs: TeacherInputs): { examples: TeacherExample[]; dispose: () => void } {
  const tensors = new Map<string, tf.Tensor2D>();
  const examples = inputs.rows.map((row) => {
    let frames = tensors.get(row.video);
    if (!frames) {
      frames = tf.tensor2d(inputs.framesOf(row), [inputs.frames, inputs.dim]);
      tensors.set(row.video, frames);
    }
    return { key: row.key, frames, question: row.question, candidates: row.candidates, answer: row.answer, frameIndices: inputs.frameIndicesOf(row) };
  });
  return { examples, dispose: () => tf.dispose([...tensors.values()]) };
}

/** A teacher example per caption example, its frames `[F, D]` gathered from its video's frames; `dispose` frees them. */
export function captionTeacherExamples(inputs: TeacherInputs, captions: readonly FrameCaptionExample[]): { examples: TeacherExample[]; dispose: () => void } {
  const rowOf = new Map(inputs.rows.map((r) => [r.video, r]));
  const D = inputs.dim;
  const tensors: tf.Tensor2D[] = [];
  const examples = captions.map((c, i) => {
    const all = inputs.framesOf(rowOf.get(c.video)!);
    const data = new Float32Array(c.frames.length * D);
    c.frames.forEach((k, j) => data.set(all.subarray(k * D, (k + 1) * D), j * D));
    const frames = tf.tensor2d(data, [c.frames.length, D]);
    tensors.push(frames);
    return { key: `${c.video}/${c.kind}/${i}`, frames, question: c.question, candidates: c.candidates, answer: c.answer, frameIndices: c.frames };
  });
  return { examples, dispose: () => tf.dispose(tensors) };
}

/** Caption examples of the videos of `inputs` (ground truth of the same split, one step per teacher frame). */
function captionsOf(config: Readonly<TeacherRunConfig>, inputs: TeacherInputs): FrameCaptionExample[] {
  const file = syntheticSplitFiles(config.dataset, inputs.split).groundTruth;
  if (!fs.existsSync(file)) throw new DataError(file, { file: true }, `the video scripts of split '${inputs.split}' for --pretrain captions (a sparc synth dataset; else use --pretrain none)`, 'no such file');
  const gt = readGroundTruth(file);
  if (gt.frames !== inputs.frames) throw new DataError(file, { key: 'frames' }, `${inputs.frames} (the teacher frames per video)`, String(gt.frames));
  const videos = new Set(inputs.rows.map((r) => r.video));
  const missing = [...videos].find((v) => gt.videos[v] === undefined);
  if (missing !== undefined) throw new DataError(file, { key: `videos.${missing}` }, `the script of every video of ${inputs.split}.csv`, 'no entry');
  const prompts = new Map<string, string[]>();
  if (config.pretrainPrompt === 'questions') for (const r of inputs.rows) prompts.set(r.video, [...(prompts.get(r.video) ?? []), r.question]);
  return buildFrameCaptions(gt, { seed: config.seed, kinds: config.pretrainKinds, videos, file, prompts });
}

function readHistory(file: string): TeacherHistoryFile | null {
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TeacherHistoryFile;
}


/**
 * Trains (or finishes training) the teacher saved at `modelFile`; its history goes to `historyFile`.
 * A finished model is loaded, not retrained; a model file with another config is an error.
 */
export async function fitTeacherRun(options: { config: Readonly<TeacherRunConfig>; modelFile: string; historyFile: string; io: CliIO }): Promise<{ teacher: TinyAlbefTeacher; history: TeacherHistoryFile }> {
  const { config, modelFile, historyFile, io } = options;
  const { loadTinyAlbefFile, saveTinyAlbefFile } = await import('@sparc-vqa/teacher/fs');
  fs.mkdirSync(path.dirname(modelFile), { recursive: true });
  let history = readHistory(historyFile);
  if (history && JSON.stringify(history.config) !== JSON.stringify(config)) {
    const field = Object.keys(config).find((k) => JSON.stringify(history!.config[k as keyof TeacherRunConfig]) !== JSON.stringify(config[k as keyof TeacherRunConfig]));
    throw new Error(`${historyFile}: this teacher was trained with ${field} = ${JSON.stringify(history.config[field as keyof TeacherRunConfig])}, not ${JSON.stringify(config[field as keyof TeacherRunConfig])}; use another --out or the same options`);
  }
  if (history && !fs.existsSync(modelFile)) history = null;
  if (history?.phasesDone.includes('fineTune')) {
    io.out(`teacher: ${modelFile} is trained (${history.teacherId}); reusing it`);
    return { teacher: await loadTinyAlbefFile(modelFile), history };
  }
  const started = performance.now();
  const secondsBefore = history?.seconds ?? 0;
  const train = await readTeacherInputs(config.dataset, config.trainSplit);
  const val = config.valSplit === null ? null : await readTeacherInputs(config.dataset, config.valSplit);
  const trainEx = teacherExamples(train);
  const valEx = val ? teacherExamples(val) : null;
  const pretraining = config.pretrain === 'captions' && config.pretrainEpochs > 0 && !history?.phasesDone.includes('pretrain');
  let captionTrain: ReturnType<typeof captionTeacherExamples> | null = null;
  let captionVal: ReturnType<typeof captionTeacherExamples> | null = null;
  let teacher: TinyAlbefTeacher | null = null;
  try {
    if (pretraining) {
      captionTrain = captionTeacherExamples(train, captionsOf(config, train));
      if (val && fs.existsSync(syntheticSplitFiles(config.dataset, val.split).groundTruth)) captionVal = captionTeacherExamples(val, captionsOf(config, val));
    }
    const epochs: TeacherEpochRecord[] = [...(history?.epochs ?? [])];
    const phasesDone: TeacherPhase[] = [...(history?.phasesDone ?? [])];
    if (phasesDone.length > 0) {
      teacher = await loadTinyAlbefFile(modelFile);
      io.out(`teacher: ${phasesDone.join(', ')} already done (${teacher.id}); continuing`);
    } else {
      const texts = train.rows.flatMap((r) => [r.question, ...r.candidates]);
      for (const c of captionTrain?.examples ?? []) texts.push(c.question, ...c.candidates);
      teacher = createTinyAlbef({ featureSize: train.dim, hiddenSize: config.hiddenSize, seed: config.seed }, TextTokenizer.fromCorpus(texts));
    }
    const phases = [
      ...(config.pretrain === 'none' ? [] : [{ phase: 'pretrain' as const, epochs: pretraining ? config.pretrainEpochs : 0, learningRate: config.pretrainLearningRate, batchSize: config.pretrainBatchSize, objective: 'frame' as const, train: captionTrain?.examples ?? [], validation: captionVal?.examples }]),
      { phase: 'fit' as const, epochs: config.fitEpochs, learningRate: config.fitLearningRate, batchSize: config.fitBatchSize, objective: config.fitObjective, train: trainEx.examples, validation: valEx?.examples },
      { phase: 'fineTune' as const, epochs: config.fineTuneEpochs, learningRate: config.fineTuneLearningRate, batchSize: config.fineTuneBatchSize, objective: 'frame' as const, train: trainEx.examples, validation: valEx?.examples },
    ];
    for (const p of phases) {
      if (phasesDone.includes(p.phase)) continue;
      if (p.epochs > 0) {
        const steps = Math.ceil(p.train.length / p.batchSize) * p.epochs;
        const bar = createProgressBar(io, `teacher ${p.phase}`, steps, { unit: 'steps' });
        let done = 0;
        const onEpochEnd = (r: TrainEpochResult) => {
          epochs.push({ phase: p.phase, epoch: r.epoch, loss: r.loss, valAccuracy: r.validation?.accuracy ?? null, valMeanAnswerProbability: r.validation?.meanAnswerProbability ?? null });
        };
        const trainOptions = {
          epochs: p.epochs, learningRate: p.learningRate, batchSize: p.batchSize, objective: p.objective, seed: config.seed,
          ...(p.validation ? { validation: p.validation } : {}),
          onStep: (s: { loss: number }) => bar.update(++done, `loss ${s.loss.toFixed(3)}`),
          onEpochEnd,
        };
        if (p.phase === 'fineTune') await teacher.fineTune(p.train, trainOptions);
        else await teacher.fit(p.train, trainOptions);
        const last = epochs[epochs.length - 1];
        bar.finish(last?.valAccuracy != null ? `val ${p.phase === 'pretrain' ? 'caption ' : ''}accuracy ${(100 * last.valAccuracy).toFixed(1)}%` : undefined);
      }
      await saveTinyAlbefFile(modelFile, teacher);
      phasesDone.push(p.phase);
      history = { config, teacherId: teacher.id, phasesDone, epochs, seconds: secondsBefore + (performance.now() - started) / 1000 };
      writeFileAtomic(historyFile, JSON.stringify(history, null, 2) + '\n');
    }
    io.out(`teacher: saved ${modelFile} (${teacher.id})`);
    return { teacher, history: history! };
  } catch (error) {
    teacher?.dispose();
    throw error;
  } finally {
    trainEx.dispose();
    valEx?.dispose();
    captionTrain?.dispose();
    captionVal?.dispose();
  }
}
