// Selects the VGT state_dict entries of a safetensors file (sail-sg/VGT model/vqa_model.py key names).
import type { Safetensors, SafetensorsTensor } from '../safetensors/read-safetensors.js';

/** A safetensors file, or just its tensors. */
export type VGTReferenceSource = Safetensors | ReadonlyMap<string, SafetensorsTensor>;

/** Keys of the reference state_dict that the multiple-choice forward never reads; skipped on load. */
export const VGT_UNUSED_PREFIXES: readonly string[] = Object.freeze([
  'vocab_transform.', 'vocab_norm.', 'vocab_projector.', 'crossmodal_matching.',
  'position_v.modality_embedding.', 'amodel.bert.',
]);

/**
 * The state_dict entries by key. With any `model.`-prefixed key (the fixture layout) only those are
 * taken, prefix removed; otherwise every key is a state_dict key. A `module.` prefix (a checkpoint saved
 * from `nn.DataParallel`, as the reference's main.py does) is removed too. Unused keys (VGT_UNUSED_PREFIXES) are
 * dropped; `graph_trans_n.*` (the reference's name when CM_PT and bnum != 10) is read as `graph_trans.*`.
 */
export function referenceStateDict(source: VGTReferenceSource): Map<string, SafetensorsTensor> {
  const tensors = source instanceof Map ? source : (source as Safetensors).tensors;
  const keys = [...tensors.keys()];
  const prefixed = keys.some((key) => key.startsWith('model.'));
  const out = new Map<string, SafetensorsTensor>();
  for (const key of keys) {
    if (prefixed && !key.startsWith('model.')) continue;
    let name = prefixed ? key.slice('model.'.length) : key;
    if (name.startsWith('module.')) name = name.slice('module.'.length); // saved from nn.DataParallel
    if (VGT_UNUSED_PREFIXES.some((p) => name.startsWith(p))) continue;
    if (name.startsWith('graph_trans_n.')) name = `graph_trans.${name.slice('graph_trans_n.'.length)}`;
    out.set(name, tensors.get(key)!);
  }
  return out;
}

/** The `constructor.args` object of a fixture's metadata, when there is one. */
export function referenceConstructorArgs(source: VGTReferenceSource): Record<string, unknown> {
  if (source instanceof Map) return {};
  const raw = (source as Safetensors).metadata?.['constructor'];
  if (raw === undefined) return {};
  try {
    const parsed = JSON.parse(raw) as { args?: Record<string, unknown> };
    return parsed.args ?? {};
  } catch {
    return {};
  }
}
