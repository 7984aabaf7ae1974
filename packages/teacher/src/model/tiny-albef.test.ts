import * as tf from '@tensorflow/tfjs-core';
import { countNewTensors, expectArrayClose, expectNoTensorLeak } from '@sparc-vqa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, InvalidValueError, ShapeError } from '../errors.js';
import type { TeacherExample } from '../image-qa-teacher.js';
import { TextTokenizer } from '../text/text-tokenizer.js';
import { toyExamples } from '../test-utils.js';
import { createTinyAlbef, loadTinyAlbef } from './tiny-albef.js';
import type { TinyAlbefTeacher } from './tiny-albef.js';
import { FINE_TUNE_DEFAULTS } from './train-teacher.js';
import type { TrainEpochResult } from './train-teacher.js';
import { evaluateTeacher } from '../evaluate-teacher.js';

const D = 16;
const CONFIG = { featureSize: D, hiddenSize: 32, visualTokens: 2, heads: 2, maxTextLength: 12, seed: 7 };

function asExamples(n: number, seed: number): TeacherExample[] {
  return toyExamples({ n, D, seed }).map((e) => ({ ...e, frames: tf.tensor2d(e.frames, [e.T, D]) }));
}

describe('TinyAlbefTeacher', () => {
  let train: TeacherExample[];
  let val: TeacherExample[];
  let tokenizer: TextTokenizer;
  beforeAll(() => {
    train = asExamples(96, 1);
    val = asExamples(64, 2);
    tokenizer = TextTokenizer.fromCorpus(train.flatMap((e) => [e.question, ...e.candidates]));
  });
  afterAll(() => {
    tf.dispose([...train, ...val].map((e) => e.frames));
  });

  it('scores [T, C] probability rows; the batched form equals one-by-one; mixed T and C batch together', async () => {
    const teacher = createTinyAlbef(CONFIG, tokenizer);
    const queries = [
      train[0]!,
      { ...train[1]!, candidates: train[1]!.candidates.slice(0, 3) },
      { ...train[2]!, frames: tf.slice(train[2]!.frames, [0, 0], [2, D]) as tf.Tensor2D },
      train[3]!,
    ];
    const batch = await teacher.scoreBatch(queries);
    expect(batch.map((p) => p.shape)).toEqual([[4, 4], [4, 3], [2, 4], [4, 4]]);
    for (let i = 0; i < queries.length; i++) {
      const single = await teacher.scoreFrames(queries[i]!);
      expectArrayClose(await batch[i]!.data(), await single.data(), { rtol: 1e-4, atol: 1e-6 });
      const rows = (await single.sum(1).data()) as Float32Array;
      expectArrayClose(rows, new Array(rows.length).fill(1), { atol: 1e-5 });
      single.dispose();
    }
    tf.dispose([...batch, queries[2]!.frames]);
    await expectNoTensorLeak(() => teacher.scoreBatch(queries.slice(0, 2)));
    teacher.dispose();
  });

  it('initialisation is seeded: same seed, same id and outputs; another seed differs', async () => {
    const a = createTinyAlbef(CONFIG, tokenizer);
    const b = createTinyAlbef(CONFIG, tokenizer);
    const c = createTinyAlbef({ ...CONFIG, seed: 8 }, tokenizer);
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
    expect(a.id).toMatch(/^tiny-albef:[0-9a-f]{8}$/);
    const [pa, pb] = [await a.scoreFrames(val[0]!), await b.scoreFrames(val[0]!)];
    expect(await pa.data()).toEqual(await pb.data());
    tf.dispose([pa, pb]);
    [a, b, c].forEach((t) => t.dispose());
    const before = tf.memory().numTensors;
    createTinyAlbef(CONFIG, tokenizer).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad inputs with typed errors', async () => {
    const teacher = createTinyAlbef(CONFIG, tokenizer);
    const wrong = tf.zeros([4, D + 1]) as tf.Tensor2D;
    await expect(teacher.scoreFrames({ ...val[0]!, frames: wrong })).rejects.toThrow(/frames must be \[T, 16\]/);
    await expect(teacher.scoreFrames({ ...val[0]!, candidates: [] })).rejects.toSatisfy(ShapeError.isInstance);
    await expect(teacher.fineTune([{ ...val[0]!, answer: 9 }])).rejects.toSatisfy(InvalidValueError.isInstance);
    expect(() => createTinyAlbef({ hiddenSize: 30, heads: 4 }, tokenizer)).toThrow(ConfigError);
    wrong.dispose();
    teacher.dispose();
  });

  describe('training', () => {
    let teacher: TinyAlbefTeacher;
    beforeAll(() => {
      teacher = createTinyAlbef(CONFIG, tokenizer);
    });
    afterAll(() => teacher.dispose());

    it('fit (all parts) learns the toy task; nothing leaks', async () => {
      const before = await evaluateTeacher(teacher, val);
      const epochs: TrainEpochResult[] = [];
      const leaked = await countNewTensors(() => teacher.fit(train, { epochs: 4, learningRate: 5e-3, validation: val, onEpochEnd: (r) => epochs.push(r) }));
      expect(leaked).toBe(0);
      expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
      expect(epochs[3]!.loss).toBeLessThan(epochs[0]!.loss);
      // chance is 0.25 (C = 4)
      expect(before.accuracy).toBeLessThan(0.5);
      expect(epochs[3]!.validation!.accuracy).toBeGreaterThanOrEqual(0.75);
    });

    it('fineTune trains only the interaction module (A.1) with the A.4 defaults, reporting progress', async () => {
      const before = await teacher.getWeights();
      const id = teacher.id;
      const steps: number[] = [];
      const start = await evaluateTeacher(teacher, val);
      const history = await teacher.fineTune(train, { epochs: 2, learningRate: 1e-3, validation: val, onStep: (s) => steps.push(s.loss) });
      expect(history.config).toMatchObject({ ...FINE_TUNE_DEFAULTS, epochs: 2, learningRate: 1e-3 });
      expect(steps).toHaveLength(2 * Math.ceil(train.length / FINE_TUNE_DEFAULTS.batchSize));
      expect(history.epochs[1]!.validation!.loss).toBeLessThan(start.loss + 0.05);
      expect(history.epochs[1]!.validation!.accuracy).toBeGreaterThanOrEqual(0.7);
      const after = new Map((await teacher.getWeights()).map((w) => [w.name, w.data]));
      for (const w of before) {
        const same = w.data.every((x, i) => x === after.get(w.name)![i]);
        expect(same, w.name).toBe(!w.name.startsWith('interaction/'));
      }
      expect(teacher.id).not.toBe(id);
      expect(FINE_TUNE_DEFAULTS).toMatchObject({ epochs: 5, learningRate: 2e-5, weightDecay: 0.01, trainable: 'interaction' });
    });

    it('fineTune with cached encoder outputs equals fineTune without the cache', async () => {
      const bytes = await teacher.serialize();
      const [a, b] = [loadTinyAlbef(bytes), loadTinyAlbef(bytes)];
      await a.fineTune(train.slice(0, 24), { epochs: 1, learningRate: 1e-3, cacheEncodings: true });
      await b.fineTune(train.slice(0, 24), { epochs: 1, learningRate: 1e-3, cacheEncodings: false });
      const [wa, wb] = [await a.getWeights(), await b.getWeights()];
      wa.forEach((w, i) => expectArrayClose(w.data, wb[i]!.data, { rtol: 1e-4, atol: 1e-6 }));
      a.dispose();
      b.dispose();
    });

    it("objectives 'video' and 'mil' train too; bad configs are ConfigErrors", async () => {
      const copy = loadTinyAlbef(await teacher.serialize());
      for (const objective of ['video', 'mil'] as const) {
        const h = await copy.fit(train.slice(0, 8), { epochs: 1, objective });
        expect(Number.isFinite(h.epochs[0]!.loss)).toBe(true);
      }
      await expect(copy.fit(train.slice(0, 8), { objective: 'max' as never })).rejects.toSatisfy(ConfigError.isInstance);
      await expect(copy.fineTune(train.slice(0, 8), { learningRate: 0 })).rejects.toThrow(/learningRate must be > 0/);
      copy.dispose();
    });

    it('serialize -> load round-trips exactly (same id, same probabilities)', async () => {
      const restored = loadTinyAlbef(await teacher.serialize());
      expect(restored.id).toBe(teacher.id);
      expect(restored.tokenizer.toJSON()).toEqual(teacher.tokenizer.toJSON());
      const [a, b] = [await teacher.scoreFrames(val[3]!), await restored.scoreFrames(val[3]!)];
      expect(await b.data()).toEqual(await a.data());
      tf.dispose([a, b]);
      restored.dispose();
      expect(() => loadTinyAlbef(Uint8Array.of(1, 2, 3))).toThrow(ConfigError);
    });
  });

  it('image frames: [T, H, W, 3] resized to imageSize, conv patch tokens, trainable', async () => {
    const teacher = createTinyAlbef({ ...CONFIG, frames: 'images', imageSize: 16 }, tokenizer);
    const frames = tf.randomUniform([3, 12, 20, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const example = { frames, question: val[0]!.question, candidates: val[0]!.candidates, answer: 1 };
    const probs = await teacher.scoreFrames(example);
    expect(probs.shape).toEqual([3, 4]);
    const ints = tf.cast(tf.mul(frames, 255), 'int32') as tf.Tensor4D;
    const probsInt = await teacher.scoreFrames({ ...example, frames: ints });
    expectArrayClose(await probsInt.data(), await probs.data(), { atol: 0.05 });
    const history = await teacher.fit([example], { epochs: 1 });
    expect(Number.isFinite(history.epochs[0]!.loss)).toBe(true);
    await expect(teacher.scoreFrames({ ...example, frames: val[0]!.frames })).rejects.toSatisfy(ShapeError.isInstance);
    tf.dispose([frames, ints, probs, probsInt]);
    teacher.dispose();
  });
});
