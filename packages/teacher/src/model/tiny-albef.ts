// The built-in image-QA teacher: a small model in ALBEF's shape (paper A.1) that runs and trains on a
// CPU. Which parts train when:
//   fit()       pre-training from scratch (stands in for ALBEF's image-text pre-training, which cannot be
//               downloaded here): visual encoder, text encoder and interaction module all train.
//   fineTune()  SpARC A.1/A.4: encoders frozen, only the interaction module trains (AdamW, lr 2e-5,
//               weight decay 0.01, 5 epochs by default).
import * as tf from '@tensorflow/tfjs-core';
import { ConfigError } from '../errors.js';
import type { ImageQATeacher, TeacherExample, TeacherQuery } from '../image-qa-teacher.js';
import { TextTokenizer } from '../text/text-tokenizer.js';
import { createCrossModalInteraction } from './cross-modal-interaction.js';
import type { CrossModalInteraction } from './cross-modal-interaction.js';
import { ParamSet, fingerprintWeights } from './param-set.js';
import type { NamedWeight } from './param-set.js';
import { disposeGroup, prepareQueries, validateQuery } from './prepare-queries.js';
import type { PreparedGroup } from './prepare-queries.js';
import { decodeTeacherCheckpoint, encodeTeacherCheckpoint } from './teacher-checkpoint.js';
import { createTextEncoder } from './text-encoder.js';
import type { TextEncoder } from './text-encoder.js';
import { resolveTinyAlbefConfig } from './tiny-albef-config.js';
import type { TinyAlbefConfig } from './tiny-albef-config.js';
import { FINE_TUNE_DEFAULTS, FIT_DEFAULTS, trainTeacher } from './train-teacher.js';
import type { TrainHistory, TrainTeacherConfig, TrainTeacherOptions } from './train-teacher.js';
import { createVisualEncoder } from './visual-encoder.js';
import type { VisualEncoder } from './visual-encoder.js';

/** Encoder outputs of one prepared group. */
export interface EncodedGroup {
  /** `[S, C, L, H]`. */
  readonly text: tf.Tensor4D;
  /** `[S, C, L]`. */
  readonly textMask: tf.Tensor3D;
  /** `[S, T, V, H]`. */
  readonly visual: tf.Tensor4D;
}

/** The built-in teacher. Create with `createTinyAlbef`, restore with `loadTinyAlbef`. */
export class TinyAlbefTeacher implements ImageQATeacher {
  private readonly params: ParamSet;
  private readonly visualEncoder: VisualEncoder;
  private readonly textEncoder: TextEncoder;
  private readonly interaction: CrossModalInteraction;
  private currentId: string;

  /** @internal Use createTinyAlbef / loadTinyAlbef. */
  constructor(
    readonly config: TinyAlbefConfig,
    readonly tokenizer: TextTokenizer,
    weights?: readonly NamedWeight[],
  ) {
    const given = weights ? new Map(weights.map((w) => [w.name, w])) : undefined;
    this.params = new ParamSet(config.seed);
    this.visualEncoder = createVisualEncoder(this.params, config, given);
    this.textEncoder = createTextEncoder(this.params, config, tokenizer.vocabSize, given);
    this.interaction = createCrossModalInteraction(this.params, config, given);
    const unknown = (weights ?? []).map((w) => w.name).filter((n) => !this.params.names().includes(n));
    if (unknown.length > 0) {
      this.params.dispose();
      throw new ConfigError('loadTinyAlbef', 'weights', unknown, 'are not parameters of a model with this config');
    }
    this.currentId = `${config.name}:${fingerprintWeights(this.params.created)}`;
    this.params.created.length = 0;
  }

  /** `<name>:<CRC-32 of the weights, hex>`; recomputed after fit/fineTune, so a store header names the exact weights. */
  get id(): string {
    return this.currentId;
  }

  /** Parameters by part: `visual`, `text`, `interaction` (the one fineTune trains), and `all`. */
  variables(part: 'visual' | 'text' | 'interaction' | 'all'): tf.Variable[] {
    return part === 'all' ? this.params.names().map((n) => this.params.get(n)) : this.params.group(`${part}/`);
  }

  async scoreFrames(query: TeacherQuery): Promise<tf.Tensor2D> {
    return (await this.scoreBatch([query]))[0]!;
  }

