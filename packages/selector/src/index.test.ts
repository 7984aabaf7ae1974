import { describe, expect, it } from 'vitest';
import * as api from './index.js';

describe('public API', () => {
  it('exports exactly the curated names', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'ALIGN_TEACHER_FRAMES_DEFAULTS',
        'ConfigError',
        'FALLBACK_MODES',
        'PICK_AMONG_MODES',
        'PICK_SINGLE_FRAME_DEFAULTS',
        'SELECT_CAUSAL_FRAMES_DEFAULTS',
        'SOFT_FRAME_WEIGHTS_DEFAULTS',
        'SOFT_WEIGHT_MODES',
        'SelectorError',
        'ShapeError',
        'ValueError',
        'alignTeacherFrames',
        'alignTeacherProbs',
        'gatherAnswerProbs',
        'hcrnClipBoundaries',
        'pickSingleFrame',
        'sampleFrameMask',
        'resolveAlignTeacherFramesOptions',
        'resolvePickSingleFrameOptions',
        'resolveSampleFrameMaskOptions',
        'resolveSelectCausalFramesOptions',
        'resolveSoftFrameWeightsOptions',
        'selectCausalFrames',
        'selectionOverlap',
        'selectionPrecisionRecall',
        'selectionStats',
        'softFrameWeights',
        'uniformClipBoundaries',
      ].sort(),
    );
  });
});
