// The report's charts as Chart.js configurations (plain JSON; the page only calls `new Chart`): training
// curves per loss term, accuracy per epoch, per-type accuracy bars, teacher history and teacher strips.
import { EVAL_TYPE_NAMES, type EvalType, type QuestionGroup } from '../data/nextqa/question-type.js';
import type { ReportData, RunSeries, StepField, TeacherStrip } from './report-data.js';

/** One canvas of the page. */
export interface ChartSpec {
  readonly id: string;
  /** Where the canvas goes: `curves`, `accuracy`, `teacher-<i>` (strips), `history-<i>`. */
  readonly section: string;
  /** Text above the chart (the strip's question), or null. */
  readonly caption: string | null;
  /** Height of the plot in CSS pixels. */
  readonly height: number;
  /** Spans the whole width of the page. */
  readonly wide?: boolean;
  /** A Chart.js configuration (datasets may carry `notes`: extra tooltip text per point). */
  readonly config: Record<string, unknown>;
}

/** Tableau 10: one colour per run or series, the same in every chart. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'] as const;

/** Strip colours: selected frames, the other frames, ground-truth causal markers, anchor markers, threshold. */
export const STRIP_COLORS = { selected: '#e6550d', other: '#9ecae1', causal: '#2ca02c', anchor: '#7b4173', threshold: '#d62728' } as const;

const colorOf = (i: number): string => PALETTE[i % PALETTE.length]!;

/** The step charts: field, title, y-axis label, and a scale applied to the values. */
const STEP_CHARTS: ReadonlyArray<{ field: StepField; title: string; axis: string; scale: number }> = [
  { field: 'loss', title: 'Total training loss', axis: 'loss', scale: 1 },
  { field: 'whole', title: 'Whole-video cross-entropy (baseline term)', axis: 'loss', scale: 1 },
  { field: 'guided', title: 'Guided cross-entropy on the causal frames', axis: 'loss', scale: 1 },
  { field: 'consistency', title: 'Consistency (KL) term', axis: 'loss', scale: 1 },
  { field: 'spatial', title: 'Spatial distillation term', axis: 'loss', scale: 1 },
  { field: 'accuracy', title: 'Training accuracy per step', axis: 'accuracy (%)', scale: 100 },
  { field: 'framesKept', title: 'Causal frames kept per question', axis: 'frames', scale: 1 },
];

function baseOptions(title: string, x: string, y: string, extra: { yMin?: number; yMax?: number; xStep?: number } = {}): Record<string, unknown> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'nearest', intersect: false },
    plugins: { title: { display: true, text: title, font: { size: 14 } }, legend: { position: 'bottom', labels: { boxWidth: 14 } } },
    scales: {
      x: { type: 'linear', title: { display: true, text: x }, ticks: { precision: 0, ...(extra.xStep ? { stepSize: extra.xStep } : {}) } },
      y: { title: { display: true, text: y }, ...(extra.yMin !== undefined ? { min: extra.yMin } : {}), ...(extra.yMax !== undefined ? { max: extra.yMax } : {}) },
    },
  };
}

/** A line chart of one step field, one line per run that has it; null when no run has it. */
function stepChart(runs: readonly RunSeries[], chart: (typeof STEP_CHARTS)[number], index: number): ChartSpec | null {
  const datasets = runs
    .map((run, i) => ({ run, i, points: run.steps.filter((s) => s[chart.field] !== null).map((s) => ({ x: s.step, y: s[chart.field]! * chart.scale })) }))
    .filter((d) => d.points.length > 0)
    .map(({ run, i, points }) => ({
      label: run.label,
      data: points,
      borderColor: colorOf(i),
      backgroundColor: colorOf(i),
      borderWidth: 1.5,
      pointRadius: points.length <= 60 ? 2 : 0,
      tension: 0,
    }));
  if (datasets.length === 0) return null;
  const accuracy = chart.field === 'accuracy';
  return {
    id: `curve-${index}-${chart.field}`,
    section: 'curves',
    caption: null,
    height: 260,
    config: { type: 'line', data: { datasets }, options: baseOptions(chart.title, 'step', chart.axis, accuracy ? { yMin: 0, yMax: 100 } : {}) },
  };
}

