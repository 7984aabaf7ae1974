import { describe, expect, it } from 'vitest';
import type { StudyRecord, StudyResults } from './run-study.js';
import { STUDY_QUICK, STUDY_ROW_ORDER } from './study-config.js';
import { escapeHtml } from '../report/escape-html.js';
import { studyAccuracySvg, studyEvidenceSvg, studyFocusSvg, studyMisfocusSvg, studySvgCharts, teacherQualitySvg } from './study-svg.js';
import { STUDY_SVG_LAYOUT } from './svg-bar-chart.js';
import { studyRecord, teacherQuality } from './testing/write-study-fixtures.js';

const { plot } = STUDY_SVG_LAYOUT;
const BOTTOM = plot.top + plot.height; // 80 + 272 = 352

/**
 * HGA: baseline over seeds 1 and 2 (All 30, 34; C 20, 24; T 30, 30; D 40, 40), T+S seed 1, and an
 * unknown row `a<b` seed 1; VGT: baseline seed 1 with no C group. Given out of table order.
 * Causal/random CE: baseline (1.0, 1.5) and (1.2, 1.5); T+S (0.8, 1.6); a<b (1.4, 1.4).
 */
function fixture(): StudyResults {
  const vgt = studyRecord('vgt', 1, 'baseline', { overall: 28, C: 0, T: 25, D: 35 });
  const { C: _, ...noC } = vgt.accuracy.groups;
  return {
    format: 'sparc-study/1',
    config: STUDY_QUICK,
    records: [
      studyRecord('hga', 1, 'a<b', { overall: 25, C: 10, T: 20, D: 30 }, [1.4, 1.4]),
      { ...vgt, accuracy: { ...vgt.accuracy, groups: noC } },
      studyRecord('hga', 2, 'baseline', { overall: 34, C: 24, T: 30, D: 40 }, [1.2, 1.5]),
      studyRecord('hga', 1, 'T+S', { overall: 26, C: 16, T: 26, D: 36 }, [0.8, 1.6]),
      studyRecord('hga', 1, 'baseline', { overall: 30, C: 20, T: 30, D: 40 }, [1.0, 1.5]),
    ],
    teacher: { seed1: teacherQuality(0.8, 0.6), 'seed1 t=0.3': teacherQuality(0.7, 0.9, 0.3) },
  };
}

interface Bar {
  group: string;
  series: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

function bars(svg: string): Bar[] {
  return [...svg.matchAll(/<rect class="bar" data-group="([^"]*)" data-series="([^"]*)" x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)"/g)].map((m) => ({
    group: m[1]!,
    series: m[2]!,
    x: Number(m[3]),
    y: Number(m[4]),
    width: Number(m[5]),
    height: Number(m[6]),
  }));
}

