// Public types shared by the losses of @sparc-vqa/losses.
import type { Scalar, Tensor1D } from '@tensorflow/tfjs-core';

/**
 * How per-sample losses [B] become the returned tensor:
 * - `'mean'`: a scalar; the plain mean over B, or with sample weights w the weighted mean
 *   sum_i w_i l_i / sum_i w_i (0, not NaN, when every weight is 0);
 * - `'sum'`: a scalar, sum_i w_i l_i (w_i = 1 without weights);
 * - `'none'`: the per-sample vector [B] of w_i l_i.
 */
export type Reduction = 'mean' | 'sum' | 'none';

/** Every {@link Reduction}, in documentation order. */
export const REDUCTIONS: readonly Reduction[] = Object.freeze(['mean', 'sum', 'none'] as const);

/**
 * Which KL divergence the consistency loss computes. `'whole||guided'` is KL(p_whole || p_guided), the
 * paper's L_c (3.2.1) and IGV's KLDivLoss(input = log p_guided, target = p_whole);
 * `'guided||whole'` swaps the two distributions. The first distribution is the "target" side.
 */
export type KLDirection = 'whole||guided' | 'guided||whole';

/** Every {@link KLDirection}, in documentation order. */
export const KL_DIRECTIONS: readonly KLDirection[] = Object.freeze(['whole||guided', 'guided||whole'] as const);

/** A reduced loss: a scalar (`'mean'`, `'sum'`) or per-sample values [B] (`'none'`). */
export type LossTensor = Scalar | Tensor1D;
