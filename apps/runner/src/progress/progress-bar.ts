// Progress of a long command: a bar redrawn in place with rate and ETA on a terminal, plain lines every
// few seconds otherwise (CI logs), and always a final line.
import type { CliIO } from '../commands/command-context.js';

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** What one unit is called in the rate ("q" -> "12.3 q/s"). Default "it". */
  readonly unit?: string;
  /** Milliseconds clock (default performance.now). */
  readonly now?: () => number;
  /** Non-TTY: at most one line per this many ms (default 10 000), besides the final one. */
  readonly plainIntervalMs?: number;
  /** TTY: at most one redraw per this many ms (default 100). */
  readonly ttyIntervalMs?: number;
  /** Width of the bar in characters (default 24). */
  readonly width?: number;
  /** Units already done when the bar starts (a resumed job): excluded from the rate. */
  readonly startAt?: number;
}

/** A running progress display. */
export interface ProgressBar {
  /** `done` units of `total` are finished; `detail` is appended (e.g. "loss 1.23"). */
  update(done: number, detail?: string): void;
  /** Ends the display with a final line. */
  finish(detail?: string): void;
}

/** "1m05s", "42s", "1h02m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function formatRate(rate: number, unit: string): string {
  if (!Number.isFinite(rate)) return `? ${unit}/s`;
  return `${rate >= 100 ? rate.toFixed(0) : rate >= 10 ? rate.toFixed(1) : rate.toFixed(2)} ${unit}/s`;
}

/** The text of one progress line (pure; exported for tests). */
export function formatProgressLine(label: string, done: number, total: number, elapsedMs: number, counted: number, unit: string, width: number | null, detail?: string): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const rate = elapsedMs > 0 ? (counted * 1000) / elapsedMs : Number.NaN;
  const eta = rate > 0 ? (total - done) / rate : Number.NaN;
  const bar = width === null ? '' : `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] `;
  const pct = `${(fraction * 100).toFixed(0).padStart(3)}%`;
  const timing = done >= total ? `in ${formatDuration(elapsedMs / 1000)}` : `ETA ${formatDuration(eta)}`;
  return `${label} ${bar}${pct} ${done}/${total} ${formatRate(rate, unit)} ${timing}${detail ? ` ${detail}` : ''}`;
}

/** Starts a progress display for `total` units on `io`. */
export function createProgressBar(io: CliIO, label: string, total: number, options: ProgressBarOptions = {}): ProgressBar {
  const now = options.now ?? (() => performance.now());
  const unit = options.unit ?? 'it';
  const tty = Boolean(io.isTTY && io.write);
  const interval = tty ? (options.ttyIntervalMs ?? 100) : (options.plainIntervalMs ?? 10_000);
  const width = options.width ?? 24;
  const startAt = options.startAt ?? 0;
  const started = now();
  let lastShown = -Infinity;
  let last = { done: startAt, detail: undefined as string | undefined };
  let finished = false;
  let printedDone = -1;
  const line = (done: number, detail?: string) => formatProgressLine(label, done, total, now() - started, done - startAt, unit, tty ? width : null, detail);
  return {
    update(done, detail) {
      last = { done, detail };
      // Nothing to show before a unit is done (no rate yet); the last unit is shown by finish().
      if (finished || done <= startAt || (!tty && done >= total)) return;
      const t = now();
      if (t - lastShown < interval) return;
      lastShown = t;
      printedDone = done;
      if (tty) io.write!(`\r\x1b[2K${line(done, detail)}`);
      else io.out(line(done, detail));
    },
    finish(detail) {
      if (finished) return;
      finished = true;
      // Plain lines: nothing new since the last line (or nothing done at all), nothing to add.
      if (!tty && (printedDone === last.done || last.done <= startAt)) return;
      const text = line(last.done, detail ?? last.detail);
      if (tty) io.write!(`\r\x1b[2K${text}\n`);
      else io.out(text);
    },
  };
}
