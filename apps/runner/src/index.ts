export { main, UsageError } from './main.js';
export type { CliIO } from './main.js';
export {
  BACKEND_ORDER,
  BackendUnavailableError,
  initBackend,
  isBackendRequest,
  kernelCoverage,
  kernelsUsed,
} from './backend/index.js';
export type { BackendInfo, BackendName, BackendRequest, InitBackendOptions } from './backend/index.js';
