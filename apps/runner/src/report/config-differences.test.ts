import { describe, expect, it } from 'vitest';
import { configDifferences, formatConfigValue } from './config-differences.js';

describe('configDifferences', () => {
  it('lists the differing fields in order of first appearance and counts the equal ones', () => {
    const d = configDifferences([
      { label: 'baseline', config: { lr: 0.001, temporal: false, teacher: null, seed: 0, sizes: [1, 2] } },
      { label: 'SpARC', config: { lr: 0.001, temporal: true, teacher: 'ground-truth', seed: 0, sizes: [1, 2], threshold: 0.5 } },
    ]);
    expect(d.runs).toEqual(['baseline', 'SpARC']);
    expect(d.rows).toEqual([
      { field: 'temporal', values: ['false', 'true'] },
      { field: 'teacher', values: ['null', 'ground-truth'] },
      { field: 'threshold', values: ['-', '0.5'] },
    ]);
    expect(d.same).toBe(3); // lr, seed, sizes (compared as JSON)
  });

  it('one run has nothing to differ in', () => {
    expect(configDifferences([{ label: 'a', config: { lr: 1, seed: 2 } }])).toEqual({ runs: ['a'], rows: [], same: 2 });
  });

  it('formats values compactly', () => {
    expect([formatConfigValue('tgm'), formatConfigValue(null), formatConfigValue(0.5), formatConfigValue(undefined), formatConfigValue({ a: 1 })]).toEqual(['tgm', 'null', '0.5', '-', '{"a":1}']);
  });
});
