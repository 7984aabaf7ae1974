// Access to a model's variables by their reference state_dict name (sail-sg/VGT model/vqa_model.py keys).
import type * as tf from '@tensorflow/tfjs-core';

/** Returns the variable stored under a reference state_dict name; throws if there is none. */
export type ParamLookup = (name: string) => tf.Variable;

/** A lookup over a name -> variable map. */
export function paramLookup(weights: ReadonlyMap<string, tf.Variable>): ParamLookup {
  return (name) => {
    const variable = weights.get(name);
    if (variable === undefined) throw new Error(`paramLookup: no weight named ${name}`);
    return variable;
  };
}
