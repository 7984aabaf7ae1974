import path from 'node:path';
import { initBackend } from '../backend/index.js';
import { GROUND_TRUTH_TEACHER, openTeacherFor } from '../engine/open-teacher-for.js';
import { resolveTrainConfig, TRAIN_PRESETS, type TrainConfig } from '../engine/train-config.js';
import { trainRun, type TrainRunResult } from '../engine/train-run.js';
import { parseBackendOption } from './backend-command.js';
import type { CliIO, RegisterCommand } from './command-context.js';
import { UsageError } from './usage-error.js';
import { trainProgress } from '../progress/train-progress.js';

/** `sparc train` as a function: resolves the backend, the teacher, and runs (or resumes) the training. */
export async function runTrain(options: { config: Readonly<TrainConfig>; out: string; backend?: string; io: CliIO; maxSteps?: number }): Promise<TrainRunResult> {
  const backend = await initBackend(parseBackendOption(options.backend ?? 'auto'));
  const teacher = await openTeacherFor(options.config);
  const progress = trainProgress(options.io, 'train');
  const result = await trainRun({
    config: options.config,
    runDir: path.resolve(options.out),
    ...(teacher ? { teacher } : {}),
    environment: { backend: backend.name, versions: backend.versions, node: process.versions.node, deno: (globalThis as { Deno?: { version: { deno: string } } }).Deno?.version.deno ?? null },
    log: progress.log,
    onStep: progress.onStep,
    ...(options.maxSteps !== undefined ? { maxSteps: options.maxSteps } : {}),
  });
  progress.finish();
  if (result.evaluation) options.io.out(`done: ${options.config.evalSplit} accuracy ${result.evaluation.overall.toFixed(2)}% -> ${path.join(result.runDir, 'predictions.json')}`);
  return result;
}

function num(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value === 'boolean' || !Number.isFinite(n)) throw new UsageError(`--${flag}: expected a number, got '${String(value)}'`);
  return n;
}

/** Turns `sparc train` flags into a config (validated by resolveTrainConfig). */
export function parseTrainFlags(f: Record<string, unknown>): Readonly<TrainConfig> {
  if (typeof f['dataset'] !== 'string') throw new UsageError('train: --dataset <dir> is required');
  const preset = f['preset'] === undefined ? undefined : String(f['preset']);
  if (preset !== undefined && TRAIN_PRESETS[preset] === undefined) throw new UsageError(`--preset: expected ${Object.keys(TRAIN_PRESETS).join(', ')}, got '${preset}'`);
  const maxFrames = f['maxFrames'] === undefined ? undefined : num('max-frames', f['maxFrames']);
  return resolveTrainConfig(
    {
      dataset: path.resolve(f['dataset']),
      backbone: f['backbone'] as TrainConfig['backbone'] | undefined,
      teacher: f['teacher'] === undefined ? undefined : f['teacher'] === GROUND_TRUTH_TEACHER ? GROUND_TRUTH_TEACHER : path.resolve(String(f['teacher'])),
      temporal: Boolean(f['temporal']),
      spatial: Boolean(f['spatial']),
      mixup: f['mixup'] as TrainConfig['mixup'] | undefined ?? (f['temporal'] || f['spatial'] ? undefined : 'none'),
      threshold: num('threshold', f['threshold']),
      fallback: f['fallback'] as TrainConfig['fallback'] | undefined,
      guidance: f['guidance'] as TrainConfig['guidance'] | undefined,
      softTemperature: num('soft-temperature', f['softTemperature']),
      minFrames: num('min-frames', f['minFrames']),
      ...(maxFrames !== undefined ? { maxFrames } : {}),
      consistencyWeight: num('wc', f['wc']),
      spatialWeight: num('ws', f['ws']),
      alpha: num('alpha', f['alpha']),
      beta: num('beta', f['beta']),
      lr: num('lr', f['lr']),
      epochs: num('epochs', f['epochs']),
      batchSize: num('batch-size', f['batchSize']),
      seed: num('seed', f['seed']),
      hidden: num('hidden', f['hidden']),
      dropout: num('dropout', f['dropout']),
      ffDim: num('ff-dim', f['ffDim']),
      heads: num('heads', f['heads']),
      boxHidden: num('box-hidden', f['boxHidden']),
      vgtGrid: f['vgtGrid'] as TrainConfig['vgtGrid'] | undefined,
      missingTeacher: f['missingTeacher'] as TrainConfig['missingTeacher'] | undefined,
      checkpointEvery: num('checkpoint-every', f['checkpointEvery']),
      evalSplit: f['evalSplit'] === undefined ? undefined : String(f['evalSplit']),
    } as Partial<TrainConfig> & { dataset: string },
    preset,
  );
}

