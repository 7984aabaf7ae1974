import { describe, expect, it } from 'vitest';
import { accuracyBars } from './accuracy-bars.js';

describe('accuracyBars', () => {
  it('aligns All, C, T, D and the type codes any series has (eval_mc.py order), null where missing', () => {
    const bars = accuracyBars([
      { label: 'baseline', source: 'results.json (test)', count: 4, overall: 50, groups: { C: 0, T: 50, D: 100 }, types: { DL: 100, CW: 0 } },
      { label: 'SpARC', source: 'results.json (test)', count: 4, overall: 75, groups: { C: 50, T: null, D: 100 }, types: { TN: 50 } },
    ]);
    expect(bars.categories).toEqual(['All', 'C', 'T', 'D', 'CW', 'TN', 'DL']);
    expect(bars.series[0]!.values).toEqual([50, 0, 50, 100, 0, null, 100]);
    expect(bars.series[1]!.values).toEqual([75, 50, null, 100, null, 50, null]);
  });

  it('no series: only the fixed categories', () => {
    expect(accuracyBars([])).toEqual({ categories: ['All', 'C', 'T', 'D'], series: [] });
  });
});
