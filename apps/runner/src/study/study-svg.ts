// Static SVG charts of the effectiveness study (paper Tables 5 and 7 as pictures) for the docs, where
// GitHub markdown runs no script: test accuracy per row, the frame evidence (causal vs random frames),
// where the model looks (gradient x input and attention on the causal frames), the misfocus probe, and the
// teacher's causal-frame precision/recall. Plain strings, no dependency, deterministic bytes.
import { compareStudyRecords } from './read-study-folders.js';
import type { StudyRecord, StudyResults } from './run-study.js';
import { barChartSvg, barValue, px, REFERENCE_COLOR, type BarGroup } from './svg-bar-chart.js';

/** Candidates per question of the synthetic benchmark: chance accuracy 20 %, a uniform guess costs ln 5 nats. */
export const SYNTH_CANDIDATES = 5;

export const ACCURACY_SERIES = Object.freeze([
  { name: 'C', label: 'C (causal)', color: '#4e79a7' },
  { name: 'T', label: 'T (temporal)', color: '#f28e2b' },
  { name: 'D', label: 'D (descriptive)', color: '#59a14f' },
  { name: 'All', label: 'All', color: '#6b6b6b' },
]);
export const EVIDENCE_SERIES = Object.freeze([
  { name: 'causal', label: 'CE, ground-truth causal frames only', color: '#2ca02c' },
  { name: 'random', label: 'CE, as many random frames', color: '#a0a0a0' },
]);
export const TEACHER_SERIES = Object.freeze([
  { name: 'precision', label: 'precision', color: '#4e79a7' },
  { name: 'recall', label: 'recall', color: '#f28e2b' },
]);
/** Where the model looks (percent): gradient x input (any backbone) and co-attention (HGA only). */
export const FOCUS_SERIES = Object.freeze([
  { name: 'gradientMass', label: 'gradient on causal', color: '#4e79a7' },
  { name: 'gradientTop1', label: 'gradient top-1 causal', color: '#a0cbe8' },
  { name: 'attentionMass', label: 'attention on causal', color: '#f28e2b' },
  { name: 'attentionTop1', label: 'attention top-1 causal', color: '#ffbe7d' },
]);
/** The misfocus probe (percent of before/after questions with the same top frame) by attention (HGA) and gradient. */
export const MISFOCUS_SERIES = Object.freeze([
  { name: 'attention', label: 'attention (HGA)', color: '#f28e2b' },
  { name: 'gradient', label: 'gradient x input', color: '#4e79a7' },
]);

/** The rows of `backbone` in table order (compareStudyRecords: STUDY_ROW_ORDER, unknown rows last), with their records. */
function rowsOf(results: StudyResults, backbone: 'hga' | 'vgt'): Array<{ row: string; records: StudyRecord[] }> {
  const rows: Array<{ row: string; records: StudyRecord[] }> = [];
  for (const r of [...results.records].sort(compareStudyRecords)) {
    if (r.backbone !== backbone) continue;
    const entry = rows.find((x) => x.row === r.row);
    if (entry) entry.records.push(r);
    else rows.push({ row: r.row, records: [r] });
  }
  return rows;
}

const seedsNote = (records: readonly StudyRecord[]) => `n=${new Set(records.map((r) => r.seed)).size}`;

/**
 * Test accuracy of `backbone` per row: bars C, T, D and All (mean over seeds, percent), error bars
 * ± sample sd (none for one seed), `n=<seeds>` under each row, and a dashed line at `chance` (percent).
 */
export function studyAccuracySvg(results: StudyResults, backbone: 'hga' | 'vgt', options: { readonly chance: number }): string {
  const groups = rowsOf(results, backbone).map(({ row, records }) => ({
    label: row,
    note: seedsNote(records),
    bars: ACCURACY_SERIES.map((s) => barValue(records.map((r) => (s.name === 'All' ? r.accuracy.overall : r.accuracy.groups[s.name as 'C' | 'T' | 'D'])))),
  }));
  return barChartSvg({
    title: `${backbone.toUpperCase()}: test accuracy per question group (mean over seeds)`,
    yLabel: 'test accuracy (%)',
    series: ACCURACY_SERIES,
    groups,
    reference: { value: options.chance, label: `chance (${px(options.chance)} %)` },
    digits: 1,
    valueLabels: false,
    empty: `no ${backbone.toUpperCase()} run`,
  });
}

