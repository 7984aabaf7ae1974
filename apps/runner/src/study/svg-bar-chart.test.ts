import { describe, expect, it } from 'vitest';
import { barValue, niceAxis, wrapLabel } from './svg-bar-chart.js';

describe('svg bar chart helpers', () => {
  it('niceAxis rounds the top of the y axis up to a 1/2/2.5/5 step, about 5 ticks', () => {
    expect(niceAxis(40)).toEqual({ max: 40, step: 10 });
    expect(niceAxis(52.07)).toEqual({ max: 60, step: 20 });
    expect(niceAxis(Math.log(5))).toEqual({ max: 2, step: 0.5 });
    expect(niceAxis(11)).toEqual({ max: 12.5, step: 2.5 });
    expect(niceAxis(0)).toEqual({ max: 1, step: 0.2 });
  });

  it('wrapLabel breaks at spaces when the words fit, else after = or +', () => {
    expect(wrapLabel('T+S', 10)).toEqual(['T+S']);
    expect(wrapLabel('fallback=skip', 11)).toEqual(['fallback=', 'skip']);
    expect(wrapLabel('seed1 fallback=skip', 16)).toEqual(['seed1', 'fallback=skip']);
    expect(wrapLabel('T+S+mixup', 6)).toEqual(['T+S+', 'mixup']);
    expect(wrapLabel('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('barValue: mean and sample sd of the finite values; no sd for one value; nothing for none', () => {
    expect(barValue([30, 34])).toEqual({ mean: 32, sd: Math.sqrt(8), n: 2 });
    expect(barValue([0.8, null, undefined, Number.NaN], 100)).toEqual({ mean: 80, sd: null, n: 1 });
    expect(barValue([null])).toEqual({ mean: null, sd: null, n: 0 });
  });
});
