// The training loop of `sparc train`: a run folder with config.json, metrics.jsonl, an atomic checkpoint
// (resumable after a kill at any instant, with the same final weights and metrics as an uninterrupted
// run), per-epoch evaluation and predictions.json in the official NExT-QA format.
import fs from 'node:fs';
import path from 'node:path';
import { createHGA, type HGABackbone } from '@sparc-vqa/backbones';
import { createRng } from '@sparc-vqa/mixup';
import { nextqaAccuracy, toAccuracyJson, type NextQAAccuracyJson } from '../eval/nextqa-accuracy.js';
import { AdamOptimizer, ADAM_DEFAULTS } from './adam-optimizer.js';
import type { BackboneAdapter } from './backbone-adapter.js';
import { loadCheckpoint, loadCheckpointWeights, saveCheckpoint } from './checkpoint.js';
import { hgaAdapter } from './hga-adapter.js';
import { predictSplit, toPredictionFile } from './predict.js';
import { openQADataset, type QADataset } from './qa-dataset.js';
import { sparcTrainStep, type StepMetrics } from './sparc-step.js';
import type { TeacherLookup } from './teacher-lookup.js';
import { stepSeed, TRAIN_DEFAULTS, type TrainConfig } from './train-config.js';
import { createVGTFor, vgtAdapter } from './vgt-adapter.js';

/** Options of `trainRun` besides the config. */
export interface TrainRunOptions {
  readonly config: Readonly<TrainConfig>;
  readonly runDir: string;
  readonly teacher?: TeacherLookup;
  /** Extra facts recorded in config.json (backend, versions). */
  readonly environment?: Readonly<Record<string, unknown>>;
  /** Progress lines (epoch/step, loss, rate, ETA). */
  readonly log?: (line: string) => void;
  /** Stop after this many steps of this invocation (tests of resume); the run stays resumable. */
  readonly maxSteps?: number;
  /** Called after every step with the steps done and planned (progress bars); replaces the per-step log line. */
  readonly onStep?: (done: number, total: number, detail: string) => void;
}

/** What a finished run returns. */
export interface TrainRunResult {
  readonly runDir: string;
  readonly completed: boolean;
  readonly resumedFrom: number | null;
  readonly steps: number;
  readonly evaluation: NextQAAccuracyJson | null;
}

/** A run folder already holds a run with another configuration. */
export class RunConfigMismatchError extends Error {
  override readonly name = 'RunConfigMismatchError';
  constructor(readonly file: string, readonly field: string, readonly existing: unknown, readonly requested: unknown) {
    super(`${file}: this run folder was started with ${field} = ${JSON.stringify(existing)}, not ${JSON.stringify(requested)}; use another --out or the same options`);
  }
}

/** The epoch's sample order: a seeded permutation, a pure function of (seed, epoch). */
export function epochOrder(n: number, seed: number, epoch: number): number[] {
  const rng = createRng(stepSeed(seed, epoch, -1));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function writeConfig(runDir: string, config: Readonly<TrainConfig>, environment: Readonly<Record<string, unknown>>): void {
  const file = path.join(runDir, 'config.json');
  if (fs.existsSync(file)) {
    // A field the folder's config.json lacks was added to TrainConfig later; its default is the old behaviour.
    const existing = { ...TRAIN_DEFAULTS, ...(JSON.parse(fs.readFileSync(file, 'utf8')) as { config: Record<string, unknown> }).config } as Record<string, unknown>;
    for (const [field, value] of Object.entries(config)) {
      if (JSON.stringify(existing[field]) !== JSON.stringify(value)) throw new RunConfigMismatchError(file, field, existing[field], value);
    }
    return;
  }
  fs.writeFileSync(file, JSON.stringify({ config, environment }, null, 2) + '\n');
}

/** Keeps the first `lines` lines of metrics.jsonl (drops what a killed run wrote after its checkpoint). */
function truncateMetrics(file: string, lines: number): void {
  if (!fs.existsSync(file)) return;
  const kept = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0).slice(0, lines);
  fs.writeFileSync(file, kept.map((l) => l + '\n').join(''));
}