/** Train accuracy (epoch means, dashed) and evaluation accuracy (solid) per epoch, per run. */
function epochAccuracyChart(runs: readonly RunSeries[]): ChartSpec | null {
  const datasets: Array<Record<string, unknown>> = [];
  runs.forEach((run, i) => {
    const train = run.epochMeans.filter((e) => e.accuracy !== null).map((e) => ({ x: e.epoch, y: e.accuracy! * 100 }));
    if (train.length > 0) {
      datasets.push({ label: `${run.label} train (epoch mean)`, data: train, borderColor: colorOf(i), backgroundColor: colorOf(i), borderDash: [6, 4], borderWidth: 1.5, pointRadius: 3, tension: 0 });
    }
    const split = run.evaluations[0]?.split ?? 'val';
    const evaluation = run.evaluations.map((e) => ({ x: e.epoch, y: e.overall }));
    if (evaluation.length > 0) {
      datasets.push({ label: `${run.label} ${split}`, data: evaluation, borderColor: colorOf(i), backgroundColor: colorOf(i), borderWidth: 2.5, pointRadius: 4, pointStyle: 'rectRot', tension: 0 });
    }
  });
  if (datasets.length === 0) return null;
  return {
    id: 'curve-epoch-accuracy',
    section: 'curves',
    caption: null,
    height: 260,
    config: { type: 'line', data: { datasets }, options: baseOptions('Accuracy per epoch: train (dashed) and evaluation (solid)', 'epoch', 'accuracy (%)', { yMin: 0, yMax: 100, xStep: 1 }) },
  };
}

/** Display name of an accuracy category: `C (causal)`, `CW why`, ... */
export function categoryName(category: string): string {
  const groups: Record<string, string> = { C: 'C (causal)', T: 'T (temporal)', D: 'D (descriptive)' };
  if (groups[category]) return groups[category]!;
  const name = EVAL_TYPE_NAMES[category as EvalType | QuestionGroup];
  return name === undefined ? category : `${category} ${name.toLowerCase()}`;
}

function accuracyChart(data: ReportData): ChartSpec | null {
  if (data.accuracy.series.length === 0) return null;
  return {
    id: 'accuracy-bars',
    section: 'accuracy',
    caption: null,
    height: 340,
    wide: true,
    config: {
      type: 'bar',
      data: {
        labels: data.accuracy.categories.map(categoryName),
        datasets: data.accuracy.series.map((s, i) => ({ label: `${s.label} [${s.source}]`, data: s.values, backgroundColor: colorOf(i), borderColor: colorOf(i), borderWidth: 1 })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { title: { display: true, text: 'Accuracy per question group and type', font: { size: 14 } }, legend: { position: 'bottom', labels: { boxWidth: 14 } } },
        scales: { x: { title: { display: false } }, y: { min: 0, max: 100, title: { display: true, text: 'accuracy (%)' } } },
      },
    },
  };
}

function historyChart(history: ReportData['reproductions'][number]['teacher']['history'], index: number): ChartSpec | null {
  const datasets: Array<Record<string, unknown>> = [];
  history.forEach((phase, i) => {
    datasets.push({ label: `${phase.phase} loss`, data: phase.epochs.map((e) => ({ x: e.epoch, y: e.loss })), borderColor: colorOf(i), backgroundColor: colorOf(i), yAxisID: 'y', pointRadius: 3, tension: 0 });
    const acc = phase.epochs.filter((e) => e.accuracy !== null).map((e) => ({ x: e.epoch, y: e.accuracy! * 100 }));
    if (acc.length > 0) datasets.push({ label: `${phase.phase} validation accuracy`, data: acc, borderColor: colorOf(i), backgroundColor: colorOf(i), borderDash: [6, 4], yAxisID: 'y1', pointRadius: 3, tension: 0 });
  });
  if (datasets.length === 0) return null;
  const options = baseOptions('Teacher training: loss (solid) and validation accuracy (dashed)', 'epoch', 'loss', { xStep: 1 });
  (options['scales'] as Record<string, unknown>)['y1'] = { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: 'accuracy (%)' } };
  return { id: `history-${index}`, section: `history-${index}`, caption: null, height: 260, config: { type: 'line', data: { datasets }, options } };
}

