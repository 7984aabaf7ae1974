// The public surface of @sparc-vqa/losses: a reviewable list of runtime exports.
import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('index', () => {
  it('exports exactly the curated runtime names', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'CONSISTENCY_LOSS_DEFAULTS',
        'ConfigError',
        'GUIDED_LOSS_DEFAULTS',
        'KL_DIRECTIONS',
        'LossesError',
        'REDUCTIONS',
        'SPARC_LOSS_DEFAULTS',
        'SPATIAL_DISTILLATION_LOSS_DEFAULTS',
        'ShapeError',
        'ValueError',
        'consistencyLoss',
        'guidedLoss',
        'resolveConsistencyLossOptions',
        'resolveGuidedLossOptions',
        'resolveSparcLossOptions',
        'resolveSpatialDistillationLossOptions',
        'sparcLoss',
        'spatialDistillationLoss',
      ].sort(),
    );
    expect(api.REDUCTIONS).toEqual(['mean', 'sum', 'none']);
    expect(api.KL_DIRECTIONS).toEqual(['whole||guided', 'guided||whole']);
    expect(Object.isFrozen(api.REDUCTIONS) && Object.isFrozen(api.KL_DIRECTIONS)).toBe(true);
  });
});
