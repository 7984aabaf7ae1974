import path from 'node:path';
import { initBackend } from '../backend/index.js';
import { extractTeacherRun } from '../teacher/extract-teacher-run.js';
import { fitTeacherRun } from '../teacher/fit-teacher-run.js';
import { loadSplitTeacherQuality } from '../teacher/split-teacher-quality.js';
import type { CaptionKind } from '../teacher/frame-captions.js';
import { resolveTeacherRunConfig } from '../teacher/teacher-run-config.js';
import { parseBackendOption } from './backend-command.js';
import type { CliIO, RegisterCommand } from './command-context.js';
import { UsageError } from './usage-error.js';

export const TEACHER_ACTIONS = ['fit', 'extract', 'merge', 'quality'] as const;

function num(flags: Record<string, unknown>, key: string, flag: string): number | undefined {
  const value = flags[key];
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value === 'boolean' || !Number.isFinite(n)) throw new UsageError(`--${flag}: expected a number, got '${String(value)}'`);
  return n;
}

function requirePath(flags: Record<string, unknown>, key: string, flag: string, action: string): string {
  const value = flags[key];
  if (typeof value !== 'string' || value === '') throw new UsageError(`teacher ${action}: --${flag} <path> is required`);
  return path.resolve(value);
}

/** `sparc teacher <action>` as a function. */
export async function teacherCommand(action: string | undefined, inputs: readonly string[], flags: Record<string, unknown>, io: CliIO): Promise<void> {
  if (!(TEACHER_ACTIONS as readonly string[]).includes(action ?? '')) throw new UsageError(`teacher: expected an action (${TEACHER_ACTIONS.join(', ')}), got '${action ?? ''}'`);
  if (action === 'merge') {
    const out = requirePath(flags, 'out', 'out', 'merge');
    if (inputs.length === 0) throw new UsageError('teacher merge: give the shard stores to merge, e.g. sparc teacher merge --out all.sptk s0.sptk s1.sptk');
    const { mergeTeacherStores } = await import('@sparc-vqa/teacher/fs');
    const summary = await mergeTeacherStores(inputs.map((p) => path.resolve(p)), out, { overwrite: Boolean(flags['overwrite']) });
    io.out(`teacher merge: ${summary.records} records -> ${out}`);
    return;
  }
  const dataset = requirePath(flags, 'dataset', 'dataset', action!);
  await initBackend(parseBackendOption(flags['backend'] ?? 'auto'));
  if (action === 'fit') {
    const model = requirePath(flags, 'out', 'out', 'fit');
    const config = resolveTeacherRunConfig({
      dataset,
      trainSplit: flags['trainSplit'] === undefined ? undefined : String(flags['trainSplit']),
      valSplit: flags['valSplit'] === undefined ? undefined : flags['valSplit'] === 'none' ? null : String(flags['valSplit']),
      seed: num(flags, 'seed', 'seed'),
      hiddenSize: num(flags, 'hidden', 'hidden'),
      pretrain: flags['pretrain'] === undefined ? undefined : (String(flags['pretrain']) as 'captions'),
      pretrainEpochs: num(flags, 'pretrainEpochs', 'pretrain-epochs'),
      pretrainLearningRate: num(flags, 'pretrainLr', 'pretrain-lr'),
      pretrainBatchSize: num(flags, 'pretrainBatchSize', 'pretrain-batch-size'),
      pretrainPrompt: flags['pretrainPrompt'] === undefined ? undefined : (String(flags['pretrainPrompt']) as 'fixed'),
      pretrainKinds: flags['pretrainKinds'] === undefined ? undefined : (String(flags['pretrainKinds']).split(',').map((k) => k.trim()) as CaptionKind[]),
      fitEpochs: num(flags, 'fitEpochs', 'fit-epochs'),
      fitLearningRate: num(flags, 'fitLr', 'fit-lr'),
      fitBatchSize: num(flags, 'fitBatchSize', 'fit-batch-size'),
      fitObjective: flags['fitObjective'] === undefined ? undefined : (String(flags['fitObjective']) as 'frame'),
      fineTuneEpochs: num(flags, 'epochs', 'epochs'),
      fineTuneLearningRate: num(flags, 'lr', 'lr'),
      fineTuneBatchSize: num(flags, 'batchSize', 'batch-size'),
    });
    const { teacher, history } = await fitTeacherRun({ config, modelFile: model, historyFile: `${model}.history.json`, io });
    const last = history.epochs[history.epochs.length - 1];
    io.out(`teacher fit: ${teacher.id}${last?.valAccuracy != null ? `, ${config.valSplit} accuracy ${(100 * last.valAccuracy).toFixed(1)}%` : ''} -> ${model}`);
    teacher.dispose();
    return;
  }
  const split = String(flags['split'] ?? 'train');
  const store = requirePath(flags, 'store', 'store', action!);
  if (action === 'extract') {
    const modelFile = requirePath(flags, 'teacher', 'teacher', 'extract');
    const { loadTinyAlbefFile } = await import('@sparc-vqa/teacher/fs');
    const teacher = await loadTinyAlbefFile(modelFile);
    try {
      const summary = await extractTeacherRun({ teacher, dataset, split, store, io, ...(flags['shard'] === undefined ? {} : { shard: String(flags['shard']) }) });
      io.out(`teacher extract: ${summary.written} written, ${summary.skipped} already in ${store}`);
    } finally {
      teacher.dispose();
    }
    return;
  }
  // quality: precision/recall of the selected causal frames against the synthetic ground truth.
  const threshold = num(flags, 'threshold', 'threshold') ?? 0.5;
  const fallback = String(flags['fallback'] ?? 'argmax');
  if (!['argmax', 'all', 'skip'].includes(fallback)) throw new UsageError(`--fallback: expected argmax, all or skip, got '${fallback}'`);
  const q = (await loadSplitTeacherQuality(dataset, split, store))(threshold, fallback as 'argmax');
  io.out(`teacher causal frames on ${split} (p_k[a] > ${threshold}, ${fallback} fallback) vs ground truth:`);
  io.out('| group | questions | precision | recall | F1 | frames | teacher accuracy |');
  io.out('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, c] of [...Object.entries(q.groups), ['all', q] as const]) {
    io.out(`| ${name} | ${c.questions} | ${(100 * c.precision).toFixed(1)} | ${(100 * c.recall).toFixed(1)} | ${(100 * c.f1).toFixed(1)} | ${c.framesSelected.toFixed(2)} | ${(100 * c.accuracy).toFixed(1)} |`);
  }
}