/** The strip's caption: `[CW] why did the girl cry? -> answer 2 'jump'`. */
export function stripCaption(strip: TeacherStrip): string {
  const answer = strip.candidates[strip.answer] ?? String(strip.answer);
  const question = /[?.!]$/.test(strip.question.trim()) ? strip.question.trim() : `${strip.question.trim()}?`;
  const teacher = strip.averagedPrediction === strip.answer ? 'teacher (frame mean) right' : `teacher (frame mean) says ${strip.averagedPrediction} '${strip.candidates[strip.averagedPrediction] ?? ''}'`;
  return `[${strip.type}] ${question} answer: ${strip.answer} '${answer}'; ${teacher}${strip.usedFallback ? '; no frame passed t: fallback' : ''}`;
}

/** One question's teacher strip: p_k[a] bars (selected frames highlighted), threshold, and markers. */
export function stripChart(strip: TeacherStrip, threshold: number, id: string, section: string): ChartSpec {
  const T = strip.answerProbs.length;
  const selected = new Set(strip.selected);
  const marker = (frames: readonly number[]) => Array.from({ length: T }, (_, k) => (frames.includes(k) ? 1 : null));
  const notes = Array.from({ length: T }, (_, k) => {
    const top = strip.topCandidate[k]!;
    const marks = [selected.has(k) ? 'selected' : 'not selected', strip.causal.includes(k) ? 'ground-truth causal' : '', strip.anchor.includes(k) ? 'anchor (named by the question)' : ''].filter((m) => m !== '');
    return `teacher's top: ${top} '${strip.candidates[top] ?? ''}'; ${marks.join(', ')}`;
  });
  return {
    id,
    section,
    caption: stripCaption(strip),
    height: 190,
    config: {
      type: 'bar',
      data: {
        labels: Array.from({ length: T }, (_, k) => String(k)),
        datasets: [
          {
            type: 'bar',
            label: 'p_k[answer]',
            data: strip.answerProbs,
            backgroundColor: strip.answerProbs.map((_, k) => (selected.has(k) ? STRIP_COLORS.selected : STRIP_COLORS.other)),
            notes,
            order: 3,
          },
          { type: 'line', label: `t = ${threshold}`, data: Array.from({ length: T }, () => threshold), borderColor: STRIP_COLORS.threshold, borderDash: [5, 4], borderWidth: 1.5, pointRadius: 0, order: 2 },
          { type: 'line', label: 'ground-truth causal', data: marker(strip.causal), showLine: false, pointStyle: 'triangle', rotation: 180, pointRadius: 7, backgroundColor: STRIP_COLORS.causal, borderColor: STRIP_COLORS.causal, clip: false, order: 1 },
          { type: 'line', label: 'anchor', data: marker(strip.anchor), showLine: false, pointStyle: 'crossRot', pointRadius: 7, borderWidth: 2.5, backgroundColor: STRIP_COLORS.anchor, borderColor: STRIP_COLORS.anchor, clip: false, order: 1 },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        layout: { padding: { top: 10 } },
        plugins: { legend: { display: false } },
        scales: { x: { title: { display: true, text: 'frame k' } }, y: { min: 0, max: 1, ticks: { stepSize: 0.2 }, title: { display: true, text: 'p_k[a]' } } },
      },
    },
  };
}

/** Every chart of the report, in page order. */
export function buildChartSpecs(data: ReportData): ChartSpec[] {
  const specs: ChartSpec[] = [];
  STEP_CHARTS.forEach((chart, i) => {
    const spec = stepChart(data.runs, chart, i);
    if (spec) specs.push(spec);
  });
  const epochs = epochAccuracyChart(data.runs);
  if (epochs) specs.push(epochs);
  const bars = accuracyChart(data);
  if (bars) specs.push(bars);
  data.reproductions.forEach((repro, r) => {
    const history = historyChart(repro.teacher.history, r);
    if (history) specs.push(history);
    repro.teacher.strips.forEach((strip, s) => specs.push(stripChart(strip, repro.teacher.threshold, `strip-${r}-${s}`, `teacher-${r}`)));
  });
  return specs;
}
