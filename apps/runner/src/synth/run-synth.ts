// `sparc synth` as a function: write the dataset, optionally analyse it, and describe it in text lines.
import { analyzeSyntheticBenchmark, type BenchmarkAnalysis } from './analyze-benchmark.js';
import { formatAnalysisTable } from './format-analysis-table.js';
import type { SynthConfigInput } from './synth-config.js';
import { writeSyntheticDataset, type SyntheticDatasetSummary } from './write-synthetic-dataset.js';

/** Options of {@link runSynth}. */
export interface RunSynthOptions {
  readonly out: string;
  readonly config?: SynthConfigInput;
  /** Also run the oracle analysis on the test split and print its table. */
  readonly analyze?: boolean;
}

/** What {@link runSynth} returns. */
export interface RunSynthResult {
  readonly summary: SyntheticDatasetSummary;
  readonly analysis?: BenchmarkAnalysis;
  /** Printed lines. */
  readonly lines: readonly string[];
}

/** Writes the synthetic benchmark (and, with `analyze`, the evidence table). */
export async function runSynth(options: RunSynthOptions): Promise<RunSynthResult> {
  const summary = await writeSyntheticDataset({ out: options.out, ...(options.config === undefined ? {} : { config: options.config }) });
  const c = summary.config;
  const lines = [
    `wrote the synthetic benchmark (preset ${c.preset}, seed ${c.seed}) to ${summary.out}`,
    `  ${c.frames} steps per video, clip features ${c.videoDim}, QA tokens ${c.tokens} x ${c.wordDim}, teacher frames ${c.teacherDim}${c.vgt ? `, VGT regions ${c.vgtSizes.regions} x ${c.vgtSizes.regionDim}` : ''}`,
    ...Object.entries(summary.splits).map(([name, s]) => `  ${name}: ${s.videos} videos, ${s.questions} questions (${Object.entries(s.types).sort().map(([t, n]) => `${t} ${n}`).join(', ')})`),
  ];
  if (summary.truncatedSequences > 0) lines.push(`  note: ${summary.truncatedSequences} QA token sequences were cut to ${c.tokens} tokens`);
  if (options.analyze !== true) return { summary, lines };
  const analysis = await analyzeSyntheticBenchmark({ dir: summary.out });
  lines.push('', 'nearest-prototype oracle on the test split, expected accuracy (%) by the frames it sees:', ...formatAnalysisTable(analysis));
  return { summary, analysis, lines };
}
