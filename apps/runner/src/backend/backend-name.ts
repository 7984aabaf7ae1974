/** Backends the runner can run on, in the order `auto` tries them. */
export const BACKEND_ORDER = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;

/** A concrete backend choice. `tensorflow-gpu` and `tensorflow` are the tfjs-node bindings. */
export type BackendName = (typeof BACKEND_ORDER)[number];

/** What `--backend` accepts. */
export type BackendRequest = BackendName | 'auto';

/** True when `value` is a valid `--backend` value. */
export function isBackendRequest(value: unknown): value is BackendRequest {
  return value === 'auto' || (BACKEND_ORDER as readonly unknown[]).includes(value);
}
