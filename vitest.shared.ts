// Shared vitest setup: every package's tests run once per backend (cpu and wasm), against source
// (the `@sparc-vqa/source` export condition), with the backend chosen by the runner's backend layer.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));
const conditions = ['@sparc-vqa/source', 'module', 'node', 'import', 'default'];

/** The backends every tensor test runs on. */
export const TEST_BACKENDS = ['cpu', 'wasm'] as const;

interface PackageTestOptions {
  /** Backends to run this package's tests on (default: cpu and wasm). */
  readonly backends?: ReadonlyArray<(typeof TEST_BACKENDS)[number]>;
  /** Per-test timeout in ms (default 60 s: wasm gradient checks on 2 cores). */
  readonly testTimeout?: number;
}

export function packageVitestConfig(name: string, dir: string, options: PackageTestOptions = {}): ViteUserConfig {
  const backends = options.backends ?? TEST_BACKENDS;
  return defineConfig({
    resolve: {
      conditions,
      alias: { '@sparc-vqa/testing': path.join(root, 'tools/testing/src/index.ts') },
    },
    ssr: { resolve: { conditions, externalConditions: ['@sparc-vqa/source'] } },
    test: {
      root: dir,
      testTimeout: options.testTimeout ?? 60_000,
      hookTimeout: 60_000,
      pool: 'forks',
      projects: backends.map((backend) => ({
        extends: true as const,
        test: {
          name: `${name}:${backend}`,
          include: ['src/**/*.test.ts'],
          env: { SPARC_TEST_BACKEND: backend },
          setupFiles: [path.join(root, 'tools/testing/src/setup-backend.ts')],
        },
      })),
    },
  });
}
