import { describe, expect, it } from 'vitest';
import { buildChartSpecs, categoryName, PALETTE, STRIP_COLORS, stripChart, stripCaption } from './chart-specs.js';
import type { ReportData, RunSeries, TeacherStrip } from './report-data.js';
import { aggregateEpochs } from './aggregate-epochs.js';
import { parseMetricsJsonl } from './read-metrics-jsonl.js';
import { BASELINE_LINES, SPARC_LINES } from './testing/write-report-fixtures.js';

type Dataset = { label: string; data: unknown[]; backgroundColor?: unknown; borderColor?: unknown; borderDash?: number[] };
const datasets = (config: Record<string, unknown>) => (config['data'] as { datasets: Dataset[] }).datasets;

function run(label: string, lines: readonly Record<string, unknown>[]): RunSeries {
  const m = parseMetricsJsonl(lines.map((l) => JSON.stringify(l)).join('\n'), 'm.jsonl');
  return { label, dir: `/${label}`, config: {}, steps: m.steps, epochMeans: aggregateEpochs(m.steps), evaluations: m.evaluations };
}

const strip: TeacherStrip = {
  key: 'v_0', type: 'CW', question: 'why did the girl cry', candidates: ['a', 'b', 'c'], answer: 1,
  answerProbs: [0.2, 0.9, 0.6, 0.1], topCandidate: [0, 1, 1, 2], averagedPrediction: 1, selected: [1, 2], usedFallback: false, causal: [1], anchor: [3],
};

describe('buildChartSpecs', () => {
  const data: ReportData = {
    title: 't', generatedAt: 'g', inputs: [], runs: [run('baseline', BASELINE_LINES), run('SpARC', SPARC_LINES)],
    accuracy: { categories: ['All', 'C'], series: [{ label: 'baseline', source: 's', count: 1, values: [50, null] }] },
    configDifferences: { runs: [], rows: [], same: 0 }, reproductions: [],
  };
  const specs = buildChartSpecs(data);

  it('one chart per step field some run has, overlaying the runs that have it, plus per-epoch accuracy and bars', () => {
    expect(specs.map((s) => s.id)).toEqual([
      'curve-0-loss', 'curve-1-whole', 'curve-2-guided', 'curve-3-consistency', 'curve-4-spatial', 'curve-5-accuracy', 'curve-6-framesKept', 'curve-epoch-accuracy', 'accuracy-bars',
    ]);
    const loss = datasets(specs[0]!.config);
    expect(loss.map((d) => d.label)).toEqual(['baseline', 'SpARC']);
    expect(loss[0]!.data).toEqual([{ x: 1, y: 2 }, { x: 2, y: 1 }, { x: 3, y: 0.6 }]);
    expect(datasets(specs[2]!.config).map((d) => d.label)).toEqual(['SpARC']); // guided: the baseline has none
    // the same colour for a run in every chart
    expect(datasets(specs[2]!.config)[0]!.borderColor).toBe(PALETTE[1]);
    // training accuracy in percent
    expect(datasets(specs[5]!.config)[0]!.data).toEqual([{ x: 1, y: 25 }, { x: 2, y: 50 }, { x: 3, y: 75 }]);
  });

  it('per epoch: the train mean dashed and the evaluation solid', () => {
    const epoch = datasets(specs[7]!.config);
    expect(epoch.map((d) => d.label)).toEqual(['baseline train (epoch mean)', 'baseline val', 'SpARC train (epoch mean)', 'SpARC val']);
    expect(epoch[0]!.data).toEqual([{ x: 1, y: 37.5 }, { x: 2, y: 75 }]);
    expect(epoch[0]!.borderDash).toEqual([6, 4]);
    expect(epoch[1]!.data).toEqual([{ x: 1, y: 40 }, { x: 2, y: 50 }]);
    expect(epoch[1]!.borderDash).toBeUndefined();
  });

  it('bars carry nulls through and name the categories', () => {
    const bars = specs[8]!.config as { data: { labels: string[]; datasets: Dataset[] } };
    expect(bars.data.labels).toEqual(['All', 'C (causal)']);
    expect(bars.data.datasets[0]!.data).toEqual([50, null]);
    expect([categoryName('CW'), categoryName('TN'), categoryName('D')]).toEqual(['CW why', 'TN bef&aft', 'D (descriptive)']);
  });
});

describe('stripChart', () => {
  it('colours the selected bars, draws t, and marks the causal and anchor frames', () => {
    const spec = stripChart(strip, 0.5, 'strip-0-0', 'teacher-0');
    const [bars, threshold, causal, anchor] = datasets(spec.config);
    expect(bars!.data).toEqual([0.2, 0.9, 0.6, 0.1]);
    expect(bars!.backgroundColor).toEqual([STRIP_COLORS.other, STRIP_COLORS.selected, STRIP_COLORS.selected, STRIP_COLORS.other]);
    expect(threshold!.data).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(causal!.data).toEqual([null, 1, null, null]);
    expect(anchor!.data).toEqual([null, null, null, 1]);
    expect((bars as unknown as { notes: string[] }).notes[3]).toBe("teacher's top: 2 'c'; not selected, anchor (named by the question)");
  });

  it('captions the question, the answer and what the teacher says', () => {
    expect(stripCaption(strip)).toBe("[CW] why did the girl cry? answer: 1 'b'; teacher (frame mean) right");
    expect(stripCaption({ ...strip, question: 'where?', averagedPrediction: 2, usedFallback: true })).toBe("[CW] where? answer: 1 'b'; teacher (frame mean) says 2 'c'; no frame passed t: fallback");
  });
});
