// Build entry for the `@sparc-vqa/runner/backend` subpath.
export * from './backend/index.js';
