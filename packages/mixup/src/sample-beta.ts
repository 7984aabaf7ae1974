// Beta(alpha, beta) draws as G_a / (G_a + G_b) from two Gamma draws (Marsaglia & Tsang 2000), in log
// space. This is the mixing ratio lambda ~ Beta(alpha, beta) of mixup (Zhang et al. 2017) and TGM (paper A.2).
import { assertRng, type Rng } from './create-rng.js';
import { assertPositiveParameter, logGammaFrom } from './sample-gamma.js';

/** Internal: one Beta draw without argument checks (errors reported under `fn`). */
export function betaFrom(alpha: number, beta: number, rng: Rng, fn: string): number {
  const logGa = logGammaFrom(alpha, rng, fn);
  const logGb = logGammaFrom(beta, rng, fn);
  // G_a / (G_a + G_b) = 1 / (1 + exp(log G_b - log G_a)); both logs are finite, so the difference is
  // finite, exp() is in [0, inf] and the result in [0, 1], never 0/0.
  return 1 / (1 + Math.exp(logGb - logGa));
}

/**
 * One draw lambda ~ Beta(alpha, beta): lambda = G_a / (G_a + G_b) with G_a ~ Gamma(alpha, 1) drawn
 * first, then G_b ~ Gamma(beta, 1) (Marsaglia-Tsang), evaluated in log space as
 * 1 / (1 + exp(log G_b - log G_a)). For tiny parameters (0.1, or even 0.001) neither gamma underflows to
 * 0, so the result is never NaN; it lies in [0, 1] and can round to exactly 1 in double precision (for
 * alpha = beta = 0.1 about 1.3% of draws are within 1e-16 of 1; that is the true distribution's mass).
 *
 * Moments: mean alpha / (alpha + beta), variance alpha beta / ((alpha + beta)^2 (alpha + beta + 1)).
 *
 * @param alpha - First shape parameter (> 0, finite); Table 6 uses 0.1 for NExT-QA.
 * @param beta - Second shape parameter (> 0, finite); Table 6 uses 0.1.
 * @param rng - Uniform source in [0, 1) (e.g. {@link createRng}).
 * @returns lambda in [0, 1].
 * @throws ValueError when `alpha` or `beta` is not a finite number > 0, `rng` is not a function or
 *   returns a number outside [0, 1).
 * @example
 * ```ts
 * const rng = createRng(0);
 * const lambda = sampleBeta(0.1, 0.1, rng); // 0.0343654... (most Beta(0.1, 0.1) draws are near 0 or 1)
 * ```
 */
export function sampleBeta(alpha: number, beta: number, rng: Rng): number {
  assertPositiveParameter(alpha, 'alpha', 'sampleBeta');
  assertPositiveParameter(beta, 'beta', 'sampleBeta');
  assertRng(rng, 'sampleBeta');
  return betaFrom(alpha, beta, rng, 'sampleBeta');
}
