/** Bad command-line usage (unknown command, bad flag value); printed as one line, exit code 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
