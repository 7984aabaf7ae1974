// HGA (Heterogeneous Graph Alignment, Jiang & Han, AAAI 2020) as reproduced in doc-doc/NExT-QA
// networks/VQAModel/HGA.py @6b92588; the model object implementing the VideoQABackbone contract.
import * as tf from '@tensorflow/tfjs-core';
import type { SavedWeights, VideoQABackbone, VideoQACallOptions, VideoQAOutputs } from '../backbone.js';
import { BackbonesError, ConfigError } from '../errors.js';
import { createVariables, loadVariables, saveVariables } from '../shared/weights-io.js';
import { resolveHGAConfig, type HGAConfig } from './config.js';
import { hgaForward, type HGAForwardInputs } from './hga-forward.js';
import { prepareHGAInputs, type HGAInputs, type PreparedHGAInputs } from './hga-inputs.js';
import { hgaVariableSpecs } from './hga-weights.js';

/** Options of `HGA.call`. */
export interface HGACallOptions extends VideoQACallOptions {
  /**
   * Also return `frameImportance` [B, T]: the first co-attention layer's question-to-video weights,
   * averaged over each QA's valid tokens and over the candidates (each row sums to 1 over the kept
   * clips; masked clips get 0). Default false, so that an ignored output cannot leak.
   */
  readonly frameImportance?: boolean;
}

/** What `callWithIntermediates` returns besides the outputs. */
export interface HGAIntermediatesOutputs extends VideoQAOutputs {
  /**
   * Named intermediates, the reference module outputs (fixtures/README.md "Debug tensors"), batch-major:
   * `vid_encoder.output` [B,T,H], `vid_encoder.hidden` [B,H], and per candidate [B,C,...]:
   * `qns_encoder.output` [B,C,L',H], `qns_encoder.hidden` [B,C,H], `q_ln`, `co_attn.q` [B,C,L',H],
   * `co_attn.v` [B,C,T,H], `co_attn.attention` [B,C,L',T], `adj` [B,C,L'+T,L'+T], `gcn` [B,C,L'+T,H],
   * `global_out` [B,C,H], `local_out` [B,C,H]. L' is the longest QA length of the batch; question
   * nodes come first (rows 0..L'-1), then the T clips. The caller owns (and disposes) them.
   */
  readonly intermediates: Map<string, tf.Tensor>;
}

/** An HGA model: the VideoQABackbone contract plus a debugging path. */
export interface HGABackbone extends VideoQABackbone<HGAInputs, HGAConfig> {
  call(inputs: HGAInputs, options?: HGACallOptions): VideoQAOutputs;
  /** `call`, also returning every reference intermediate (slower; for parity checks and debugging). */
  callWithIntermediates(inputs: HGAInputs, options?: HGACallOptions): HGAIntermediatesOutputs;
}

class HGA implements HGABackbone {
  readonly name = 'hga';
  readonly config: Readonly<HGAConfig>;
  readonly weights: ReadonlyMap<string, tf.Variable>;
  readonly trainableWeights: readonly tf.Variable[];
  private disposed = false;

  constructor(config: Readonly<HGAConfig>) {
    this.config = config;
    this.weights = createVariables(hgaVariableSpecs(config));
    this.trainableWeights = Object.freeze([...this.weights.values()].filter((v) => v.trainable));
  }

  call(inputs: HGAInputs, options: HGACallOptions = {}): VideoQAOutputs {
    return this.run('HGA.call', inputs, options);
  }

  callWithIntermediates(inputs: HGAInputs, options: HGACallOptions = {}): HGAIntermediatesOutputs {
    const intermediates = new Map<string, tf.Tensor>();
    try {
      const out = this.run('HGA.callWithIntermediates', inputs, options, (name, t) => intermediates.set(name, tf.keep(t)));
      return { ...out, intermediates };
    } catch (error) {
      tf.dispose([...intermediates.values()]);
      throw error;
    }
  }

  private run(fn: string, inputs: HGAInputs, options: HGACallOptions, capture?: (name: string, t: tf.Tensor) => void): VideoQAOutputs {
    this.assertAlive(fn);
    const prepared = prepareHGAInputs(fn, this.config, inputs);
    const training = options.training ?? false;
    if (training && this.config.dropout > 0 && typeof options.rng !== 'function') {
      throw new ConfigError(fn, 'options.rng', options.rng, 'must be a () => number in [0, 1) when training with dropout > 0');
    }
    return tf.tidy(() => {
      const out = hgaForward(this.weights, this.config, forwardInputs(inputs, prepared), {
        training,
        ...(options.rng ? { rng: options.rng } : {}),
        frameImportance: options.frameImportance ?? false,
        ...(capture ? { capture } : {}),
      });
      return out.frameImportance ? { logits: out.logits, frameImportance: out.frameImportance } : { logits: out.logits };
    });
  }

  getConfig(): HGAConfig {
    return { ...this.config };
  }

  saveWeights(): Promise<SavedWeights> {
    this.assertAlive('HGA.saveWeights');
    return saveVariables(this.weights);
  }

  loadWeights(weights: SavedWeights): void {
    this.assertAlive('HGA.loadWeights');
    loadVariables('HGA.loadWeights', this.weights, weights);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of this.weights.values()) v.dispose();
  }

  private assertAlive(fn: string): void {
    if (this.disposed) throw new BackbonesError(`${fn}: the model has been disposed`);
  }
}

function forwardInputs(inputs: HGAInputs, p: PreparedHGAInputs): HGAForwardInputs {
  const { qa } = inputs;
  const [b, c, l, d] = qa.shape;
  return {
    video: inputs.video,
    qa: p.maxLength < l ? tf.slice(qa, [0, 0, 0, 0], [b, c, p.maxLength, d]) : qa,
    lengthMask: tf.tensor2d(p.lengthMask, [p.candidates * p.batch, p.maxLength]),
    views: p.views,
    ...(inputs.frameMask ? { frameMask: inputs.frameMask.dtype === 'float32' ? inputs.frameMask : tf.cast(inputs.frameMask, 'float32') } : {}),
  };
}

/**
 * Builds an HGA model with seeded, PyTorch-style initial weights. Every size is configurable; the
 * defaults are the reference NExT-QA model (`HGA_DEFAULTS`, 12,689,518 parameters).
 *
 * `call({ video: [B,T,Dv], qa: [B,C,L,Dt], qaLengths: int32 [B,C], frameMask?: [B,T] }, { training, rng })`
 * returns `{ logits: [B,C] }`; a frameMask of V·B rows runs V views over one encoding (logits [V·B, C]).
 *
 * @throws ConfigError for an invalid configuration
 * @example
 * const hga = createHGA({ videoDim: 64, hiddenSize: 16, wordDim: 24, blockMmDim: 50, blockChunks: 4, blockRank: 3 });
 * const { logits } = hga.call({ video, qa, qaLengths }); // logits [B, C]
 */
export function createHGA(config: Partial<HGAConfig> = {}): HGABackbone {
  return new HGA(resolveHGAConfig(config));
}
