// What `sparc bench` measures and writes (issue 8): per backbone forward time, baseline and SpARC train
// steps, evaluation throughput and peak memory, plus the facts needed to compare runs (machine, backend,
// versions). `benchJson` fixes the JSON layout: `{ hga, vgt, backend, batch, ... }`.

/** One backbone's numbers (milliseconds are medians over the timed runs). */
export interface BackboneBench {
  readonly forwardMs: number;
  readonly baselineStepMs: number;
  readonly sparcStepMs: number;
  readonly evalQuestionsPerSec: number;
  /** Largest process RSS sampled during this backbone's measurements. */
  readonly peakRssMB: number;
  /** wasm only: the wasm heap after this backbone's measurements (it never shrinks). */
  readonly wasmHeapMB: number | null;
  /** Every timed run, in order. */
  readonly runsMs: { readonly forward: readonly number[]; readonly baseline: readonly number[]; readonly sparc: readonly number[] };
  /** Measurements that failed (their numbers are NaN, null in JSON), by name: the error's first line. */
  readonly errors: Readonly<Record<string, string>>;
}

/** The machine a bench ran on. */
export interface BenchMachine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly platform: string;
  readonly arch: string;
  readonly node: string;
  readonly totalMemMB: number;
  /** 1-minute load average when the bench started and ended (other processes share the cores). */
  readonly loadStart: number;
  readonly loadEnd: number;
}

/** A whole bench. */
export interface BenchReport {
  readonly hga?: BackboneBench;
  readonly vgt?: BackboneBench;
  readonly backend: string;
  readonly batch: number;
  readonly preset: 'reference' | 'small';
  readonly runs: number;
  readonly warmup: number;
  readonly date: string;
  readonly machine: BenchMachine;
  readonly versions: Readonly<Record<string, string>>;
}

const ms = (x: number) => (Number.isFinite(x) ? Math.round(x) : null);
const one = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);

function backboneJson(b: BackboneBench): Record<string, unknown> {
  return {
    forwardMs: ms(b.forwardMs),
    baselineStepMs: ms(b.baselineStepMs),
    sparcStepMs: ms(b.sparcStepMs),
    evalQuestionsPerSec: one(b.evalQuestionsPerSec),
    peakRssMB: ms(b.peakRssMB),
    wasmHeapMB: b.wasmHeapMB === null ? null : ms(b.wasmHeapMB),
    runsMs: { forward: b.runsMs.forward.map(ms), baseline: b.runsMs.baseline.map(ms), sparc: b.runsMs.sparc.map(ms) },
    ...(Object.keys(b.errors).length > 0 ? { errors: b.errors } : {}),
  };
}

/** The JSON `sparc bench --json` writes: the five issue-8 numbers per backbone first, then context. */
export function benchJson(report: BenchReport): Record<string, unknown> {
  return {
    ...(report.hga ? { hga: backboneJson(report.hga) } : {}),
    ...(report.vgt ? { vgt: backboneJson(report.vgt) } : {}),
    backend: report.backend,
    batch: report.batch,
    preset: report.preset,
    runs: report.runs,
    warmup: report.warmup,
    date: report.date,
    machine: report.machine,
    versions: report.versions,
  };
}