  async scoreBatch(queries: readonly TeacherQuery[]): Promise<tf.Tensor2D[]> {
    queries.forEach((q, i) => validateQuery('TinyAlbefTeacher.scoreBatch', q, this.config, i));
    const out: tf.Tensor2D[] = new Array(queries.length);
    for (const group of this.prepare(queries)) {
      const rows = tf.tidy(() => tf.unstack(tf.softmax(this.interact(this.encode(group))))) as tf.Tensor2D[];
      group.indices.forEach((qi, s) => (out[qi] = rows[s]!));
      disposeGroup(group);
    }
    return out;
  }

  /** @internal Groups and tensorises queries (see prepareQueries). */
  prepare(queries: readonly TeacherQuery[]): PreparedGroup[] {
    return prepareQueries(queries, this.tokenizer, this.config);
  }

  /** @internal Runs both encoders on a group (call inside tidy). */
  encode(group: PreparedGroup): EncodedGroup {
    const S = group.indices.length;
    const L = this.config.maxTextLength;
    const H = this.config.hiddenSize;
    const visual = this.visualEncoder(group.frameTensor);
    const text = this.textEncoder(group.ids, group.segments, group.mask);
    return {
      text: tf.reshape(text, [S, group.candidates, L, H]),
      textMask: tf.reshape(group.mask, [S, group.candidates, L]),
      visual: tf.reshape(visual, [S, group.frames, visual.shape[1], H]),
    };
  }

  /** @internal Logits `[S, T, C]` from encoder outputs (call inside tidy). */
  interact(encoded: EncodedGroup): tf.Tensor3D {
    return this.interaction(encoded.text, encoded.textMask, encoded.visual);
  }

  /**
   * Pre-training from scratch: every part trains (defaults FIT_DEFAULTS: AdamW lr 1e-3, weight decay
   * 0.01, 10 epochs). Examples pair each video's frames with its question and video-level answer.
   */
  async fit(examples: readonly TeacherExample[], options: TrainTeacherOptions & Partial<TrainTeacherConfig> = {}): Promise<TrainHistory> {
    const history = await trainTeacher(this, examples, { ...FIT_DEFAULTS, ...options }, options);
    await this.refreshId();
    return history;
  }

  /**
   * SpARC's teacher fine-tuning (A.1, A.4): visual and text encoders frozen, only the cross-modal
   * interaction module trains; AdamW lr 2e-5, weight decay 0.01, 5 epochs (FINE_TUNE_DEFAULTS).
   */
  async fineTune(examples: readonly TeacherExample[], options: TrainTeacherOptions & Partial<TrainTeacherConfig> = {}): Promise<TrainHistory> {
    const history = await trainTeacher(this, examples, { ...FINE_TUNE_DEFAULTS, ...options }, options);
    await this.refreshId();
    return history;
  }

  /** Every weight as plain data, in a fixed order. */
  getWeights(): Promise<NamedWeight[]> {
    return this.params.read();
  }

  /** Checkpoint bytes (config + tokenizer + weights); restore with `loadTinyAlbef`. */
  async serialize(): Promise<Uint8Array> {
    return encodeTeacherCheckpoint({ config: this.config, tokenizer: this.tokenizer.toJSON(), weights: await this.getWeights() });
  }

  dispose(): void {
    this.params.dispose();
  }

  private async refreshId(): Promise<void> {
    this.currentId = `${this.config.name}:${fingerprintWeights(await this.getWeights())}`;
  }
}

/**
 * A new tiny ALBEF-shaped teacher with seeded weights.
 *
 * @example
 * const tokenizer = TextTokenizer.fromCorpus(examples.flatMap((e) => [e.question, ...e.candidates]));
 * const teacher = createTinyAlbef({ featureSize: 64 }, tokenizer);
 * await teacher.fit(examples);           // all parts
 * await teacher.fineTune(examples);      // interaction module only (A.4)
 * const probs = await teacher.scoreFrames({ frames, question, candidates }); // [T, C]
 */
export function createTinyAlbef(config: Partial<TinyAlbefConfig>, tokenizer: TextTokenizer): TinyAlbefTeacher {
  return new TinyAlbefTeacher(resolveTinyAlbefConfig(config), tokenizer);
}

/** Restores a teacher from `serialize()` bytes. */
export function loadTinyAlbef(bytes: Uint8Array): TinyAlbefTeacher {
  const checkpoint = decodeTeacherCheckpoint(bytes);
  return new TinyAlbefTeacher(resolveTinyAlbefConfig(checkpoint.config), TextTokenizer.fromJSON(checkpoint.tokenizer), checkpoint.weights);
}
