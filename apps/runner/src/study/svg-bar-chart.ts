// A grouped bar chart as a static SVG string (no dependency, deterministic bytes): mean bars with ± sd error
// bars, a legend, ticks, wrapped group labels, an optional dashed reference line. The study charts draw with it.
import { escapeHtml } from '../report/escape-html.js';
import { meanSd } from './run-study.js';
/** Size of every chart and of its plot area (pixels). */
export const STUDY_SVG_LAYOUT = Object.freeze({ width: 960, height: 440, plot: Object.freeze({ left: 72, top: 80, width: 864, height: 272 }) });

/** Font sizes: title, legend and axis labels, tick labels and group labels. */
const FONT = { title: 16, label: 13, tick: 12 } as const;
const FONT_FAMILY = 'DejaVu Sans, Helvetica, Arial, sans-serif';
/** Widest bar (pixels), so a chart with few groups does not get slabs. */
const MAX_BAR_WIDTH = 40;
/** Estimated width of a character in ems: for the legend's layout, and (wider, to be safe) for wrapping group labels. */
const LEGEND_CHAR = 0.55;
const LABEL_CHAR = 0.6;

export const REFERENCE_COLOR = '#d62728';

/** A coordinate with at most 2 decimals, no trailing zeros, never `-0`. */
export function px(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** The top of the y axis: a round number >= `max` (steps 1, 2, 2.5, 5 x 10^k, about 5 ticks). */
export function niceAxis(max: number): { max: number; step: number } {
  if (!(max > 0) || !Number.isFinite(max)) return { max: 1, step: 0.2 };
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-9))!;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

/**
 * Splits a group label into lines of at most `maxChars` characters: at spaces when every word fits,
 * else after `=`, `+` or a space (a longer piece is cut).
 */
export function wrapLabel(label: string, maxChars: number): string[] {
  if (label.length <= maxChars) return [label];
  const words = label.split(' ').filter((w) => w !== '');
  if (words.length > 1 && words.every((w) => w.length <= maxChars)) return greedyLines(words.map((w) => `${w} `), maxChars);
  return greedyLines(label.match(/[^=+ ]*[=+ ]|[^=+ ]+$/g) ?? [label], maxChars);
}

/** Packs pieces (each ending with its separator) into lines of at most `maxChars` (trailing spaces dropped). */
function greedyLines(pieces: readonly string[], maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let piece of pieces) {
    while (piece.length > maxChars) {
      if (line.trim() !== '') lines.push(line.trimEnd());
      line = '';
      lines.push(piece.slice(0, maxChars));
      piece = piece.slice(maxChars);
    }
    if ((line + piece).trimEnd().length > maxChars && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = '';
    }
    line += piece;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** One bar: the mean, the sample sd (null: no error bar), and how many values it averages. */
export interface BarValue {
  readonly mean: number | null;
  readonly sd: number | null;
  readonly n: number;
}

export interface BarGroup {
  readonly label: string;
  readonly note: string | null;
  readonly bars: readonly BarValue[];
}

export interface BarChart {
  readonly title: string;
  readonly yLabel: string;
  readonly series: ReadonlyArray<{ readonly name: string; readonly label: string; readonly color: string }>;
  readonly groups: ReadonlyArray<BarGroup>;
  /** A fixed top of the y axis (else rounded up from the data and the reference line). */
  readonly yMax?: number;
  /** The highest top of the y axis when it is rounded up (percentages: 100 even when mean + sd passes it). */
  readonly yCap?: number;
  readonly reference: { readonly value: number; readonly label: string } | null;
  /** Digits of the values in tooltips and value labels. */
  readonly digits: number;
  /** Writes each bar's value above it. */
  readonly valueLabels: boolean;
  /** Said in the middle of the plot when there is no group. */
  readonly empty: string;
}

/** Mean ± sample sd of the finite values (null mean when there is none; null sd for n = 1). */
export function barValue(xs: ReadonlyArray<number | null | undefined>, scale = 1): BarValue {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).map((x) => x * scale);
  if (v.length === 0) return { mean: null, sd: null, n: 0 };
  const { mean, sd, n } = meanSd(v);
  return { mean, sd: n > 1 ? sd : null, n };
}

