import type { CAC } from 'cac';

/** Where the CLI writes; tests pass their own. */
export interface CliIO {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** True when `out` is an interactive terminal (progress bars redraw in place); plain lines otherwise. */
  readonly isTTY?: boolean;
  /** Raw write without a newline (progress bars redraw with it on a TTY). */
  readonly write?: (text: string) => void;
}

/** What every command registration receives. */
export interface CommandContext {
  readonly io: CliIO;
}

/** A command module registers its cac command(s); the action calls a library/engine function. */
export type RegisterCommand = (cli: CAC, ctx: CommandContext) => void;