/**
 * Where `backbone` finds its answer, per row: the cross-entropy of the answer seeing only the ground-truth
 * causal frames vs as many random frames (test split; mean ± sd over seeds), and a dashed line at ln 5
 * (a uniform guess over 5 candidates).
 */
export function studyEvidenceSvg(results: StudyResults, backbone: 'hga' | 'vgt'): string {
  const groups = rowsOf(results, backbone).map(({ row, records }) => ({
    label: row,
    note: seedsNote(records),
    bars: [barValue(records.map((r) => r.evidence.causalLoss)), barValue(records.map((r) => r.evidence.randomLoss))],
  }));
  return barChartSvg({
    title: `${backbone.toUpperCase()}: answer loss from the causal frames vs random frames (test split)`,
    yLabel: 'cross-entropy (nats)',
    series: EVIDENCE_SERIES,
    groups,
    reference: { value: Math.log(SYNTH_CANDIDATES), label: `uniform guess (ln ${SYNTH_CANDIDATES} = ${Math.log(SYNTH_CANDIDATES).toFixed(2)})` },
    digits: 3,
    valueLabels: false,
    empty: `no ${backbone.toUpperCase()} run`,
  });
}

/** The entries of `series` that have a value somewhere in `groups` (bars in the same order); groups kept only if some series is left. */
function withoutEmptySeries<S>(series: readonly S[], groups: readonly BarGroup[]): { series: S[]; groups: BarGroup[] } {
  const keep = series.map((_, si) => groups.some((g) => g.bars[si]!.mean !== null));
  const kept = series.filter((_, si) => keep[si]);
  return { series: kept, groups: kept.length === 0 ? [] : groups.map((g) => ({ ...g, bars: g.bars.filter((_, si) => keep[si]) })) };
}

/**
 * Where `backbone` looks, per row (test split, mean ± sample sd over seeds, percent): the share of the
 * gradient x input frame importance on the ground-truth causal frames and the share of questions whose most
 * important frame is causal; for HGA the same by its co-attention. A dashed line at the mean share uniform
 * importance would give. A series with no value in any record is left out (records of older versions have
 * no gradient; VGT has no attention).
 */
export function studyFocusSvg(results: StudyResults, backbone: 'hga' | 'vgt'): string {
  const rows = rowsOf(results, backbone);
  const candidates = backbone === 'hga' ? FOCUS_SERIES : FOCUS_SERIES.filter((s) => s.name.startsWith('gradient'));
  const valueOf = (r: StudyRecord, name: string): number | null | undefined => {
    const e = r.evidence;
    return name === 'gradientMass' ? e.gradientMass : name === 'gradientTop1' ? e.gradientTop1 : name === 'attentionMass' ? e.attentionMass : e.top1InCausal;
  };
  const { series, groups } = withoutEmptySeries(
    candidates,
    rows.map(({ row, records }) => ({ label: row, note: seedsNote(records), bars: candidates.map((s) => barValue(records.map((r) => valueOf(r, s.name)), 100)) })),
  );
  const uniform = barValue(rows.flatMap(({ records }) => records.map((r) => r.evidence.uniformMass)), 100).mean;
  const name = backbone.toUpperCase();
  return barChartSvg({
    title: `${name}: frame importance on the ground-truth causal frames (test split, mean over seeds)`,
    yLabel: 'percent',
    series,
    groups,
    yCap: 100,
    reference: uniform === null || series.length === 0 ? null : { value: uniform, label: `uniform share (${uniform.toFixed(1)} %)` },
    digits: 1,
    valueLabels: false,
    empty: rows.length === 0 ? `no ${name} run` : `no frame importance in the ${name} records (older sparc study: rerun it to add the gradient)`,
  });
}

