export { main } from './main.js';
export { createCli, COMMANDS } from './cli.js';
export { UsageError } from './commands/usage-error.js';
export type { CliIO, CommandContext, RegisterCommand } from './commands/command-context.js';
export {
  BACKEND_ORDER,
  BackendUnavailableError,
  initBackend,
  isBackendRequest,
  kernelCoverage,
  kernelsUsed,
} from './backend/index.js';
export type { BackendInfo, BackendName, BackendRequest, InitBackendOptions } from './backend/index.js';
export { datasetId } from './teacher/dataset-id.js';
