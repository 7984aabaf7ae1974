// The sparc entry point: parses argv, runs the matched command, maps every error (usage or run time) to one
// line on stderr and exit code 1 (`--debug` adds the stack).
// `main` never exits the process; tests call it with argv arrays.
import { createCli } from './cli.js';
import type { CliIO } from './commands/command-context.js';
import { UsageError } from './commands/usage-error.js';

const defaultIO: CliIO = { out: (l) => console.log(l), err: (l) => console.error(l), isTTY: Boolean(process.stdout.isTTY), write: (t) => void process.stdout.write(t) };

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
    const name = e.name === 'CACError' ? 'UsageError' : e.name;
    io.err(`sparc: ${name && name !== 'Error' ? `${name}: ` : ''}${e.message}`);
    if (cli.options['debug'] && e.stack) io.err(e.stack);
    return 1;
  }
}
