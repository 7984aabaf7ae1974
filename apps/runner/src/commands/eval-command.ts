import path from 'node:path';
import { initBackend } from '../backend/index.js';
import { evaluateRun, readRunConfig } from '../engine/evaluate-run.js';
import { runAGQAEval } from '../eval/run-agqa-eval.js';
import { runEval } from '../eval/run-eval.js';
import { parseBackendOption } from './backend-command.js';
import type { RegisterCommand } from './command-context.js';
import { UsageError } from './usage-error.js';

/** The flags of `sparc eval` as cac parses them. */
interface EvalFlags {
  readonly annotations?: unknown;
  readonly predictions?: unknown;
  readonly subset?: unknown;
  readonly subsetFile?: unknown;
  readonly json?: unknown;
  readonly agqaTrain?: unknown;
  readonly checkpoint?: unknown;
  readonly split?: unknown;
  readonly backend?: unknown;
}

function optionalPath(flags: EvalFlags, name: keyof EvalFlags): string | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: expected a path`);
  return value;
}

/** `sparc eval`: NExT-QA accuracy per type, group and overall of a prediction file (eval_mc.py semantics). */
export const registerEvalCommand: RegisterCommand = (cli, { io }) => {
  cli
    .command('eval', 'Accuracy per type, group (C/T/D) and overall of a NExT-QA prediction file, as eval_mc.py')
    .option('--annotations <csv>', 'NExT-QA multiple-choice CSV (e.g. val.csv)')
    .option('--predictions <json>', 'prediction file { "<video>_<qid>": { "prediction", "answer" } } or a run folder')
    .option('--subset <name>', "score a subset: 'atp-hard' or a row-index file")
    .option('--subset-file <txt>', 'row-index file for --subset atp-hard (default: atp-hard-ct4.txt beside the CSV)')
    .option('--json <out>', 'write { count, overall, groups, types } in percent')
    .option('--checkpoint <run>', 'evaluate a training run folder: predict --split with its checkpoint (writes <run>/predictions_<split>.json), then score it')
    .option('--split <name>', 'with --checkpoint: the split to evaluate (default test)')
    .option('--agqa-train <json>', 'AGQA 2.0 mode: --annotations is an AGQA question file, scored over the answers of this training file that occur more than once')
    .example('sparc eval --annotations val.csv --predictions run/predictions.json --subset atp-hard --json atp.json')
    .example('sparc eval --agqa-train train_balanced.txt --annotations test_balanced.txt --predictions preds.json')
    .example('sparc eval --checkpoint runs/sparc --split test')
    .action(async (flags: EvalFlags) => {
      const checkpoint = optionalPath(flags, 'checkpoint');
      if (checkpoint !== undefined) {
        const runDir = path.resolve(checkpoint);
        const config = readRunConfig(runDir);
        const split = flags.split === undefined ? 'test' : String(flags.split);
        await initBackend(parseBackendOption(flags.backend ?? 'auto'));
        const evaluation = await evaluateRun({ runDir, split, io });
        const annotations = optionalPath(flags, 'annotations') ?? path.join(config.dataset, `${split}.csv`);
        for (const line of runEval({ annotations, predictions: evaluation.predictionsFile }).lines) io.out(line);
        io.out(`wrote ${evaluation.predictionsFile}`);
        return;
      }
      const annotations = optionalPath(flags, 'annotations');
      const predictions = optionalPath(flags, 'predictions');
      if (annotations === undefined) throw new UsageError('eval: --annotations <csv> is required');
      if (predictions === undefined) throw new UsageError('eval: --predictions <json> is required');
      const subset = optionalPath(flags, 'subset');
      const subsetFile = optionalPath(flags, 'subsetFile');
      const json = optionalPath(flags, 'json');
      const agqaTrain = optionalPath(flags, 'agqaTrain');
      if (agqaTrain !== undefined) {
        if (subset !== undefined) throw new UsageError('eval: --subset applies to NExT-QA, not with --agqa-train');
        const agqa = runAGQAEval({ questions: annotations, train: agqaTrain, predictions, ...(json === undefined ? {} : { json }) });
        for (const line of agqa.lines) io.out(line);
        return;
      }
      const result = runEval({
        annotations,
        predictions,
        ...(subset === undefined ? {} : { subset }),
        ...(subsetFile === undefined ? {} : { subsetFile }),
        ...(json === undefined ? {} : { json }),
      });
      for (const line of result.lines) io.out(line);
      if (result.files.json !== undefined) io.out(`wrote ${result.files.json}`);
    });
};
