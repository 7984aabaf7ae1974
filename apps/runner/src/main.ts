// The sparc entry point: parses argv, runs the matched command, maps errors to one line and an exit code.
// `main` never exits the process; tests call it with argv arrays.
import { createCli } from './cli.js';
import type { CliIO } from './commands/command-context.js';
import { UsageError } from './commands/usage-error.js';

const defaultIO: CliIO = { out: (l) => console.log(l), err: (l) => console.error(l), isTTY: Boolean(process.stdout.isTTY) };

/** Runs the CLI on `argv` (without the node and script entries) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  const cli = createCli({ io });
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
