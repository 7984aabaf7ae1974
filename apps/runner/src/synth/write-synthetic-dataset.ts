// `sparc synth` as a function: generates the synthetic benchmark and writes it in the real formats.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatCsv } from '../data/csv/format-csv.js';
import { NEXTQA_COLUMNS, NEXTQA_CANDIDATES } from '../data/nextqa/nextqa-row.js';
import { createH5File, createRowDataset, writeIds } from '../data/hdf5/h5-writer.js';
import { generateSplit, SPLITS, type SplitName, type SynthSplit } from './generate-split.js';
import { groundTruthOf } from './ground-truth.js';
import { ACTIONS, ACTORS, COUNT_WORDS, LOCATIONS, OBJECTS } from './lexicon.js';
import { createQATokenEncoder, type QATokenEncoder } from './qa-token-encoder.js';
import { createClipRenderer, createTeacherRenderer, stepContents, type Renderer } from './render-frames.js';
import { createVGTRenderers, renderVGTVideo, VGT_CLIPS, VGT_FRAMES_PER_CLIP, type VGTRenderers } from './render-vgt.js';
import { resolveSynthConfig, type SynthConfig, type SynthConfigInput } from './synth-config.js';
import { SYNTH_MANIFEST, syntheticSplitFiles, type SyntheticSplitFiles } from './synth-layout.js';
import { createSynthRng } from './synth-rng.js';

/** Options of {@link writeSyntheticDataset}. */
export interface WriteSyntheticDatasetOptions {
  /** Output folder (created; existing files of the same names are overwritten). */
  readonly out: string;
  /** Preset and overrides (default: the `default` preset). */
  readonly config?: SynthConfigInput;
  /** Called after each split is written. */
  readonly onProgress?: (message: string) => void;
}

/** Counts and files of one written split. */
export interface WrittenSplit {
  readonly videos: number;
  readonly questions: number;
  /** Question counts per type code. */
  readonly types: Readonly<Record<string, number>>;
  readonly files: SyntheticSplitFiles;
}

/** What {@link writeSyntheticDataset} returns (also the body of synth.json, minus the lexicon). */
export interface SyntheticDatasetSummary {
  readonly out: string;
  readonly config: SynthConfig;
  readonly splits: Readonly<Record<SplitName, WrittenSplit>>;
  /** QA sequences cut to `tokens` (0 at the presets' sizes). */
  readonly truncatedSequences: number;
}

interface Writers {
  readonly clip: Renderer;
  readonly teacher: Renderer;
  readonly text: QATokenEncoder;
  readonly vgt: VGTRenderers | undefined;
}

function csvRows(split: SynthSplit): Array<Array<string | number>> {
  return split.rows.map(({ video, qid }) => {
    const v = split.videos[video]!;
    const q = v.questions[qid]!;
    return [v.id, v.frameCount, v.width, v.height, q.question, q.answer, qid, q.type, ...q.candidates];
  });
}

