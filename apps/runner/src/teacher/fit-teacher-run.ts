// `sparc teacher fit`: trains the built-in teacher on a dataset's teacher frames (fit, then the A.4
// fine-tuning) and saves it. Each phase ends with an atomic save and a history entry, so a killed run
// restarts at the phase it was in, not from scratch.
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { TextTokenizer, createTinyAlbef, type TeacherExample, type TinyAlbefTeacher, type TrainEpochResult } from '@sparc-vqa/teacher';
import type { CliIO } from '../commands/command-context.js';
import { createProgressBar } from '../progress/progress-bar.js';
import type { TeacherRunConfig } from './teacher-run-config.js';
import { readTeacherInputs, type TeacherInputs } from './teacher-inputs.js';

/** One epoch of the history file (plain JSON). */
export interface TeacherEpochRecord {
  readonly phase: 'fit' | 'fineTune';
  readonly epoch: number;
  readonly loss: number;
  readonly valAccuracy: number | null;
  readonly valMeanAnswerProbability: number | null;
}

/** `<model>.history.json`: what was trained, phase by phase. */
export interface TeacherHistoryFile {
  readonly config: TeacherRunConfig;
  readonly teacherId: string;
  readonly phasesDone: ReadonlyArray<'fit' | 'fineTune'>;
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

function readHistory(file: string): TeacherHistoryFile | null {
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as TeacherHistoryFile;
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
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
  let teacher: TinyAlbefTeacher | null = null;
  try {
    const epochs: TeacherEpochRecord[] = [...(history?.epochs ?? [])];
    const phasesDone: Array<'fit' | 'fineTune'> = [...(history?.phasesDone ?? [])];
    if (phasesDone.includes('fit')) {
      teacher = await loadTinyAlbefFile(modelFile);
      io.out(`teacher: fit phase already done (${teacher.id}); fine-tuning`);
    } else {
      const tokenizer = TextTokenizer.fromCorpus(train.rows.flatMap((r) => [r.question, ...r.candidates]));
      teacher = createTinyAlbef({ featureSize: train.dim, hiddenSize: config.hiddenSize, seed: config.seed }, tokenizer);
    }
    const phases = [
      { phase: 'fit' as const, epochs: config.fitEpochs, learningRate: config.fitLearningRate, batchSize: config.fitBatchSize, objective: config.fitObjective },
      { phase: 'fineTune' as const, epochs: config.fineTuneEpochs, learningRate: config.fineTuneLearningRate, batchSize: config.fineTuneBatchSize, objective: 'frame' as const },
    ];
    for (const p of phases) {
      if (phasesDone.includes(p.phase)) continue;
      if (p.epochs > 0) {
        const steps = Math.ceil(trainEx.examples.length / p.batchSize) * p.epochs;
        const bar = createProgressBar(io, `teacher ${p.phase}`, steps, { unit: 'steps' });
        let done = 0;
        const onEpochEnd = (r: TrainEpochResult) => {
          epochs.push({ phase: p.phase, epoch: r.epoch, loss: r.loss, valAccuracy: r.validation?.accuracy ?? null, valMeanAnswerProbability: r.validation?.meanAnswerProbability ?? null });
        };
        const trainOptions = {
          epochs: p.epochs, learningRate: p.learningRate, batchSize: p.batchSize, objective: p.objective, seed: config.seed,
          ...(valEx ? { validation: valEx.examples } : {}),
          onStep: (s: { loss: number }) => bar.update(++done, `loss ${s.loss.toFixed(3)}`),
          onEpochEnd,
        };
        if (p.phase === 'fit') await teacher.fit(trainEx.examples, trainOptions);
        else await teacher.fineTune(trainEx.examples, trainOptions);
        const last = epochs[epochs.length - 1];
        bar.finish(last?.valAccuracy != null ? `val accuracy ${(100 * last.valAccuracy).toFixed(1)}%` : undefined);
      }
      await saveTinyAlbefFile(modelFile, teacher);
      phasesDone.push(p.phase);
      history = { config, teacherId: teacher.id, phasesDone, epochs, seconds: secondsBefore + (performance.now() - started) / 1000 };
      writeAtomic(historyFile, JSON.stringify(history, null, 2) + '\n');
    }
    io.out(`teacher: saved ${modelFile} (${teacher.id})`);
    return { teacher, history: history! };
  } catch (error) {
    teacher?.dispose();
    throw error;
  } finally {
    trainEx.dispose();
    valEx?.dispose();
  }
}