/** `sparc teacher fit|extract|merge|quality`. */
export const registerTeacherCommand: RegisterCommand = (cli, { io }) => {
  cli
    .command('teacher <action> [...stores]', 'Image-QA teacher: fit (train + fine-tune), extract (per-frame probabilities into a store), merge (shard stores), quality (causal frames vs synthetic ground truth)')
    .option('--dataset <dir>', 'dataset folder (the sparc synth layout: {split}.csv and teacher/teacher_frames_{split}.h5)')
    .option('--out <path>', 'fit: teacher model file; merge: merged store')
    .option('--teacher <file>', 'extract: teacher model file written by teacher fit')
    .option('--store <file>', 'extract, quality: teacher store file (.sptk)')
    .option('--split <name>', 'extract, quality: split (default train)')
    .option('--shard <i/n>', 'extract: only shard i of n (merge the shard stores afterwards)')
    .option('--seed <n>', 'fit: weight initialisation and example order')
    .option('--hidden <n>', 'fit: teacher width H (default 64)')
    .option('--pretrain <kind>', 'fit: captions | none, pre-training on frame captions of the training scripts (default captions)')
    .option('--pretrain-epochs <n>', 'fit: caption pre-training epochs (default 3)')
    .option('--pretrain-lr <lr>', 'fit: caption pre-training learning rate (default 2e-3)')
    .option('--pretrain-batch-size <n>', 'fit: caption pre-training batch size (default 32)')
    .option('--pretrain-kinds <list>', 'fit: caption kinds, comma-separated: action, place, object, scene (default action,place,object)')
    .option('--pretrain-prompt <kind>', "fit: fixed | questions, caption examples' prompt: one per kind, or a question text of the same video (default questions)")
    .option('--fit-epochs <n>', 'fit: epochs of the QA from-scratch phase (default 0 after caption pre-training, 3 with --pretrain none)')
    .option('--fit-lr <lr>', 'fit: learning rate of the from-scratch phase (default 2e-3)')
    .option('--fit-batch-size <n>', 'fit: batch size of the from-scratch phase (default 32)')
    .option('--fit-objective <loss>', 'fit: frame (A.1) | video | mil, loss of the from-scratch phase (default frame)')
    .option('--epochs <n>', 'fit: fine-tuning epochs (A.4: 5)')
    .option('--lr <lr>', 'fit: fine-tuning learning rate (A.4: 2e-5)')
    .option('--batch-size <n>', 'fit: fine-tuning batch size (default 8)')
    .option('--train-split <name>', 'fit: split trained on (default train)')
    .option('--val-split <name>', "fit: split evaluated after each epoch (default val; 'none' to skip)")
    .option('--threshold <t>', 'quality: causal when p_k[a] > t (default 0.5)')
    .option('--fallback <mode>', 'quality: argmax | all | skip (default argmax)')
    .option('--overwrite', 'merge: replace an existing output')
    .example('sparc teacher fit --dataset runs/data --out runs/teacher.tiny-albef')
    .example('sparc teacher extract --dataset runs/data --teacher runs/teacher.tiny-albef --store runs/train.sptk --shard 0/2')
    .example('sparc teacher merge --out runs/train.sptk runs/train-0.sptk runs/train-1.sptk')
    .action(async (action: string, stores: string[], flags: Record<string, unknown>) => {
      await teacherCommand(action, stores ?? [], flags, io);
    });
};