function bar(svg: string, group: string, series: string): Bar {
  const found = bars(svg).filter((b) => b.group === group && b.series === series);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The vertical line of the error bar of (group, series): [top y, bottom y, x]. */
function errorBar(svg: string, group: string, series: string): [number, number, number] | null {
  const m = new RegExp(`<g class="err" data-group="${group.replace(/[+]/g, '\\+')}" data-series="${series}"[^>]*><line x1="([^"]+)" y1="([^"]+)" x2="[^"]+" y2="([^"]+)"/>`).exec(svg);
  return m ? [Number(m[2]), Number(m[3]), Number(m[1])] : null;
}

const texts = (svg: string, cls: string) => [...svg.matchAll(new RegExp(`<text [^>]*class="${cls}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => m[1]);

/** Nothing that is not a number where a number belongs, and every `<` opens a tag (text is escaped). */
function expectCleanSvg(svg: string): void {
  expect(svg).not.toMatch(/NaN|undefined|Infinity|null/);
  expect(svg.match(/<(?![a-z/])/g)).toBeNull();
  expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="960" height="440" viewBox="0 0 960 440"`)).toBe(true);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  expect(svg.match(/<svg\b/g)).toHaveLength(1);
}

describe('studyAccuracySvg', () => {
  // Highest bar D 40 (sd 0) -> axis 0..40 step 10 -> 272 / 40 = 6.8 px per percent.
  const scale = plot.height / 40;
  const svg = studyAccuracySvg(fixture(), 'hga', { chance: 20 });

  it('bar heights are mean * scale, standing on the x axis', () => {
    const expected: Array<[string, string, number]> = [
      ['baseline', 'C', 22],
      ['baseline', 'T', 30],
      ['baseline', 'D', 40],
      ['baseline', 'All', 32],
      ['T+S', 'All', 26],
      ['a<b', 'C', 10],
    ];
    for (const [group, series, mean] of expected) {
      const b = bar(svg, escapeHtml(group), series);
      expect(b.height).toBeCloseTo(mean * scale, 1);
      expect(b.y + b.height).toBeCloseTo(BOTTOM, 1);
    }
    expect(bars(svg)).toHaveLength(12); // 3 rows x C, T, D, All
    expect(texts(svg, 'tick')).toEqual(['0', '10', '20', '30', '40']);
  });

  it('the error bar spans mean ± sample sd; none for a single seed', () => {
    // baseline All: 30 and 34 -> 32 ± 2.828
    const [top, bottom, x] = errorBar(svg, 'baseline', 'All')!;
    expect(top).toBeCloseTo(BOTTOM - (32 + Math.sqrt(8)) * scale, 1);
    expect(bottom).toBeCloseTo(BOTTOM - (32 - Math.sqrt(8)) * scale, 1);
    const b = bar(svg, 'baseline', 'All');
    expect(x).toBeCloseTo(b.x + b.width / 2, 1);
    expect(errorBar(svg, 'T+S', 'All')).toBeNull();
    expect(errorBar(svg, 'a&lt;b', 'C')).toBeNull();
    expect(svg.match(/<g class="err"/g)).toHaveLength(4); // only baseline has two seeds
  });

  it('rows in table order (STUDY_ROW_ORDER, unknown rows last), n=<seeds> under each, text escaped', () => {
    expect(texts(svg, 'group')).toEqual(['baseline', 'T+S', 'a&lt;b']);
    expect(texts(svg, 'note')).toEqual(['n=2', 'n=1', 'n=1']);
    const x = (group: string) => bar(svg, group, 'C').x;
    expect(x('baseline')).toBeLessThan(x('T+S'));
    expect(x('T+S')).toBeLessThan(x('a&lt;b'));
    // Group width 864 / 3 = 288; bars of the same group are adjacent, C T D All left to right.
    expect(x('T+S') - x('baseline')).toBeCloseTo(288, 1);
    expect(bar(svg, 'baseline', 'T').x).toBeGreaterThan(x('baseline'));
    expect(svg).not.toContain('a<b');
    expectCleanSvg(svg);
  });

  it('a dashed line at chance, a legend and a title', () => {
    const m = /<line class="ref" x1="([^"]+)" y1="([^"]+)" x2="([^"]+)" y2="([^"]+)"[^>]*stroke-dasharray/.exec(svg)!;
    expect(Number(m[2])).toBeCloseTo(BOTTOM - 20 * scale, 1); // 352 - 136 = 216
    expect(Number(m[4])).toBe(Number(m[2]));
    expect([Number(m[1]), Number(m[3])]).toEqual([plot.left, plot.left + plot.width]);
    for (const label of ['C (causal)', 'T (temporal)', 'D (descriptive)', 'All', 'chance (20 %)', '± sample sd']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('<title>HGA: test accuracy per question group (mean over seeds)</title>');
  });

  it('a missing group is a dash, not a bar; a backbone without runs says so; same input, same bytes', () => {
    const vgt = studyAccuracySvg(fixture(), 'vgt', { chance: 20 });
    expect(bars(vgt).map((b) => b.series)).toEqual(['T', 'D', 'All']);
    expect(texts(vgt, 'missing')).toEqual(['–']);
    expectCleanSvg(vgt);
    const none = studyAccuracySvg({ ...fixture(), records: fixture().records.filter((r) => r.backbone === 'hga') }, 'vgt', { chance: 20 });
    expect(bars(none)).toEqual([]);
    expect(none).toContain('>no VGT run</text>');
    expectCleanSvg(none);
    expect(studyAccuracySvg(fixture(), 'hga', { chance: 20 })).toBe(svg);
    const reversed = { ...fixture(), records: [...fixture().records].reverse() };
    expect(studyAccuracySvg(reversed, 'hga', { chance: 20 })).toBe(svg);
  });
});

describe('studyEvidenceSvg', () => {
  // Highest: the ln 5 line (1.609) -> axis 0..2 step 0.5 -> 136 px per nat.
  const scale = plot.height / 2;
  const svg = studyEvidenceSvg(fixture(), 'hga');

  it('two bars per row, causal vs random CE, mean ± sd; the ln 5 line', () => {
    expect(bars(svg).map((b) => `${b.group}/${b.series}`)).toEqual(['baseline/causal', 'baseline/random', 'T+S/causal', 'T+S/random', 'a&lt;b/causal', 'a&lt;b/random']);
    expect(bar(svg, 'baseline', 'causal').height).toBeCloseTo(1.1 * scale, 1);
    expect(bar(svg, 'baseline', 'random').height).toBeCloseTo(1.5 * scale, 1);
    expect(bar(svg, 'T+S', 'causal').height).toBeCloseTo(0.8 * scale, 1);
    // baseline causal: 1.0 and 1.2 -> 1.1 ± 0.1414
    const [top, bottom] = errorBar(svg, 'baseline', 'causal')!;
    expect(top).toBeCloseTo(BOTTOM - (1.1 + Math.SQRT2 / 10) * scale, 1);
    expect(bottom).toBeCloseTo(BOTTOM - (1.1 - Math.SQRT2 / 10) * scale, 1);
    const ref = /<line class="ref" x1="[^"]+" y1="([^"]+)"/.exec(svg)!;
    expect(Number(ref[1])).toBeCloseTo(BOTTOM - Math.log(5) * scale, 1);
    expect(svg).toContain('>uniform guess (ln 5 = 1.61)</text>');
    expect(texts(svg, 'tick')).toEqual(['0.0', '0.5', '1.0', '1.5', '2.0']);
    expectCleanSvg(svg);
  });
});

describe('teacherQualitySvg', () => {
  it('precision and recall per teacher entry in percent on a 0-100 axis, with value labels', () => {
    const svg = teacherQualitySvg(fixture());
    const scale = plot.height / 100;
    expect(bar(svg, 'seed1', 'precision').height).toBeCloseTo(80 * scale, 1);
    expect(bar(svg, 'seed1', 'recall').height).toBeCloseTo(60 * scale, 1);
    expect(bar(svg, 'seed1 t=0.3', 'recall').height).toBeCloseTo(90 * scale, 1);
    expect(texts(svg, 'value')).toEqual(['80.0', '60.0', '70.0', '90.0']);
    expect(texts(svg, 'group')).toEqual(['seed1', 'seed1 t=0.3']);
    expect(texts(svg, 'note')).toEqual(['t=0.5, argmax', 't=0.3, argmax']);
    expect(texts(svg, 'tick')).toEqual(['0', '20', '40', '60', '80', '100']);
    expect(svg).not.toContain('<g class="err"');
    expectCleanSvg(svg);
    expectCleanSvg(teacherQualitySvg({ ...fixture(), teacher: {} }));
  });
});

describe('studySvgCharts', () => {
  it('accuracy, evidence, focus and misfocus per backbone with runs, then the teacher chart; chance 20 % (5 candidates)', () => {
    const charts = studySvgCharts(fixture());
    expect(charts.map((c) => c.file)).toEqual([
      'study-accuracy-hga.svg',
      'study-evidence-hga.svg',
      'study-focus-hga.svg',
      'study-misfocus-hga.svg',
      'study-accuracy-vgt.svg',
      'study-evidence-vgt.svg',
      'study-focus-vgt.svg',
      'study-misfocus-vgt.svg',
      'study-teacher.svg',
    ]);
    expect(charts[0]!.svg).toBe(studyAccuracySvg(fixture(), 'hga', { chance: 20 }));
    expect(charts[2]!.svg).toBe(studyFocusSvg(fixture(), 'hga'));
    expect(charts[3]!.svg).toBe(studyMisfocusSvg(fixture(), 'hga'));
    expect(charts[7]!.svg).toBe(studyMisfocusSvg(fixture(), 'vgt'));
    const hgaOnly = { ...fixture(), records: fixture().records.filter((r) => r.backbone === 'hga'), teacher: {} };
    expect(studySvgCharts(hgaOnly).map((c) => c.file)).toEqual(['study-accuracy-hga.svg', 'study-evidence-hga.svg', 'study-focus-hga.svg', 'study-misfocus-hga.svg']);
    expect(studySvgCharts({ ...fixture(), records: [] }).map((c) => c.file)).toEqual(['study-teacher.svg']);
  });
});

/** What a record says about where the model looks (fractions); `gm`/`gt`/`mg` undefined: a record of an older version without them. */
interface Focus {
  gm?: number;
  gt?: number;
  am: number | null;
  at: number | null;
  u: number;
  mi: number | null;
  mg?: number | null;
}

function focusRecord(backbone: 'hga' | 'vgt', seed: number, row: string, f: Focus): StudyRecord {
  const base = studyRecord(backbone, seed, row, { overall: 30, C: 20, T: 30, D: 40 });
  const { gradientMass: _m, gradientTop1: _t, ...older } = base.evidence;
  const evidence = { ...older, attentionMass: f.am, top1InCausal: f.at, uniformMass: f.u, ...(f.gm === undefined ? {} : { gradientMass: f.gm, gradientTop1: f.gt! }) };
  return { ...base, evidence: evidence as StudyRecord['evidence'], misfocusIdentical: f.mi, ...(f.mg === undefined ? {} : { misfocusGradient: f.mg }) };
}

/**
 * HGA baseline seeds 1, 2 (gradient on causal 40, 50 %; gradient top-1 50, 70; attention 30, 34; attention
 * top-1 20, 30; misfocus attention 90, 70, gradient 80, 60), T+S seed 1 (60, 80, 28, 26; misfocus 50, 40),
 * an older record `a<b` seed 1 without gradient fields (attention 24, 22; misfocus attention 60); uniform 25 %.
 * VGT baseline seed 1: gradient 45, 55, no attention, uniform 27 %, misfocus gradient 70. Out of table order.
 */
function focusFixture(): StudyResults {
  return {
    format: 'sparc-study/1',
    config: STUDY_QUICK,
    records: [
      focusRecord('vgt', 1, 'baseline', { gm: 0.45, gt: 0.55, am: null, at: null, u: 0.27, mi: null, mg: 0.7 }),
      focusRecord('hga', 1, 'a<b', { am: 0.24, at: 0.22, u: 0.25, mi: 0.6 }),
      focusRecord('hga', 2, 'baseline', { gm: 0.5, gt: 0.7, am: 0.34, at: 0.3, u: 0.25, mi: 0.7, mg: 0.6 }),
      focusRecord('hga', 1, 'T+S', { gm: 0.6, gt: 0.8, am: 0.28, at: 0.26, u: 0.25, mi: 0.5, mg: 0.4 }),
      focusRecord('hga', 1, 'baseline', { gm: 0.4, gt: 0.5, am: 0.3, at: 0.2, u: 0.25, mi: 0.9, mg: 0.8 }),
    ],
    teacher: {},
  };
}

/** The y of the dashed reference line. */
const refY = (svg: string) => Number(/<line class="ref" x1="[^"]+" y1="([^"]+)"/.exec(svg)![1]);

describe('studyFocusSvg', () => {
  // Highest: T+S gradient top-1 80 (baseline 60 + 14.1 is lower) -> axis 0..80 step 20 -> 3.4 px per percent.
  const scale = plot.height / 80;
  const svg = studyFocusSvg(focusFixture(), 'hga');

  it('HGA: gradient and attention bars per row in percent, bar height = mean * scale, rows in table order', () => {
    expect(bars(svg).map((b) => `${b.group}/${b.series}`)).toEqual([
      'baseline/gradientMass',
      'baseline/gradientTop1',
      'baseline/attentionMass',
      'baseline/attentionTop1',
      'T+S/gradientMass',
      'T+S/gradientTop1',
      'T+S/attentionMass',
      'T+S/attentionTop1',
      // the older record has no gradient: dashes, then its attention bars
      'a&lt;b/attentionMass',
      'a&lt;b/attentionTop1',
    ]);
    const expected: Array<[string, string, number]> = [
      ['baseline', 'gradientMass', 45],
      ['baseline', 'gradientTop1', 60],
      ['baseline', 'attentionMass', 32],
      ['baseline', 'attentionTop1', 25],
      ['T+S', 'gradientTop1', 80],
      ['a&lt;b', 'attentionMass', 24],
    ];
    for (const [group, series, mean] of expected) {
      const b = bar(svg, group, series);
      expect(b.height).toBeCloseTo(mean * scale, 1);
      expect(b.y + b.height).toBeCloseTo(BOTTOM, 1);
    }
    expect(texts(svg, 'missing')).toEqual(['–', '–']);
    expect(texts(svg, 'tick')).toEqual(['0', '20', '40', '60', '80']);
    expect(texts(svg, 'group')).toEqual(['baseline', 'T+S', 'a&lt;b']);
    expect(texts(svg, 'note')).toEqual(['n=2', 'n=1', 'n=1']);
    for (const label of ['gradient on causal', 'gradient top-1 causal', 'attention on causal', 'attention top-1 causal', 'uniform share (25.0 %)', '± sample sd']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('<title>HGA: frame importance on the ground-truth causal frames (test split, mean over seeds)</title>');
    expectCleanSvg(svg);
  });

  it('error bars span mean ± sample sd over seeds; the dashed line at the mean uniform share', () => {
    // baseline gradient top-1: 50 and 70 -> 60 ± 14.14
    const [top, bottom, x] = errorBar(svg, 'baseline', 'gradientTop1')!;
    expect(top).toBeCloseTo(BOTTOM - (60 + Math.sqrt(200)) * scale, 1);
    expect(bottom).toBeCloseTo(BOTTOM - (60 - Math.sqrt(200)) * scale, 1);
    const b = bar(svg, 'baseline', 'gradientTop1');
    expect(x).toBeCloseTo(b.x + b.width / 2, 1);
    // baseline attention: 30 and 34 -> 32 ± 2.83
    const [aTop] = errorBar(svg, 'baseline', 'attentionMass')!;
    expect(aTop).toBeCloseTo(BOTTOM - (32 + Math.sqrt(8)) * scale, 1);
    expect(errorBar(svg, 'T+S', 'gradientMass')).toBeNull();
    expect(svg.match(/<g class="err"/g)).toHaveLength(4); // only baseline has two seeds
    expect(refY(svg)).toBeCloseTo(BOTTOM - 25 * scale, 1); // 352 - 85 = 267
  });

  it('VGT: gradient only (no attention series even where a record has a value), its own uniform share', () => {
    const vgt = studyFocusSvg(focusFixture(), 'vgt');
    expect(bars(vgt).map((b) => b.series)).toEqual(['gradientMass', 'gradientTop1']);
    expect(vgt).not.toContain('attention');
    // 55 -> axis 0..60 step 20
    expect(bar(vgt, 'baseline', 'gradientTop1').height).toBeCloseTo(55 * (plot.height / 60), 1);
    expect(refY(vgt)).toBeCloseTo(BOTTOM - 27 * (plot.height / 60), 1);
    expect(vgt).toContain('>uniform share (27.0 %)</text>');
    // the shared fixture's VGT record carries attention 30 %: still not drawn
    expect(bars(studyFocusSvg(fixture(), 'vgt')).map((b) => b.series)).toEqual(['gradientMass', 'gradientTop1']);
    expectCleanSvg(vgt);
  });

  it('older records: a series with no value anywhere is left out; none at all says so, without a uniform line', () => {
    const older = { ...focusFixture(), records: focusFixture().records.filter((r) => r.evidence.gradientMass === undefined || r.backbone === 'vgt') };
    older.records = older.records.map((r) => (r.backbone === 'vgt' ? focusRecord('vgt', 1, 'baseline', { am: null, at: null, u: 0.27, mi: null }) : r));
    const hga = studyFocusSvg(older, 'hga');
    expect(bars(hga).map((b) => `${b.group}/${b.series}`)).toEqual(['a&lt;b/attentionMass', 'a&lt;b/attentionTop1']);
    expect(hga).not.toContain('gradient');
    expect(texts(hga, 'missing')).toEqual([]);
    expectCleanSvg(hga);
    const vgt = studyFocusSvg(older, 'vgt');
    expect(bars(vgt)).toEqual([]);
    expect(vgt).not.toContain('class="ref"');
    expect(vgt).toContain('>no frame importance in the VGT records (older sparc study: rerun it to add the gradient)</text>');
    expectCleanSvg(vgt);
    const none = studyFocusSvg({ ...older, records: [] }, 'vgt');
    expect(none).toContain('>no VGT run</text>');
    expectCleanSvg(none);
  });

  it('the y axis stops at 100 % even when mean + sd passes it; same input, same bytes', () => {
    const high = { ...focusFixture(), records: [focusRecord('hga', 1, 'T', { gm: 0.9, gt: 0.9, am: 0.5, at: 0.5, u: 0.25, mi: 0.5 }), focusRecord('hga', 2, 'T', { gm: 0.9, gt: 1, am: 0.5, at: 0.5, u: 0.25, mi: 0.5 })] };
    const capped = studyFocusSvg(high, 'hga');
    expect(texts(capped, 'tick')).toEqual(['0', '20', '40', '60', '80', '100']);
    expect(bar(capped, 'T', 'gradientTop1').height).toBeCloseTo(95 * (plot.height / 100), 1);
    expect(errorBar(capped, 'T', 'gradientTop1')![0]).toBeCloseTo(plot.top, 1); // 95 + 7.07 clipped at the top
    expectCleanSvg(capped);
    expect(studyFocusSvg(focusFixture(), 'hga')).toBe(svg);
    expect(studyFocusSvg({ ...focusFixture(), records: [...focusFixture().records].reverse() }, 'hga')).toBe(svg);
  });
});

describe('studyMisfocusSvg', () => {
  const scale = plot.height / 100; // fixed 0..100 axis
  const svg = studyMisfocusSvg(focusFixture(), 'hga');

  it('HGA: attention and gradient misfocus per row in percent, mean ± sd, rows in table order; the title says lower is better', () => {
    expect(bars(svg).map((b) => `${b.group}/${b.series}`)).toEqual(['baseline/attention', 'baseline/gradient', 'T+S/attention', 'T+S/gradient', 'a&lt;b/attention']);
    const expected: Array<[string, string, number]> = [
      ['baseline', 'attention', 80],
      ['baseline', 'gradient', 70],
      ['T+S', 'attention', 50],
      ['T+S', 'gradient', 40],
      ['a&lt;b', 'attention', 60],
    ];
    for (const [group, series, mean] of expected) {
      const b = bar(svg, group, series);
      expect(b.height).toBeCloseTo(mean * scale, 1);
      expect(b.y + b.height).toBeCloseTo(BOTTOM, 1);
    }
    // 90 and 70 -> 80 ± 14.14; 80 and 60 -> 70 ± 14.14
    const [top, bottom] = errorBar(svg, 'baseline', 'attention')!;
    expect(top).toBeCloseTo(BOTTOM - (80 + Math.sqrt(200)) * scale, 1);
    expect(bottom).toBeCloseTo(BOTTOM - (80 - Math.sqrt(200)) * scale, 1);
    expect(errorBar(svg, 'baseline', 'gradient')![0]).toBeCloseTo(BOTTOM - (70 + Math.sqrt(200)) * scale, 1);
    expect(svg.match(/<g class="err"/g)).toHaveLength(2); // only baseline has two seeds
    // 3 groups of 864 / 3 = 288 px, 2 bars of 40 px centred: attention at 72 + 104 + 1, gradient 40 px right of it
    expect(bar(svg, 'baseline', 'attention').x).toBeCloseTo(177, 1);
    expect(bar(svg, 'baseline', 'gradient').x).toBeCloseTo(217, 1);
    expect(bar(svg, 'T+S', 'attention').x).toBeCloseTo(177 + 288, 1);
    // a<b (an older record) has no gradient: a dash
    expect(texts(svg, 'missing')).toEqual(['–']);
    expect(texts(svg, 'group')).toEqual(['baseline', 'T+S', 'a&lt;b']);
    expect(texts(svg, 'note')).toEqual(['n=2', 'n=1', 'n=1']);
    expect(texts(svg, 'tick')).toEqual(['0', '20', '40', '60', '80', '100']);
    for (const label of ['attention (HGA)', 'gradient x input', '± sample sd']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('<title>HGA misfocus: same top frame after swapping before/after (lower = focus follows the word)</title>');
    expect(svg).toContain('<title>baseline, attention (HGA): 80.0 ± 14.1 (n=2)</title>');
    expect(svg).not.toContain('class="ref"');
    expect(svg).not.toContain('VGT');
    expectCleanSvg(svg);
    expect(studyMisfocusSvg({ ...focusFixture(), records: [...focusFixture().records].reverse() }, 'hga')).toBe(svg);
  });

  it('VGT: gradient only (no attention series even where a record has a value), on the same 0-100 axis', () => {
    const vgt = studyMisfocusSvg(focusFixture(), 'vgt');
    expect(bars(vgt).map((b) => `${b.group}/${b.series}`)).toEqual(['baseline/gradient']);
    expect(bar(vgt, 'baseline', 'gradient').height).toBeCloseTo(70 * scale, 1);
    expect(texts(vgt, 'tick')).toEqual(['0', '20', '40', '60', '80', '100']);
    expect(texts(vgt, 'note')).toEqual(['n=1']);
    expect(vgt).not.toContain('attention');
    expect(vgt).not.toContain('<g class="err"');
    expect(vgt).toContain('<title>VGT misfocus: same top frame after swapping before/after (lower = focus follows the word)</title>');
    expectCleanSvg(vgt);
    const withAttention = { ...focusFixture(), records: focusFixture().records.map((r) => (r.backbone === 'vgt' ? { ...r, misfocusIdentical: 0.9 } : r)) };
    expect(studyMisfocusSvg(withAttention, 'vgt')).toBe(vgt);
  });

  it('older records without the gradient probe: attention only; nothing measured or no run says so', () => {
    const older = { ...focusFixture(), records: focusFixture().records.map((r) => ({ ...r, misfocusGradient: undefined })) };
    const hga = studyMisfocusSvg(older, 'hga');
    expect(bars(hga).map((b) => `${b.group}/${b.series}`)).toEqual(['baseline/attention', 'T+S/attention', 'a&lt;b/attention']);
    expect(hga).not.toContain('gradient');
    expect(texts(hga, 'missing')).toEqual([]);
    expectCleanSvg(hga);
    const vgt = studyMisfocusSvg(older, 'vgt');
    expect(bars(vgt)).toEqual([]);
    expect(vgt).toContain('>no misfocus measurement in the VGT records</text>');
    expectCleanSvg(vgt);
    const none = studyMisfocusSvg({ ...older, records: older.records.filter((r) => r.backbone === 'hga') }, 'vgt');
    expect(none).toContain('>no VGT run</text>');
    expectCleanSvg(none);
  });

  it('all 12 study rows: one group each, 72 px apart, every label line narrower than its group', () => {
    const records = STUDY_ROW_ORDER.flatMap((row, i) => [1, 2, 3].map((seed) => focusRecord('hga', seed, row, { gm: 0.5, gt: 0.5, am: 0.3, at: 0.3, u: 0.25, mi: 0.5 + i / 100, mg: 0.9 })));
    const full = studyMisfocusSvg({ ...focusFixture(), records }, 'hga');
    expect(bars(full)).toHaveLength(24);
    expect(texts(full, 'note')).toEqual(Array(12).fill('n=3'));
    const labels = [...full.matchAll(/<text x="([^"]+)" y="([^"]+)" class="group"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3]! }));
    const firstLines = labels.filter((l) => l.y === BOTTOM + 18);
    expect(firstLines.map((l) => l.x)).toEqual(STUDY_ROW_ORDER.map((_, i) => plot.left + 36 + 72 * i));
    // 72 px per group, at most 9 characters of 12 px (estimated 0.6 em) = 64.8 px per line
    for (const l of labels) expect(l.text.length).toBeLessThanOrEqual(9);
    expect(labels.filter((l) => l.x === plot.left + 36 + 72 * 9).map((l) => l.text)).toEqual(['fallback=', 'skip']);
    expect(texts(full, 'group')).toContain('T+S+mixup');
    expectCleanSvg(full);
  });
});
