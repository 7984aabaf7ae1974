// EncoderVid of sail-sg/VGT model/EncoderVid.py: box encoder (1x1 conv, BN, ReLU ×2) + RoI projection.
import * as tf from '@tensorflow/tfjs-core';
import { batchNorm, type BatchNormParams } from './batch-norm.js';
import { dense } from './dense.js';
import type { ForwardContext } from './forward-context.js';
import type { ParamLookup } from './param-lookup.js';

/** Options of `encodeRegions`. */
export interface RegionEncoderOptions {
  readonly featureDim: number;
  readonly boxDim: number;
  readonly batchNormEps: number;
  readonly batchNormMomentum: number;
  /** Training only: [N, 1] 0/1 weights of the region rows that count in the BatchNorm batch statistics. */
  readonly rowWeights?: tf.Tensor2D;
  /** Training only: the number of counted rows. */
  readonly count: number;
}

function bnParams(params: ParamLookup, prefix: string): BatchNormParams {
  return {
    weight: params(`${prefix}.weight`),
    bias: params(`${prefix}.bias`),
    runningMean: params(`${prefix}.running_mean`),
    runningVar: params(`${prefix}.running_var`),
    numBatchesTracked: params(`${prefix}.num_batches_tracked`),
  };
}

/**
 * Encodes region rows [N, featureDim + boxDim] (RoI feature, then box) into [N, D]:
 * box → conv0 → BN → ReLU → conv3 → BN → ReLU, concatenated after the RoI feature, → tohid.0 → ELU
 * (computed as two products over the split tohid weight).
 */
export function encodeRegions(
  rows: tf.Tensor2D,
  params: ParamLookup,
  options: RegionEncoderOptions,
  ctx: ForwardContext,
): tf.Tensor2D {
  return tf.tidy(() => {
    const n = rows.shape[0];
    const { featureDim, boxDim } = options;
    const box = tf.slice(rows, [0, featureDim], [n, boxDim]);
    const bn = { training: ctx.training, eps: options.batchNormEps, momentum: options.batchNormMomentum, count: options.count };
    const withWeights = options.rowWeights === undefined ? bn : { ...bn, rowWeights: options.rowWeights };
    let h = dense(box, params('encode_vid.bbox_conv.0.weight'), params('encode_vid.bbox_conv.0.bias'), { inputData: true }) as tf.Tensor2D;
    h = tf.relu(batchNorm(h, bnParams(params, 'encode_vid.bbox_conv.1'), withWeights));
    h = dense(h, params('encode_vid.bbox_conv.3.weight'), params('encode_vid.bbox_conv.3.bias')) as tf.Tensor2D;
    h = tf.relu(batchNorm(h, bnParams(params, 'encode_vid.bbox_conv.4'), withWeights));
    // tohid(concat[roi, h]) = [roi, box]·[W_roi, 0]ᵀ + h·W_posᵀ + b: the region rows are used whole, so neither
    // the RoI slice nor the concatenation (both [N, F+]) is materialised.
    const weight = params('encode_vid.tohid.0.weight');
    const d = weight.shape[0]!;
    const wRows = tf.concat([tf.slice(weight, [0, 0], [d, featureDim]), tf.zeros([d, boxDim])], 1);
    const wPos = tf.slice(weight, [0, featureDim], [d, weight.shape[1]! - featureDim]);
    const fromRows = dense(rows, wRows, undefined, { inputData: true });
    return tf.elu(tf.add(fromRows, dense(h, wPos, params('encode_vid.tohid.0.bias')))) as tf.Tensor2D;
  });
}
