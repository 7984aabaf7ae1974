// Loads a sail-sg/VGT (model/vqa_model.py) state_dict, exported to safetensors, into a VGTBackbone.
import { WeightsError } from '../errors.js';
import { inferVGTConfig, type LoadReferenceVGTOptions } from './infer-vgt-config.js';
import { vgtWeightSpecs } from './modules/vgt-weight-specs.js';
import { referenceStateDict, type VGTReferenceSource } from './reference-state-dict.js';
import { buildVGT, type VGTBackbone } from './vgt.js';

/**
 * Builds a VGT whose sizes are inferred from the reference weights (see `inferVGTConfig`) and loads every
 * weight, BatchNorm running statistics included. Accepts a parsed safetensors file (`readSafetensors`) or
 * its tensor map; keys may carry the fixtures' `model.` prefix. The BERT encoder (`amodel.bert.*`), the MLM
 * and matching heads and the modality embedding are skipped (unused by the multiple-choice forward).
 * @throws WeightsError naming the weight when one is missing, unexpected, mis-shaped or mis-typed.
 */
export function loadReferenceVGT(source: VGTReferenceSource, overrides: LoadReferenceVGTOptions = {}): VGTBackbone {
  const fn = 'loadReferenceVGT';
  const config = inferVGTConfig(source, overrides, fn);
  const dict = referenceStateDict(source);
  const specs = vgtWeightSpecs(config);
  const expected = new Set(specs.map((s) => s.name));
  for (const name of dict.keys()) {
    if (!expected.has(name)) throw new WeightsError(fn, name, 'unexpected weight (not part of VGT with the inferred sizes)');
  }
  const values = new Map<string, Float32Array | Int32Array>();
  for (const spec of specs) {
    const t = dict.get(spec.name);
    if (t === undefined) throw new WeightsError(fn, spec.name, 'missing');
    const size = spec.shape.reduce((a, b) => a * b, 1);
    // PyTorch stores num_batches_tracked as a scalar; some exporters write it as [1].
    const shapeOk = spec.shape.length === 0 ? t.data.length === 1 && t.shape.length <= 1 : t.shape.join() === spec.shape.join();
    if (!shapeOk || t.data.length !== size) {
      throw new WeightsError(fn, spec.name, `has shape [${t.shape.join(', ')}], expected [${spec.shape.join(', ')}]`);
    }
    const isFloat = t.data instanceof Float32Array;
    if (isFloat !== (spec.dtype === 'float32')) {
      throw new WeightsError(fn, spec.name, `has dtype ${t.dtype}, expected ${spec.dtype === 'float32' ? 'a float dtype' : 'an integer dtype'}`);
    }
    values.set(spec.name, t.data);
  }
  return buildVGT(config, values);
}
