// VGT (Video Graph Transformer) of sail-sg/VGT model/vqa_model.py, as a VideoQABackbone.
import * as tf from '@tensorflow/tfjs-core';
import type { SavedWeights, VideoQABackbone, VideoQACallOptions, VideoQAOutputs } from '../backbone.js';
import { BackbonesError, ConfigError } from '../errors.js';
import { resolveVGTConfig, type VGTConfig } from './config.js';
import type { ForwardContext } from './modules/forward-context.js';
import { initialValues } from './modules/initial-values.js';
import { paramLookup } from './modules/param-lookup.js';
import { vgtWeightSpecs } from './modules/vgt-weight-specs.js';
import { loadVariables, saveVariables } from './modules/weight-io.js';
import { validateVGTInputs } from './validate-vgt-inputs.js';
import { vgtForward } from './vgt-forward.js';
import type { VGTDebugName, VGTDebugOutputs, VGTInputs } from './vgt-inputs.js';

/** A VGT model: the backbone contract plus a debug path that also returns the reference intermediates. */
export interface VGTBackbone extends VideoQABackbone<VGTInputs, VGTConfig> {
  /**
   * Runs the model on `{ regions [B,clips,frames,R,F+5], frames [B,clips,frames,F], qa [B,C,L,768],
   * qaLengths int32 [B,C], frameMask? [B,clips] }` and returns `{ logits [B,C], frameImportance [B,clips] }`.
   * Intermediates are freed; the returned tensors belong to the caller.
   */
  call(inputs: VGTInputs, options?: VideoQACallOptions): VideoQAOutputs & { readonly frameImportance: tf.Tensor2D };
  /** Like `call`, also returning `fusionProj`, `answerProj` and the fixtures' `debug.*` intermediates. */
  callWithDebug(inputs: VGTInputs, options?: VideoQACallOptions): VGTDebugOutputs;
}

/**
 * Builds a VGT with seeded, deterministic initial weights (the reference's init rules).
 * @param config any subset of `VGTConfig`; missing fields come from `VGT_DEFAULTS` (see `resolveVGTConfig`).
 * @example
 * const vgt = createVGT({ featureDim: 64, dModel: 32, ffDim: 48, numHeads: 4 });
 * const { logits } = vgt.call({ regions, frames, qa, qaLengths }); // logits [B, C]
 */
export function createVGT(config: Partial<VGTConfig> = {}): VGTBackbone {
  const resolved = resolveVGTConfig(config);
  const specs = vgtWeightSpecs(resolved);
  return buildVGT(resolved, initialValues(specs, resolved.seed));
}

/** Builds a VGT whose variables take the given values (one per `vgtWeightSpecs(config)` entry). */
export function buildVGT(config: Readonly<VGTConfig>, values: ReadonlyMap<string, Float32Array | Int32Array>): VGTBackbone {
  const specs = vgtWeightSpecs(config);
  const weights = new Map<string, tf.Variable>();
  for (const spec of specs) {
    const value = values.get(spec.name);
    if (value === undefined) throw new BackbonesError(`buildVGT: no value for ${spec.name}`);
    weights.set(spec.name, tf.tidy(() => tf.variable(tf.tensor(value, [...spec.shape], spec.dtype), spec.trainable)));
  }
  const trainableWeights = Object.freeze(specs.filter((s) => s.trainable).map((s) => weights.get(s.name)!));
  const params = paramLookup(weights);
  let disposed = false;

  const context = (fn: string, options: VideoQACallOptions, record?: ForwardContext['record']): ForwardContext => {
    if (disposed) throw new BackbonesError(`${fn}: the model has been disposed`);
    const training = options.training ?? false;
    if (training && config.dropout > 0 && typeof options.rng !== 'function') {
      throw new ConfigError(fn, 'options.rng', options.rng, 'is required when training with dropout > 0');
    }
    return { training, dropoutRate: config.dropout, ...(options.rng ? { rng: options.rng } : {}), ...(record ? { record } : {}) };
  };

  const model: VGTBackbone = {
    name: 'vgt',
    config,
    trainableWeights,
    weights,
    call(inputs, options = {}) {
      const ctx = context('VGT.call', options);
      const checked = validateVGTInputs('VGT.call', inputs, config);
      return tf.tidy(() => {
        const out = vgtForward(params, config, inputs, checked, ctx);
        return { logits: out.logits, frameImportance: out.frameImportance };
      });
    },
    callWithDebug(inputs, options = {}) {
      const debug: Partial<Record<VGTDebugName, tf.Tensor>> = {};
      const ctx = context('VGT.callWithDebug', options, (name, tensor) => {
        debug[name as VGTDebugName] = tf.keep(tensor);
      });
      const checked = validateVGTInputs('VGT.callWithDebug', inputs, config);
      try {
        const out = tf.tidy(() => ({ ...vgtForward(params, config, inputs, checked, ctx) }));
        return { ...out, debug: debug as Record<VGTDebugName, tf.Tensor> };
      } catch (error) {
        tf.dispose(Object.values(debug));
        throw error;
      }
    },
    getConfig: () => ({ ...config }),
    saveWeights: () => {
      if (disposed) throw new BackbonesError('VGT.saveWeights: the model has been disposed');
      return saveVariables(weights);
    },
    loadWeights(saved: SavedWeights) {
      if (disposed) throw new BackbonesError('VGT.loadWeights: the model has been disposed');
      loadVariables('VGT.loadWeights', weights, saved);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const variable of weights.values()) variable.dispose();
    },
  };
  return model;
}
