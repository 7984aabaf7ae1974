import { describe, expect, it } from 'vitest';
import { FIT_EPOCHS_WITHOUT_PRETRAIN, TEACHER_RUN_DEFAULTS, TeacherRunConfigError, resolveTeacherRunConfig } from './teacher-run-config.js';

describe('resolveTeacherRunConfig', () => {
  it('fills the defaults and keeps overrides; the kinds list is a frozen copy', () => {
    const kinds = ['scene', 'action'] as const;
    const c = resolveTeacherRunConfig({ dataset: 'd', pretrainEpochs: 0, pretrainKinds: [...kinds], fitEpochs: undefined });
    expect(c.pretrain).toBe(TEACHER_RUN_DEFAULTS.pretrain);
    expect([c.pretrainEpochs, c.fitEpochs]).toEqual([0, TEACHER_RUN_DEFAULTS.fitEpochs]);
    expect(c.pretrainKinds).toEqual(['scene', 'action']);
    expect(Object.isFrozen(c.pretrainKinds)).toBe(true);
  });

  it('fitEpochs defaults to 0 after caption pre-training and to 3 without it, unless given', () => {
    expect(resolveTeacherRunConfig({ dataset: 'd' }).fitEpochs).toBe(0);
    expect(resolveTeacherRunConfig({ dataset: 'd', pretrain: 'none' }).fitEpochs).toBe(FIT_EPOCHS_WITHOUT_PRETRAIN);
    expect(FIT_EPOCHS_WITHOUT_PRETRAIN).toBe(3);
    expect(resolveTeacherRunConfig({ dataset: 'd', pretrain: 'none', fitEpochs: 1 }).fitEpochs).toBe(1);
    expect(resolveTeacherRunConfig({ dataset: 'd', fitEpochs: 2 }).fitEpochs).toBe(2);
  });

  it('rejects a bad pretrain option, naming the field and the rule', () => {
    const bad = (o: object) => () => resolveTeacherRunConfig({ dataset: 'd', ...o });
    expect(bad({ pretrain: 'imagenet' })).toThrow(`teacher: pretrain must be 'captions' or 'none', got "imagenet"`);
    expect(bad({ pretrainEpochs: -1 })).toThrow(TeacherRunConfigError);
    expect(bad({ pretrainEpochs: 1.5 })).toThrow('teacher: pretrainEpochs must be an integer >= 0, got 1.5');
    expect(bad({ pretrainLearningRate: 0 })).toThrow('teacher: pretrainLearningRate must be a finite number > 0, got 0');
    expect(bad({ pretrainBatchSize: 0 })).toThrow('pretrainBatchSize must be a positive integer');
    expect(bad({ pretrainKinds: [] })).toThrow('teacher: pretrainKinds must be distinct kinds out of action, place, object, scene, got []');
    expect(bad({ pretrainKinds: ['action', 'colour'] })).toThrow('pretrainKinds must be distinct kinds');
    expect(bad({ pretrainKinds: ['action', 'action'] })).toThrow('pretrainKinds must be distinct kinds');
    expect(bad({ pretrainPrompt: 'captions' })).toThrow(`teacher: pretrainPrompt must be 'fixed' or 'questions', got "captions"`);
  });
});
