// The small table of what differs between the runs' configurations (config.json `config`).
import type { ConfigDifferences, RunSeries } from './report-data.js';

/** A value as it appears in the table: compact JSON (strings without quotes), `-` when absent. */
export function formatConfigValue(value: unknown): string {
  if (value === undefined) return '-';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Lists the fields (in order of first appearance) whose values are not equal in every run, a field
 * missing from a run counting as different, and counts the fields that are the same everywhere.
 *
 * @example
 * configDifferences([{ label: 'a', config: { lr: 1, seed: 0 } }, { label: 'b', config: { lr: 2, seed: 0 } }])
 * // { runs: ['a', 'b'], rows: [{ field: 'lr', values: ['1', '2'] }], same: 1 }
 */
export function configDifferences(runs: ReadonlyArray<Pick<RunSeries, 'label' | 'config'>>): ConfigDifferences {
  const fields: string[] = [];
  for (const run of runs) for (const field of Object.keys(run.config)) if (!fields.includes(field)) fields.push(field);
  const rows: Array<{ field: string; values: string[] }> = [];
  let same = 0;
  for (const field of fields) {
    const present = runs.map((run) => Object.prototype.hasOwnProperty.call(run.config, field));
    const values = runs.map((run) => JSON.stringify(run.config[field]));
    if (present.every(Boolean) && values.every((v) => v === values[0])) same++;
    else rows.push({ field, values: runs.map((run, i) => (present[i] ? formatConfigValue(run.config[field]) : '-')) });
  }
  return { runs: runs.map((r) => r.label), rows, same };
}
