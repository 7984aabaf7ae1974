import { describe, expect, it } from 'vitest';
import { parseStudyFlags } from '../commands/study-command.js';
import { UsageError } from '../commands/usage-error.js';
import { resolveTrainConfig } from '../engine/train-config.js';
import { STUDY_FULL, STUDY_ROW_ORDER, studyRowConfig } from './study-config.js';

describe('study rows and sweep points', () => {
  it('every name maps to the config it stands for (on top of the preset and the seed\'s teacher store)', () => {
    expect(STUDY_ROW_ORDER).toEqual(['baseline', 'T', 'S', 'T+S', 'T+S+TGM', 'T+S+mixup', 't=0.3', 't=0.7', 'fallback=all', 'fallback=skip', 'soft', 'oracle']);
    const resolved = (row: string) => resolveTrainConfig({ dataset: 'd', teacher: 'store.sptk', ...studyRowConfig(row) }, 'synthetic');
    expect(resolved('baseline')).toMatchObject({ temporal: false, spatial: false, mixup: 'none', teacher: null });
    expect(resolved('T')).toMatchObject({ temporal: true, spatial: false, mixup: 'none', teacher: 'store.sptk' });
    expect(resolved('S')).toMatchObject({ temporal: false, spatial: true, mixup: 'none' });
    expect(resolved('T+S+TGM')).toMatchObject({ temporal: true, spatial: true, mixup: 'tgm' });
    expect(resolved('T+S+mixup')).toMatchObject({ mixup: 'mixup' });
    const ts = resolved('T+S');
    expect(ts).toMatchObject({ temporal: true, spatial: true, mixup: 'none', threshold: 0.5, fallback: 'argmax', guidance: 'hard', teacher: 'store.sptk' });
    // A sweep point differs from T+S in exactly its own fields.
    const diff = (row: string) => Object.fromEntries(Object.entries(resolved(row)).filter(([k, v]) => ts[k as keyof typeof ts] !== v));
    expect(diff('t=0.3')).toEqual({ threshold: 0.3 });
    expect(diff('t=0.7')).toEqual({ threshold: 0.7 });
    expect(diff('fallback=all')).toEqual({ fallback: 'all' });
    expect(diff('fallback=skip')).toEqual({ fallback: 'skip' });
    expect(diff('soft')).toEqual({ guidance: 'soft' });
    expect(diff('oracle')).toEqual({ teacher: 'ground-truth' });
    expect(() => studyRowConfig('T+S+X')).toThrow("study: unknown row 'T+S+X' (rows: baseline, T, S, T+S, T+S+TGM, T+S+mixup, t=0.3, t=0.7, fallback=all, fallback=skip, soft, oracle)");
  });

  it('parseStudyFlags: rows may name sweep points; bad lists are one-line usage errors', () => {
    expect(parseStudyFlags({ rows: 'baseline,soft', seeds: '2', backbones: 'vgt', sweep: false, epochs: '4' })).toEqual({
      ...STUDY_FULL, rows: ['baseline', 'soft'], seeds: [2], backbones: ['vgt'], sweep: false, train: { epochs: 4 },
    });
    expect(() => parseStudyFlags({ rows: 'baseline,hard' })).toThrow(new UsageError(`--rows: expected some of ${STUDY_ROW_ORDER.join(', ')}, got 'hard'`));
    expect(() => parseStudyFlags({ seeds: '1,x' })).toThrow(new UsageError("--seeds: expected integers >= 0, got 'x'"));
    expect(() => parseStudyFlags({ backbones: 'hga,lstm' })).toThrow(new UsageError("--backbones: expected hga and/or vgt, got 'lstm'"));
    expect(() => parseStudyFlags({ epochs: '0' })).toThrow(new UsageError("--epochs: expected a positive integer, got '0'"));
  });
});
