// Reads a training run folder written by `sparc train` (engine/train-run.ts): config.json
// `{ config, environment }` and metrics.jsonl, into the series the report plots.
import fs from 'node:fs';
import path from 'node:path';
import { DataError, describeValue } from '../data/data-error.js';
import { readTextFile } from '../data/nextqa/read-nextqa-csv.js';
import { aggregateEpochs } from './aggregate-epochs.js';
import { readMetricsJsonl } from './read-metrics-jsonl.js';
import type { RunSeries } from './report-data.js';

/** The two files that make a folder a run folder. */
export const RUN_FILES = { config: 'config.json', metrics: 'metrics.jsonl' } as const;

/** True when `dir` has a run's config.json and metrics.jsonl. */
export function isRunFolder(dir: string): boolean {
  return fs.existsSync(path.join(dir, RUN_FILES.config)) && fs.existsSync(path.join(dir, RUN_FILES.metrics));
}

/** Reads a JSON file; a missing file or invalid JSON is a DataError. */
export function readJsonFile(file: string, what: string): unknown {
  const text = readTextFile(file, what);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataError(file, { file: true }, `valid JSON (${what})`, (error as Error).message, { cause: error });
  }
}

/**
 * Reads a run's configuration (`config` of config.json).
 * @throws DataError when the file is missing, not JSON, or has no `config` object
 */
export function readRunConfig(dir: string): Record<string, unknown> {
  const file = path.join(path.resolve(dir), RUN_FILES.config);
  const json = readJsonFile(file, 'run config.json') as { config?: unknown } | null;
  const config = json?.config;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new DataError(file, { key: 'config' }, 'an object (the resolved training configuration)', describeValue(config ?? null));
  }
  return config as Record<string, unknown>;
}

/**
 * Reads a run folder into a labelled series: its config, every step, per-epoch means and evaluations.
 * @throws DataError for a missing or malformed config.json or metrics.jsonl (naming file and line)
 */
export function readRunFolder(dir: string, label: string): RunSeries {
  const abs = path.resolve(dir);
  const config = readRunConfig(abs);
  const metrics = readMetricsJsonl(path.join(abs, RUN_FILES.metrics));
  return { label, dir: abs, config, steps: metrics.steps, epochMeans: aggregateEpochs(metrics.steps), evaluations: metrics.evaluations };
}