/** The configured backbone, sized for `data` (opened with `{ backbone: config.backbone }`), wrapped for the engine. */
export function createAdapterFor(config: Readonly<TrainConfig>, data: QADataset): BackboneAdapter {
  if (data.backbone !== config.backbone) throw new Error(`createAdapterFor: the dataset was opened for ${data.backbone}, the config trains ${config.backbone}`);
  if (config.backbone === 'vgt') {
    const sizes = { dModel: config.hidden, ffDim: config.ffDim, numHeads: config.heads, boxHiddenDim: config.boxHidden, dropout: config.dropout, seed: config.seed };
    return vgtAdapter(createVGTFor(data, config.vgtGrid, sizes), data, config.vgtGrid);
  }
  return hgaAdapter(createBackboneFor(config, data), data);
}

/** The configured HGA, sized for `data` (HGA runs only; `createAdapterFor` builds any backbone). */
export function createBackboneFor(config: Readonly<TrainConfig>, data: QADataset): HGABackbone {
  if (config.backbone !== 'hga') throw new Error(`createBackboneFor builds HGA only; build a '${config.backbone}' run's model with createAdapterFor`);
  return createHGA({
    videoDim: data.videoDim,
    tokenDim: data.wordDim,
    hiddenSize: config.hidden,
    wordDim: config.wordDim,
    dropout: config.dropout,
    blockMmDim: config.blockDim,
    blockChunks: config.blockChunks,
    blockRank: config.blockRank,
    seed: config.seed,
  });
}

function round(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1e6) / 1e6;
}

/**
 * Trains (or resumes) the run in `runDir`. Killing the process at any instant and calling `trainRun`
 * again with the same config continues from the last checkpoint and ends with the same weights.
 * @throws NonFiniteLossError (the last good checkpoint is kept), MissingTeacherError, RunConfigMismatchError, DataError
 */