/**
 * The misfocus probe of `backbone` per row: the share of before/after questions whose most important frame
 * stays the same when the two words are swapped (percent, mean ± sample sd over seeds, 0-100 axis), by HGA's
 * attention (HGA only) and by gradient x input. Lower means the focus follows the temporal word. A series
 * with no value in any record is left out (records of older versions have no gradient probe).
 */
export function studyMisfocusSvg(results: StudyResults, backbone: 'hga' | 'vgt'): string {
  const rows = rowsOf(results, backbone);
  const candidates = backbone === 'hga' ? MISFOCUS_SERIES : MISFOCUS_SERIES.filter((s) => s.name === 'gradient');
  const valueOf = (r: StudyRecord, name: string): number | null | undefined => (name === 'attention' ? r.misfocusIdentical : r.misfocusGradient);
  const { series, groups } = withoutEmptySeries(
    candidates,
    rows.map(({ row, records }) => ({ label: row, note: seedsNote(records), bars: candidates.map((s) => barValue(records.map((r) => valueOf(r, s.name)), 100)) })),
  );
  const name = backbone.toUpperCase();
  return barChartSvg({
    title: `${name} misfocus: same top frame after swapping before/after (lower = focus follows the word)`,
    yLabel: '% of questions with the same top frame',
    series,
    groups,
    yMax: 100,
    reference: null,
    digits: 1,
    valueLabels: false,
    empty: rows.length === 0 ? `no ${name} run` : `no misfocus measurement in the ${name} records`,
  });
}

/** Per teacher entry (`seed1`, `seed1 t=0.3`, ...): precision and recall of its causal frames (percent, 0-100). */
export function teacherQualitySvg(results: StudyResults): string {
  const groups = Object.entries(results.teacher).map(([name, q]) => ({
    label: name,
    note: `t=${q.threshold}, ${q.fallback}`,
    bars: [barValue([q.precision], 100), barValue([q.recall], 100)],
  }));
  return barChartSvg({
    title: 'Teacher causal frames vs ground-truth causal frames (test split)',
    yLabel: 'percent',
    series: TEACHER_SERIES,
    groups,
    yMax: 100,
    reference: null,
    digits: 1,
    valueLabels: true,
    empty: 'no teacher entry',
  });
}

/** One chart file of {@link studySvgCharts}. */
export interface StudySvgChart {
  /** File name: `study-{accuracy,evidence,focus,misfocus}-<backbone>.svg`, `study-teacher.svg`. */
  readonly file: string;
  readonly title: string;
  readonly svg: string;
}

/**
 * Every chart of a study: accuracy, evidence, focus and misfocus per backbone that has records (hga, vgt),
 * then the teacher (if any).
 */
export function studySvgCharts(results: StudyResults, options: { readonly chance?: number } = {}): StudySvgChart[] {
  const chance = options.chance ?? 100 / SYNTH_CANDIDATES;
  const charts: StudySvgChart[] = [];
  for (const backbone of ['hga', 'vgt'] as const) {
    if (!results.records.some((r) => r.backbone === backbone)) continue;
    charts.push({ file: `study-accuracy-${backbone}.svg`, title: `${backbone.toUpperCase()} test accuracy`, svg: studyAccuracySvg(results, backbone, { chance }) });
    charts.push({ file: `study-evidence-${backbone}.svg`, title: `${backbone.toUpperCase()} frame evidence`, svg: studyEvidenceSvg(results, backbone) });
    charts.push({ file: `study-focus-${backbone}.svg`, title: `${backbone.toUpperCase()} frame importance on the causal frames`, svg: studyFocusSvg(results, backbone) });
    charts.push({ file: `study-misfocus-${backbone}.svg`, title: `${backbone.toUpperCase()} misfocus probe`, svg: studyMisfocusSvg(results, backbone) });
  }
  if (Object.keys(results.teacher).length > 0) charts.push({ file: 'study-teacher.svg', title: 'Teacher precision and recall', svg: teacherQualitySvg(results) });
  return charts;
}