async function writeSplit(config: SynthConfig, split: SynthSplit, files: SyntheticSplitFiles, w: Writers): Promise<number> {
  const T = config.frames;
  const ids = split.videos.map((v) => v.id);
  writeFileSync(files.annotations, formatCsv(NEXTQA_COLUMNS, csvRows(split)));

  const video = await createH5File(files.video);
  const teacher = await createH5File(files.teacher);
  try {
    writeIds(video, 'ids', ids);
    writeIds(teacher, 'ids', ids);
    const feat = createRowDataset(video, 'feat', [ids.length, T, config.videoDim]);
    const frames = createRowDataset(teacher, 'frames', [ids.length, T, config.teacherDim]);
    const indices = createRowDataset(teacher, 'frame_indices', [ids.length, T], '<i');
    split.videos.forEach((v, vi) => {
      const contents = stepContents(v.script);
      const vf = new Float32Array(T * config.videoDim);
      const tf = new Float32Array(T * config.teacherDim);
      const vr = createSynthRng(config.seed, `noise/video/${split.name}/${vi}`);
      const tr = createSynthRng(config.seed, `noise/teacher/${split.name}/${vi}`);
      contents.forEach((c, s) => {
        w.clip.render(c, config.noise, vr, vf, s * config.videoDim);
        w.teacher.render(c, config.teacherNoise, tr, tf, s * config.teacherDim);
      });
      feat.write(vi, vf);
      frames.write(vi, tf);
      indices.write(vi, Int32Array.from({ length: T }, (_, k) => k * config.framesPerClip));
    });
  } finally {
    video.close();
    teacher.close();
  }

  let truncated = 0;
  const qa = await createH5File(files.qa);
  try {
    const block = NEXTQA_CANDIDATES * config.tokens * config.wordDim;
    const feat = createRowDataset(qa, 'feat', [split.rows.length, NEXTQA_CANDIDATES, config.tokens, config.wordDim]);
    split.rows.forEach(({ video: vi, qid }, row) => {
      const q = split.videos[vi]!.questions[qid]!;
      const out = new Float32Array(block);
      q.candidates.forEach((cand, c) => {
        if (w.text.encode(q.question, cand, out, c * config.tokens * config.wordDim).truncated) truncated += 1;
      });
      feat.write(row, out);
    });
  } finally {
    qa.close();
  }

  if (w.vgt !== undefined) {
    const { regions: R, regionDim, frameDim } = config.vgtSizes;
    const reg = await createH5File(files.vgtRegions);
    const fr = await createH5File(files.vgtFrames);
    try {
      writeIds(reg, 'ids', ids);
      writeIds(fr, 'ids', ids);
      const regFeat = createRowDataset(reg, 'feat', [ids.length, VGT_CLIPS, VGT_FRAMES_PER_CLIP, R, regionDim]);
      const regBox = createRowDataset(reg, 'bbox', [ids.length, VGT_CLIPS, VGT_FRAMES_PER_CLIP, R, 4]);
      const frFeat = createRowDataset(fr, 'resnet_features', [ids.length, VGT_CLIPS, VGT_FRAMES_PER_CLIP, frameDim]);
      split.videos.forEach((v, vi) => {
        const out = renderVGTVideo(w.vgt!, stepContents(v.script), v, config.noise, createSynthRng(config.seed, `noise/vgt/${split.name}/${vi}`));
        regFeat.write(vi, out.regions);
        regBox.write(vi, out.bbox);
        frFeat.write(vi, out.frames);
      });
    } finally {
      reg.close();
      fr.close();
    }
  }

  writeFileSync(files.groundTruth, `${JSON.stringify(groundTruthOf(split, T))}\n`);
  return truncated;
}

/**
 * Generates the synthetic benchmark (deterministic from `config.seed`) and writes, under `out`:
 * `{train,val,test}.csv` (NExT-QA header), `vid_feat/app_mot_{split}.h5`, `qas_bert/bert_ft_{split}.h5`,
 * `teacher/teacher_frames_{split}.h5`, with `vgt` also `region_feat_n/acregion_8c20b_{split}.h5` and
 * `frame_feat/app_feat_{split}.h5`, `ground_truth_{split}.json`, and the manifest `synth.json`.
 * @throws SynthConfigError for invalid options
 */
export async function writeSyntheticDataset(options: WriteSyntheticDatasetOptions): Promise<SyntheticDatasetSummary> {
  const config = resolveSynthConfig(options.config);
  const out = path.resolve(options.out);
  mkdirSync(out, { recursive: true });
  const writers: Writers = {
    clip: createClipRenderer(config.seed, config.videoDim),
    teacher: createTeacherRenderer(config.seed, config.teacherDim),
    text: createQATokenEncoder(config.seed, config.tokens, config.wordDim),
    vgt: config.vgt ? createVGTRenderers(config.seed, config.vgtSizes) : undefined,
  };
  const usedIds = new Set<string>();
  const splits = {} as Record<SplitName, WrittenSplit>;
  let truncatedSequences = 0;
  for (const name of SPLITS) {
    const split = generateSplit(config, name, usedIds);
    const files = syntheticSplitFiles(out, name);
    const written = config.vgt ? Object.values(files) : Object.values(files).filter((f) => f !== files.vgtRegions && f !== files.vgtFrames);
    for (const f of written) mkdirSync(path.dirname(f), { recursive: true });
    truncatedSequences += await writeSplit(config, split, files, writers);
    const types: Record<string, number> = {};
    for (const v of split.videos) for (const q of v.questions) types[q.type] = (types[q.type] ?? 0) + 1;
    splits[name] = { videos: split.videos.length, questions: split.rows.length, types, files };
    options.onProgress?.(`${name}: ${split.videos.length} videos, ${split.rows.length} questions`);
  }
  const summary: SyntheticDatasetSummary = { out, config, splits, truncatedSequences };
  const lexicon = writers.text.lexicon;
  const manifest = {
    format: 'sparc-synth/1',
    ...summary,
    vocabulary: {
      actors: ACTORS,
      actions: ACTIONS.map((a) => a.base),
      locations: LOCATIONS,
      objects: OBJECTS,
      counts: COUNT_WORDS,
      lemmas: lexicon.lemmas,
      words: Object.fromEntries([...lexicon.lemmaOf.entries()].map(([word, lemma]) => [word, lexicon.lemmas[lemma]!])),
    },
  };
  writeFileSync(path.join(out, SYNTH_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return summary;
}