export async function trainRun(options: TrainRunOptions): Promise<TrainRunResult> {
  const { config, runDir } = options;
  const log = options.log ?? (() => {});
  fs.mkdirSync(runDir, { recursive: true });
  writeConfig(runDir, config, options.environment ?? {});
  const metricsFile = path.join(runDir, 'metrics.jsonl');
  const train = await openQADataset(config.dataset, config.trainSplit, { backbone: config.backbone });
  const evalSet = await openQADataset(config.dataset, config.evalSplit, { backbone: config.backbone });
  let adapter: BackboneAdapter;
  try {
    adapter = createAdapterFor(config, train);
  } catch (error) {
    train.close();
    evalSet.close();
    throw error;
  }
  const backbone = adapter.backbone;
  const optimizer = new AdamOptimizer({ ...ADAM_DEFAULTS, learningRate: config.lr, weightDecay: config.weightDecay, clipNorm: config.clipNorm }, backbone.weights);
  try {
    let position = { epoch: 0, stepInEpoch: 0, globalStep: 0, metricsLines: 0 };
    const checkpoint = loadCheckpoint(runDir);
    let resumedFrom: number | null = null;
    if (checkpoint) {
      if (checkpoint.backbone !== backbone.name) throw new RunConfigMismatchError(path.join(runDir, 'checkpoint'), 'backbone', checkpoint.backbone, backbone.name);
      loadCheckpointWeights(backbone, checkpoint, runDir);
      optimizer.setState(checkpoint.optimizer);
      position = { ...checkpoint.position };
      resumedFrom = position.globalStep;
      truncateMetrics(metricsFile, position.metricsLines);
      log(`resuming ${runDir} at epoch ${position.epoch + 1}, step ${position.stepInEpoch} (${position.globalStep} steps done)`);
    } else {
      truncateMetrics(metricsFile, 0);
    }
    const appendMetrics = (record: Record<string, unknown>) => {
      fs.appendFileSync(metricsFile, JSON.stringify(record) + '\n');
      position.metricsLines += 1;
    };
    const save = async () => {
      saveCheckpoint(runDir, { position, backbone: backbone.name, weights: await backbone.saveWeights(), optimizer: optimizer.getState() });
    };
    const stepsPerEpoch = Math.ceil(train.rows.length / config.batchSize);
    const ctx = { adapter, optimizer, teacherFrames: train.clips, candidates: train.candidates, tokens: train.tokens, wordDim: train.wordDim, ...(options.teacher ? { teacher: options.teacher } : {}) };
    let ranThisCall = 0;
    let evaluation: NextQAAccuracyJson | null = null;
    const started = performance.now();
    for (; position.epoch < config.epochs; position.epoch++, position.stepInEpoch = 0) {
      const order = epochOrder(train.rows.length, config.seed, position.epoch);
      for (; position.stepInEpoch < stepsPerEpoch; ) {
        if (options.maxSteps !== undefined && ranThisCall >= options.maxSteps) {
          await save();
          return { runDir, completed: false, resumedFrom, steps: position.globalStep, evaluation: null };
        }
        const at = position.stepInEpoch * config.batchSize;
        const batch = train.batch(order.slice(at, at + config.batchSize));
        const t0 = performance.now();
        const where = `epoch ${position.epoch + 1} step ${position.stepInEpoch + 1}`;
        const m: StepMetrics = sparcTrainStep(ctx, batch, config, stepSeed(config.seed, position.epoch, position.stepInEpoch), where);
        const seconds = (performance.now() - t0) / 1000;
        position.stepInEpoch += 1;
        position.globalStep += 1;
        ranThisCall += 1;
        appendMetrics({
          kind: 'step', epoch: position.epoch + 1, step: position.globalStep, lr: config.lr,
          loss: round(m.loss), guided: round(m.guided), consistency: round(m.consistency), spatial: round(m.spatial), whole: round(m.whole),
          accuracy: round(m.accuracy), gradNorm: round(m.gradNorm), framesKept: round(m.framesKept), fallbackRate: round(m.fallbackRate),
          missingTeacher: m.missingTeacher, lambda: round(m.lambda), samplesPerSec: Math.round(batch.keys.length / seconds),
        });
        const done = position.globalStep;
        const total = stepsPerEpoch * config.epochs;
        const elapsed = (performance.now() - started) / 1000;
        const eta = ranThisCall > 0 ? (elapsed / ranThisCall) * (total - done) : 0;
        if (options.onStep) options.onStep(done, total, `epoch ${position.epoch + 1}/${config.epochs} loss ${m.loss.toFixed(4)} acc ${(100 * m.accuracy).toFixed(1)}%`);
        else log(`train ${where}/${stepsPerEpoch} [${done}/${total}] loss ${m.loss.toFixed(4)} acc ${(100 * m.accuracy).toFixed(1)}% ${(batch.keys.length / seconds).toFixed(0)} q/s ETA ${eta.toFixed(0)}s`);
        if (position.globalStep % config.checkpointEvery === 0 && position.stepInEpoch < stepsPerEpoch) await save();
      }
      const predictions = predictSplit(adapter, evalSet, Math.max(config.batchSize, 64));
      const byKey = new Map(predictions.keys.map((k, i) => [k, predictions.predictions[i]!]));
      evaluation = toAccuracyJson(nextqaAccuracy(evalSet.rows, (row) => byKey.get(row.key) === row.answer));
      appendMetrics({ kind: 'epoch', epoch: position.epoch + 1, step: position.globalStep, split: config.evalSplit, ...evaluation });
      log(`eval epoch ${position.epoch + 1}: ${config.evalSplit} accuracy ${evaluation.overall.toFixed(2)}% (C ${evaluation.groups.C?.toFixed(1) ?? '-'} T ${evaluation.groups.T?.toFixed(1) ?? '-'} D ${evaluation.groups.D?.toFixed(1) ?? '-'})`);
      if (position.epoch + 1 === config.epochs) {
        fs.writeFileSync(path.join(runDir, 'predictions.json'), JSON.stringify(toPredictionFile(predictions)) + '\n');
      }
      const next = { ...position, epoch: position.epoch + 1, stepInEpoch: 0 };
      saveCheckpoint(runDir, { position: next, backbone: backbone.name, weights: await backbone.saveWeights(), optimizer: optimizer.getState() });
    }
    return { runDir, completed: true, resumedFrom, steps: position.globalStep, evaluation: evaluation ?? readLastEvaluation(metricsFile) };
  } finally {
    optimizer.dispose();
    backbone.dispose();
    train.close();
    evalSet.close();
  }
}

function readLastEvaluation(metricsFile: string): NextQAAccuracyJson | null {
  const lines = fs.readFileSync(metricsFile, 'utf8').split('\n').filter((l) => l.includes('"kind":"epoch"'));
  if (lines.length === 0) return null;
  const { count, overall, groups, types } = JSON.parse(lines[lines.length - 1]!) as NextQAAccuracyJson;
  return { count, overall, groups, types };
}
