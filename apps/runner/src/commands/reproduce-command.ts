import type { RegisterCommand } from './command-context.js';

const REPRODUCE_PLAN = [
  'sparc reproduce will, on the built-in synthetic benchmark:',
  '  1. generate the dataset (NExT-QA CSV + HDF5 features + teacher frames + ground-truth causal frames)',
  '  2. fine-tune the image-QA teacher and extract its per-frame probabilities into a teacher store',
  '  3. train the baseline and SpARC (temporal + spatial guidance, TGM) for the same budget',
  '  4. evaluate both and print the per-type accuracy table and the teacher causal-frame precision/recall',
  'Not wired yet. The pieces exist: `sparc synth --out runs/data`, then `sparc train --dataset runs/data',
  '--temporal --spatial --teacher ground-truth` (SpARC with the oracle teacher; drop the flags for the',
  'baseline), and `sparc eval --annotations runs/data/val.csv --predictions runs/train`.',
];

/** `sparc reproduce`: the whole pipeline (the default command, run by `npm start`). */
export const registerReproduceCommand: RegisterCommand = (cli, { io }) => {
  cli.command('reproduce', 'Run the whole SpARC pipeline on the synthetic benchmark (default command)').action(() => {
    for (const line of REPRODUCE_PLAN) io.out(line);
  });
};
