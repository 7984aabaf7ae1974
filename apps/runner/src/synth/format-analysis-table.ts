// The benchmark analysis as a Markdown table (the README's table).
import type { AnalysisGroup, BenchmarkAnalysis, FrameSet } from './analyze-benchmark.js';

const ROWS: ReadonlyArray<[FrameSet, string]> = [
  ['causal', 'ground-truth causal frames'],
  ['anchor', 'anchor frames named by the question'],
  ['anchorPointsToAnchor', 'anchor frames -> the anchor-action candidate (wrong)'],
  ['randomFrame', 'one random frame'],
  ['allFrames', 'all frames (no idea where to look)'],
  ['nonCausal', 'every frame except the causal ones'],
];

/** Markdown rows: one per frame set, columns C, T, D, all (percent, 1 decimal), plus chance. */
export function formatAnalysisTable(analysis: BenchmarkAnalysis): string[] {
  const groups: AnalysisGroup[] = ['C', 'T', 'D', 'all'];
  const count = (g: AnalysisGroup) => analysis.causal[g]?.count ?? 0;
  const lines = [
    `| oracle sees | ${groups.map((g) => `${g === 'all' ? 'All' : g} (n=${count(g)})`).join(' | ')} |`,
    `| --- | ${groups.map(() => '---:').join(' | ')} |`,
  ];
  for (const [set, label] of ROWS) {
    lines.push(`| ${label} | ${groups.map((g) => (analysis[set][g] === undefined ? '-' : analysis[set][g]!.percent.toFixed(1))).join(' | ')} |`);
  }
  lines.push(`| chance (5 candidates) | ${groups.map(() => '20.0').join(' | ')} |`);
  return lines;
}
