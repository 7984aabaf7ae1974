// The misfocus probe of paper 4.1.1: take the questions holding "before" or "after", interchange the two
// words, and measure how often the frames a model focuses on stay identical. A model that reads the
// temporal relation looks elsewhere when it flips; a misfocused one keeps looking at the same frames.
import type { NextQARow } from '../data/nextqa/nextqa-row.js';
import type { GroundTruthFile } from '../synth/ground-truth.js';
import { misfocusShare, type FocusPair, type MisfocusShare } from './misfocus-share.js';
import { swapBeforeAfter, temporalWords } from './swap-before-after.js';
import { swappedGroundTruth, type SwappedGroundTruth } from './swapped-ground-truth.js';

/** Which wording of a question a model sees. */
export type Wording = 'original' | 'swapped';

/** One probed question. */
export interface ProbeItem {
  readonly row: NextQARow;
  /** The question with "before" and "after" interchanged. */
  readonly swapped: string;
  /** Ground-truth causal frames of the original wording and, when the video answers it, of the swapped one. */
  readonly groundTruth?: { readonly original: readonly number[]; readonly swapped?: SwappedGroundTruth };
}

/** The probe's questions of a split and how many were left out. */
export interface ProbeItems {
  readonly items: ProbeItem[];
  /** Questions holding neither word. */
  readonly excluded: number;
}

/**
 * The questions of `rows` that hold "before" or "after", with their swapped wording and (given the
 * synthetic ground truth) the causal frames of both wordings.
 */
export function misfocusItems(rows: readonly NextQARow[], groundTruth?: GroundTruthFile): ProbeItems {
  const items: ProbeItem[] = [];
  for (const row of rows) {
    const swapped = swapBeforeAfter(row.question);
    if (swapped === undefined) continue;
    const q = groundTruth?.questions[row.key];
    const video = groundTruth?.videos[row.video];
    if (q === undefined || video === undefined) {
      items.push({ row, swapped });
      continue;
    }
    const words = new Set(temporalWords(swapped));
    const moved = words.size === 1 ? swappedGroundTruth(q, video, [...words][0]!) : undefined;
    items.push({ row, swapped, groundTruth: moved ? { original: q.causal, swapped: moved } : { original: q.causal } });
  }
  return { items, excluded: rows.length - items.length };
}

/** Where a model looks: one or more kinds of focus ("views"), each a set of frame indices per question. */
export interface FocusSource {
  /** The kinds of focus this source gives; the first is the one the probe reports as `identical`. */
  readonly views: readonly [string, ...string[]];
  /** One line saying what the primary focus is (e.g. "top-1 frames of HGA frameImportance"). */
  readonly description: string;
  /** The focused frames of each item for one wording, per view. */
  focus(items: readonly ProbeItem[], wording: Wording): Promise<ReadonlyArray<Readonly<Record<string, readonly number[]>>>>;
}

/**
 * Runs `source` on every item with both wordings (in batches of `batchSize`) and returns the misfocus
 * numbers of each view, keyed by view name in the source's order.
 */
export async function probeMisfocus(items: readonly ProbeItem[], source: FocusSource, batchSize = 32): Promise<Record<string, MisfocusShare>> {
  const pairs = new Map<string, FocusPair[]>(source.views.map((v) => [v, []]));
  for (let at = 0; at < items.length; at += batchSize) {
    const batch = items.slice(at, at + batchSize);
    const original = await source.focus(batch, 'original');
    const swapped = await source.focus(batch, 'swapped');
    batch.forEach((item, i) => {
      for (const view of source.views) {
        const o = original[i]?.[view];
        const s = swapped[i]?.[view];
        if (o === undefined || s === undefined) throw new Error(`focus source gave no '${view}' frames for ${item.row.key}`);
        const gt = item.groundTruth;
        pairs.get(view)!.push({
          type: item.row.type,
          original: o,
          swapped: s,
          ...(gt ? { groundTruth: { original: gt.original, ...(gt.swapped ? { swapped: gt.swapped.causal } : {}) } } : {}),
        });
      }
    });
  }
  return Object.fromEntries(source.views.map((v) => [v, misfocusShare(pairs.get(v)!)]));
}
