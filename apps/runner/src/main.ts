// The sparc CLI: a thin cac shell over library functions (shared/STYLE.md 1.4, 3.5). `main` never exits
// the process; it returns the exit code, so tests call it with argv arrays.
import { cac } from 'cac';
import { initBackend, isBackendRequest, type BackendRequest } from './backend/index.js';

/** Where the CLI writes; tests pass their own. */
export interface CliIO {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const defaultIO: CliIO = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** Thrown for bad command-line usage; printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function backendOption(value: unknown): BackendRequest {
  if (!isBackendRequest(value)) throw new UsageError(`--backend: expected auto, tensorflow-gpu, tensorflow, wasm or cpu, got '${String(value)}'`);
  return value;
}

const REPRODUCE_PLAN = [
  'sparc reproduce will, on the built-in synthetic benchmark:',
  '  1. generate the dataset (NExT-QA CSV + HDF5 features + teacher frames + ground-truth causal frames)',
  '  2. fine-tune the image-QA teacher and extract its per-frame probabilities into a teacher store',
  '  3. train the baseline and SpARC (temporal + spatial guidance, TGM) for the same budget',
  '  4. evaluate both and print the per-type accuracy table and the teacher causal-frame precision/recall',
  'The data layer, teacher, backbones and training engine are not wired yet; today only the libraries',
  '(@sparc-vqa/losses, selector, mixup) and the backend layer exist. Try `sparc backend`.',
];

/** Runs the CLI on `argv` (without the node and script entries) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  const cli = cac('sparc');
  cli.option('--backend <name>', 'auto | tensorflow-gpu | tensorflow | wasm | cpu', { default: 'auto' });
  cli.option('--debug', 'print stack traces of errors');

  cli
    .command('backend', 'Load a TensorFlow.js backend and report what was chosen and why')
    .action(async (options: { backend: unknown }) => {
      const info = await initBackend(backendOption(options.backend));
      io.out(`backend: ${info.name} (requested ${info.requested}; tfjs ${info.versions['tfjs-core']})`);
      for (const s of info.skipped) io.out(`  skipped ${s.name}: ${s.reason}`);
      if (info.bridgedKernels.length > 0) io.out(`  wasm kernels served by the cpu bridge: ${info.bridgedKernels.join(', ')}`);
    });

  cli.command('reproduce', 'Run the whole SpARC pipeline on the synthetic benchmark (default command)').action(() => {
    for (const line of REPRODUCE_PLAN) io.out(line);
  });

  cli.help();
  cli.version('0.1.0');

  try {
    cli.parse(['node', 'sparc', ...argv], { run: false });
    if (cli.matchedCommand == null && cli.args.length > 0) throw new UsageError(`unknown command '${cli.args[0]}' (see sparc --help)`);
    if (cli.options['help'] || cli.options['version']) return 0;
    if (cli.matchedCommand == null) {
      cli.outputHelp();
      return 0;
    }
    await cli.runMatchedCommand();
    return 0;
  } catch (error) {
    const e = error as Error;
    io.err(`sparc: ${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}`);
    if (cli.options['debug'] && e.stack) io.err(e.stack);
    return error instanceof UsageError || e.name === 'CACError' ? 2 : 1;
  }
}