export function text(x: number, y: number, content: string, attrs: string): string {
  return `<text x="${px(x)}" y="${px(y)}" ${attrs}>${escapeHtml(content)}</text>`;
}

/** Draws a grouped bar chart (the three study charts share it). */
export function barChartSvg(chart: BarChart): string {
  const { width, height, plot } = STUDY_SVG_LAYOUT;
  const bottom = plot.top + plot.height;
  const highest = Math.max(
    0,
    ...chart.groups.flatMap((g) => g.bars.map((b) => (b.mean === null ? 0 : b.mean + (b.sd ?? 0)))),
    chart.reference?.value ?? 0,
  );
  const fixed = chart.yMax ?? (chart.yCap !== undefined && niceAxis(highest).max > chart.yCap ? chart.yCap : undefined);
  const axis = fixed !== undefined ? { max: fixed, step: fixed / 5 } : niceAxis(highest);
  const scale = plot.height / axis.max;
  const y = (v: number) => bottom - Math.min(Math.max(v, 0), axis.max) * scale;
  const stepDigits = [0, 1, 2, 3].find((d) => Math.abs(Number(axis.step.toFixed(d)) - axis.step) < 1e-9) ?? 3;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${FONT_FAMILY}">`);
  out.push(`<title>${escapeHtml(chart.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(text(plot.left, 26, chart.title, `font-size="${FONT.title}" font-weight="bold" fill="#222222"`));
  // Legend (at most two lines under the title): the series, the reference line, what the error bars are.
  const entries: Array<{ label: string; mark: (x: number, y: number) => string }> = chart.series.map((s) => ({
    label: s.label,
    mark: (x, y) => `<rect x="${px(x)}" y="${px(y - 10)}" width="12" height="12" fill="${s.color}"/>`,
  }));
  if (chart.reference) {
    entries.push({ label: chart.reference.label, mark: (x, y) => `<line x1="${px(x - 6)}" y1="${px(y - 4)}" x2="${px(x + 14)}" y2="${px(y - 4)}" stroke="${REFERENCE_COLOR}" stroke-width="2" stroke-dasharray="6 4"/>` });
  }
  if (chart.groups.some((g) => g.bars.some((b) => b.sd !== null))) {
    entries.push({ label: '± sample sd', mark: (x, y) => `<line x1="${px(x + 6)}" y1="${px(y - 11)}" x2="${px(x + 6)}" y2="${px(y + 3)}" stroke="#222222" stroke-width="1.5"/>` });
  }
  const legend: string[] = [];
  let lx = plot.left;
  let ly = 50;
  for (const e of entries) {
    const w = 23 + e.label.length * FONT.label * LEGEND_CHAR;
    if (lx > plot.left && lx + w > width - 8) {
      lx = plot.left;
      ly += 18;
    }
    legend.push(e.mark(lx + 6, ly), text(lx + 23, ly, e.label, `font-size="${FONT.label}" fill="#333333"`));
    lx += w + 16;
  }
  out.push(`<g class="legend">${legend.join('')}</g>`);
  // Y axis: grid lines, ticks with labels, the axis title.
  const ticks: string[] = [];
  for (let i = 0; i * axis.step <= axis.max * (1 + 1e-9); i++) {
    const v = i * axis.step;
    const ty = y(v);
    ticks.push(`<line x1="${px(plot.left)}" y1="${px(ty)}" x2="${px(plot.left + plot.width)}" y2="${px(ty)}" stroke="${i === 0 ? '#444444' : '#e4e4e4'}" stroke-width="1"/>`);
    ticks.push(`<line x1="${px(plot.left - 5)}" y1="${px(ty)}" x2="${px(plot.left)}" y2="${px(ty)}" stroke="#444444" stroke-width="1"/>`);
    ticks.push(text(plot.left - 8, ty + 4, v.toFixed(stepDigits), `class="tick" font-size="${FONT.tick}" text-anchor="end" fill="#333333"`));
  }
  out.push(`<g class="y-axis">${ticks.join('')}</g>`);
  out.push(`<line x1="${px(plot.left)}" y1="${px(plot.top)}" x2="${px(plot.left)}" y2="${px(bottom)}" stroke="#444444" stroke-width="1"/>`);
  const midY = plot.top + plot.height / 2;
  out.push(`<text x="18" y="${px(midY)}" font-size="${FONT.label}" text-anchor="middle" fill="#333333" transform="rotate(-90 18 ${px(midY)})">${escapeHtml(chart.yLabel)}</text>`);
  // Groups of bars.
  const G = chart.groups.length;
  if (G === 0) out.push(text(plot.left + plot.width / 2, midY, chart.empty, `font-size="${FONT.label}" text-anchor="middle" fill="#666666"`));
  const groupWidth = plot.width / Math.max(G, 1);
  const S = chart.series.length;
  const barWidth = Math.min((groupWidth * 0.8) / S, MAX_BAR_WIDTH);
  const maxChars = Math.max(4, Math.floor((groupWidth - 4) / (FONT.tick * LABEL_CHAR)));
  chart.groups.forEach((g, gi) => {
    const name = g.label;
    const x0 = plot.left + gi * groupWidth + (groupWidth - S * barWidth) / 2;
    const parts: string[] = [];
    g.bars.forEach((b, si) => {
      const s = chart.series[si]!;
      const bx = x0 + si * barWidth + 1;
      const bw = barWidth - 2;
      const cx = bx + bw / 2;
      if (b.mean === null) {
        parts.push(text(cx, bottom - 4, '–', `class="missing" font-size="${FONT.tick}" text-anchor="middle" fill="#999999"`));
        return;
      }
      const value = `${b.mean.toFixed(chart.digits)}${b.sd === null ? '' : ` ± ${b.sd.toFixed(chart.digits)}`} (n=${b.n})`;
      const top = y(b.mean);
      parts.push(
        `<rect class="bar" data-group="${escapeHtml(name)}" data-series="${escapeHtml(s.name)}" x="${px(bx)}" y="${px(top)}" width="${px(bw)}" height="${px(bottom - top)}" fill="${s.color}"><title>${escapeHtml(`${name}, ${s.label}: ${value}`)}</title></rect>`,
      );
      if (b.sd !== null) {
        const hi = y(b.mean + b.sd);
        const lo = y(b.mean - b.sd);
        const cap = Math.min(bw * 0.5, 10) / 2;
        parts.push(
          `<g class="err" data-group="${escapeHtml(name)}" data-series="${escapeHtml(s.name)}" stroke="#222222" stroke-width="1.5">` +
            `<line x1="${px(cx)}" y1="${px(hi)}" x2="${px(cx)}" y2="${px(lo)}"/>` +
            `<line x1="${px(cx - cap)}" y1="${px(hi)}" x2="${px(cx + cap)}" y2="${px(hi)}"/>` +
            `<line x1="${px(cx - cap)}" y1="${px(lo)}" x2="${px(cx + cap)}" y2="${px(lo)}"/></g>`,
        );
      }
      if (chart.valueLabels) parts.push(text(cx, top - 4, b.mean.toFixed(chart.digits), `class="value" font-size="${FONT.tick - 1}" text-anchor="middle" fill="#333333"`));
    });
    const cx = plot.left + gi * groupWidth + groupWidth / 2;
    const lines = wrapLabel(g.label, maxChars);
    lines.forEach((line, li) => parts.push(text(cx, bottom + 18 + li * 14, line, `class="group" font-size="${FONT.tick}" text-anchor="middle" fill="#222222"`)));
    if (g.note !== null) parts.push(text(cx, bottom + 18 + lines.length * 14, g.note, `class="note" font-size="${FONT.tick - 1}" text-anchor="middle" fill="#777777"`));
    out.push(`<g class="bar-group">${parts.join('')}</g>`);
  });
  if (chart.reference) {
    const ry = y(chart.reference.value);
    out.push(`<line class="ref" x1="${px(plot.left)}" y1="${px(ry)}" x2="${px(plot.left + plot.width)}" y2="${px(ry)}" stroke="${REFERENCE_COLOR}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
