import { describe, expect, it } from 'vitest';
import { createProgressBar, formatDuration, formatProgressLine } from './progress-bar.js';

function clockAt(times: number[]): () => number {
  let i = 0;
  return () => times[Math.min(i++, times.length - 1)]!;
}

describe('formatDuration', () => {
  it('formats seconds, minutes and hours', () => {
    expect([formatDuration(4.4), formatDuration(65), formatDuration(3720), formatDuration(Number.NaN)]).toEqual(['4s', '1m05s', '1h02m', '?']);
  });
});

describe('formatProgressLine', () => {
  it('shows the bar, percent, count, rate and ETA from elapsed time', () => {
    // 30 of 120 in 10 s: 3 q/s, 90 left -> 30 s.
    expect(formatProgressLine('train', 30, 120, 10_000, 30, 'q', 8, 'loss 1.5')).toBe('train [##......]  25% 30/120 3.00 q/s ETA 30s loss 1.5');
  });
  it('counts only the units done by this run for the rate (resumed jobs)', () => {
    // Resumed at 60, now at 90 after 10 s: 3/s, 30 left -> 10 s.
    expect(formatProgressLine('x', 90, 120, 10_000, 30, 'it', null)).toBe('x  75% 90/120 3.00 it/s ETA 10s');
  });
  it('says how long it took when done', () => {
    expect(formatProgressLine('x', 5, 5, 2_000, 5, 'it', null)).toBe('x 100% 5/5 2.50 it/s in 2s');
  });
});

describe('createProgressBar', () => {
  it('prints plain lines at most once per interval when not a TTY, and a final line', () => {
    const out: string[] = [];
    // started 0; updates at 1 s, 5 s, 12 s, 13 s; finish at 20 s.
    const bar = createProgressBar({ out: (l) => out.push(l), err: () => {} }, 'eval', 4, { now: clockAt([0, 1000, 1000, 5000, 12_000, 12_000, 20_000]), plainIntervalMs: 10_000, unit: 'q' });
    bar.update(1);
    bar.update(2);
    bar.update(3);
    bar.update(4); // the last unit: left to finish(), not printed twice
    bar.finish();
    expect(out).toEqual(['eval  25% 1/4 1.00 q/s ETA 3s', 'eval  75% 3/4 0.25 q/s ETA 4s', 'eval 100% 4/4 0.20 q/s in 20s']);
  });
  it('shows nothing until a unit past the starting point is done (a resumed job has no rate yet)', () => {
    const out: string[] = [];
    const bar = createProgressBar({ out: (l) => out.push(l), err: () => {} }, 'train', 10, { now: clockAt([0, 1000, 2000, 2000]), startAt: 6 });
    bar.update(6);
    bar.update(7);
    expect(out).toEqual(['train  70% 7/10 0.50 it/s ETA 6s']);
  });
  it('redraws in place on a TTY and ends with a newline', () => {
    const writes: string[] = [];
    const bar = createProgressBar({ out: () => {}, err: () => {}, isTTY: true, write: (t) => writes.push(t) }, 'fit', 2, { now: clockAt([0, 500, 500, 1000, 1000]), width: 4 });
    bar.update(1);
    bar.finish();
    expect(writes).toEqual(['\r\x1b[2Kfit [##..]  50% 1/2 2.00 it/s ETA 1s', '\r\x1b[2Kfit [##..]  50% 1/2 1.00 it/s ETA 1s\n']);
  });
});
