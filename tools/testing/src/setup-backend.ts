// vitest setup file: activates the backend named by SPARC_TEST_BACKEND through the runner's backend layer.
import { initBackend, isBackendRequest } from '../../../apps/runner/src/backend/index.js';

const requested = process.env['SPARC_TEST_BACKEND'] ?? 'cpu';
if (!isBackendRequest(requested)) throw new Error(`SPARC_TEST_BACKEND: unknown backend '${requested}'`);
const info = await initBackend(requested);
if (info.name !== requested) throw new Error(`SPARC_TEST_BACKEND=${requested} but ${info.name} is active`);
