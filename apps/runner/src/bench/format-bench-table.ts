// The readable form of a bench (issue 8): a Markdown table, one column per backbone and one for the
// targets, so that it prints in a terminal and pastes into the README unchanged.
import { NEXTQA_VAL_QUESTIONS } from './bench-config.js';
import type { BackboneBench, BenchReport } from './bench-result.js';

/** Issue 8's targets on this machine; PyTorch (Debian torch 1.13, one thread) measured 2.13 s and 5.1 s. */
export const BENCH_TARGETS = Object.freeze({
  hgaBaselineStepMs: 2100,
  vgtBaselineStepMs: 5100,
  sparcOverBaseline: 1.5,
  evalSeconds: 60,
  peakRssMB: 2048,
});

/** Seconds to evaluate NExT-QA val (4,996 questions) at `b`'s throughput. */
export function evalSecondsForVal(b: BackboneBench): number {
  return NEXTQA_VAL_QUESTIONS / b.evalQuestionsPerSec;
}

/** Formats `report` as text lines: a title line, then a Markdown table. */
export function formatBenchTable(report: BenchReport): string[] {
  const columns = (['hga', 'vgt'] as const).filter((k) => report[k] !== undefined);
  const cell = (k: 'hga' | 'vgt', f: (b: BackboneBench) => string) => f(report[k]!);
  const rows: Array<[string, (b: BackboneBench) => string, string]> = [
    ['forward (ms)', (b) => b.forwardMs.toFixed(0), 'PyTorch HGA 850'],
    ['baseline train step (ms)', (b) => b.baselineStepMs.toFixed(0), `HGA <= ${BENCH_TARGETS.hgaBaselineStepMs}, VGT <= ${BENCH_TARGETS.vgtBaselineStepMs}`],
    ['SpARC train step (ms)', (b) => b.sparcStepMs.toFixed(0), ''],
    ['SpARC / baseline', (b) => `${(b.sparcStepMs / b.baselineStepMs).toFixed(2)}x`, `<= ${BENCH_TARGETS.sparcOverBaseline.toFixed(1)}x`],
    ['eval (questions/s)', (b) => b.evalQuestionsPerSec.toFixed(1), ''],
    [`eval ${NEXTQA_VAL_QUESTIONS} questions (s)`, (b) => evalSecondsForVal(b).toFixed(1), `< ${BENCH_TARGETS.evalSeconds}`],
    ['peak RSS (MB)', (b) => b.peakRssMB.toFixed(0), `< ${BENCH_TARGETS.peakRssMB}`],
  ];
  const num = (f: (b: BackboneBench) => string) => (b: BackboneBench) => {
    const text = f(b);
    return text.startsWith('NaN') ? 'failed' : text;
  };
  const table = [
    ['', ...columns.map((c) => c.toUpperCase()), 'target'],
    ...rows.map(([name, f, target]) => [name, ...columns.map((c) => cell(c, num(f))), target]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(3, ...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((s, i) => (i === 0 ? s.padEnd(widths[i]!) : s.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  const m = report.machine;
  const title =
    `sparc bench: ${report.preset} shapes, batch ${report.batch}, backend ${report.backend}, median of ${report.runs} after ${report.warmup} warm-up; ` +
    `${report.date.slice(0, 10)}, ${m.cpus} cores (${m.cpuModel}), Node ${m.node}, load ${m.loadStart.toFixed(1)}-${m.loadEnd.toFixed(1)}`;
  const failures = columns.flatMap((c) => Object.entries(report[c]!.errors).map(([name, message]) => `${c.toUpperCase()} ${name} failed: ${message}`));
  return [title, '', line(table[0]!), rule, ...table.slice(1).map(line), ...(failures.length > 0 ? ['', ...failures] : [])];
}