/** `sparc train`: baseline or SpARC training with the Table 6 presets, resumable. */
export const registerTrainCommand: RegisterCommand = (cli, { io }) => {
  cli
    .command('train', 'Train a backbone: the baseline, or SpARC with --temporal / --spatial (resumable: rerun the same command)')
    .option('--dataset <dir>', 'dataset folder in the NExT-QA layout (e.g. written by sparc synth)')
    .option('--teacher <store>', `teacher store file, or '${GROUND_TRUTH_TEACHER}' (synthetic data: the oracle teacher)`)
    .option('--out <dir>', 'run folder (config.json, metrics.jsonl, checkpoint, predictions.json)', { default: 'runs/train' })
    .option('--backbone <name>', 'hga | vgt')
    .option('--preset <name>', `Table 6 presets: ${Object.keys(TRAIN_PRESETS).join(', ')}`)
    .option('--temporal', 'temporal guidance T: guided + consistency losses')
    .option('--spatial', 'spatial guidance S: distill the teacher into single-frame predictions')
    .option('--mixup <mode>', 'tgm | mixup | none (default tgm with guidance, none without)')
    .option('--threshold <t>', 'causal frames: p_k[a] > t (default 0.5)')
    .option('--fallback <mode>', 'when no frame passes: argmax | all | skip')
    .option('--guidance <mode>', 'hard (paper: frames with p_k[a] > t) | soft (each step draws frame k with probability sigmoid((p_k[a] - t) / tau))')
    .option('--soft-temperature <tau>', 'tau of --guidance soft (default 0.1)')
    .option('--min-frames <n>', 'top up the causal frames to at least n')
    .option('--max-frames <n>', 'keep at most n causal frames')
    .option('--wc <w>', 'consistency weight w_c (default 1)')
    .option('--ws <w>', 'spatial weight w_s (default 1)')
    .option('--alpha <a>', 'mixup Beta alpha')
    .option('--beta <b>', 'mixup Beta beta')
    .option('--lr <lr>', 'learning rate')
    .option('--epochs <n>', 'epochs')
    .option('--batch-size <n>', 'batch size')
    .option('--seed <n>', 'seed of every random stream')
    .option('--hidden <n>', 'backbone hidden size (HGA H, VGT d_model)')
    .option('--dropout <p>', 'backbone dropout')
    .option('--ff-dim <n>', 'VGT feed-forward width d_ff')
    .option('--heads <n>', 'VGT attention heads (must divide --hidden)')
    .option('--box-hidden <n>', 'VGT box-encoder width d_pos')
    .option('--vgt-grid <mode>', 'VGT clips: steps (one clip per time step, default) | clips (the features\' clips, teacher frame of each clip\'s first cell)')
    .option('--missing-teacher <policy>', 'error | zero-weight, for samples without a teacher entry')
    .option('--checkpoint-every <n>', 'steps between checkpoints')
    .option('--eval-split <split>', 'split evaluated after each epoch (default val)')
    .action(async (flags: Record<string, unknown>) => {
      await runTrain({ config: parseTrainFlags(flags), out: String(flags['out']), backend: String(flags['backend']), io });
    });
};
