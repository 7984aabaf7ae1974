// Shared tsup preset: every package's tsup.config.ts is a one-liner over these (STYLE 3.11).
import { defineConfig } from 'tsup';

/** Libraries: ESM + .d.ts, platform-neutral, tfjs never bundled (tsup issue #998). */
export function libraryConfig(entry) {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    external: [/^@tensorflow\//, /^node:/, /^msgpackr/, /^onnxruntime/],
  });
}

/** Applications: ESM for Node (and Deno), dependencies left external. */
export function appConfig(entry) {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'node',
    external: [/^@tensorflow\//, /^@sparc-vqa\//, 'cac', 'h5wasm', 'msgpackr'],
  });
}
