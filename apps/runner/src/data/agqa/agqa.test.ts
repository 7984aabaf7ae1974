import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { makeTempDir } from '../testing/temp-dir.js';
import { agqaAccuracy } from './agqa-accuracy.js';
import { readAGQAQuestions } from './agqa-question.js';
import { buildAnswerVocabulary } from './answer-vocabulary.js';
import { toMultipleChoice } from './to-multiple-choice.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

/** A question in the released AGQA 2.0 shape (extra fields the reader ignores included). */
function q(video: string, question: string, answer: string, ansType: 'binary' | 'open', extra: Record<string, unknown> = {}) {
  return {
    question, answer, video_id: video, ans_type: ansType,
    global: ['obj-rel'], local: 'objRelExists', steps: 3, semantic: 'object', structural: ansType === 'binary' ? 'verify' : 'query',
    program: 'exists(...)', sg_grounding: {}, nl: question, ...extra,
  };
}

function writeJson(name: string, data: unknown): string {
  const file = path.join(tmp.dir, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

// Training answers: yes x3, no x2, table x2, cup x1, phone x1 -> candidate set [yes, no, table].
const TRAIN = {
  t1: q('A1', 'did they hold a cup?', 'yes', 'binary'),
  t2: q('A1', 'did they sit?', 'yes', 'binary'),
  t3: q('A2', 'did they eat?', 'yes', 'binary'),
  t4: q('A2', 'did they run?', 'no', 'binary'),
  t5: q('A3', 'did they open the door?', 'no', 'binary'),
  t6: q('A3', 'what did they touch first?', 'table', 'open'),
  t7: q('A4', 'what did they touch last?', 'table', 'open'),
  t8: q('A4', 'what were they holding?', 'cup', 'open'),
  t9: q('A5', 'what did they put down?', 'phone', 'open'),
};
const TEST = {
  s1: q('B1', 'did they hold a phone?', 'yes', 'binary'),
  s2: q('B1', 'did they laugh?', 'no', 'binary'),
  s3: q('B2', 'what did they touch?', 'table', 'open'),
  s4: q('B2', 'what did they hold?', 'cup', 'open'), // not in the candidate set: always wrong
  s5: q('B3', 'what did they sit on?', 'sofa', 'open'), // not in the candidate set
};

describe.runIf(testBackend() === 'cpu')('AGQA 2.0: reading, global candidate set, Binary/Open/All', () => {
  it('reads the released JSON shape (object keyed by question id)', () => {
    const questions = readAGQAQuestions(writeJson('train_balanced.txt', TRAIN));
    expect(questions).toHaveLength(9);
    expect(questions[0]).toEqual({
      key: 't1', question: 'did they hold a cup?', answer: 'yes', video: 'A1', ansType: 'binary',
      global: ['obj-rel'], local: 'objRelExists', steps: 3, semantic: 'object', structural: 'verify',
    });
    const list = readAGQAQuestions(writeJson('list.json', [{ question_id: 'x', ...q('V', 'why?', 'no', 'binary') }]));
    expect(list[0]!.key).toBe('x');
  });

  it('the candidate set holds training answers occurring more than once, most frequent first', () => {
    const vocab = buildAnswerVocabulary(readAGQAQuestions(writeJson('train2.txt', TRAIN)).map((x) => x.answer));
    expect(vocab.answers).toEqual(['yes', 'no', 'table']);
    expect(vocab.counts).toEqual([3, 2, 2]);
    expect(buildAnswerVocabulary(['a', 'b', 'b'], { minCount: 1 }).answers).toEqual(['b', 'a']);
  });

  it('converts to multiple choice (answers outside the set -> -1) and scores Binary / Open / All by hand', () => {
    const vocab = buildAnswerVocabulary(Object.values(TRAIN).map((x) => x.answer));
    const mc = toMultipleChoice(readAGQAQuestions(writeJson('test_balanced.txt', TEST)), vocab);
    expect(mc.candidates).toEqual(['yes', 'no', 'table']);
    expect(mc.questions.map((x) => x.answer)).toEqual([0, 1, 2, -1, -1]);
    expect(mc.covered).toBe(3);
    // s1 right, s2 wrong; s3 right, s4 and s5 can never be right.
    const preds = new Map([['s1', 0], ['s2', 0], ['s3', 2], ['s4', 2], ['s5', 0]]);
    const acc = agqaAccuracy(mc.questions, preds);
    expect(acc).toEqual({ count: 5, all: 40, binary: 50, open: (100 * 1) / 3, counts: { binary: 2, open: 3 } });
    const onlyOpen = agqaAccuracy(mc.questions.slice(2), new Map([['s3', 2], ['s4', 0], ['s5', 0]]));
    expect(onlyOpen.binary).toBeUndefined();
    expect(() => agqaAccuracy(mc.questions, new Map([['s1', 0], ['zz', 1]]), 'p.json')).toThrow("p.json: file: expected exactly the 5 question ids, got 2 keys: 4 missing ('s2', 's3', 's4', ...), 1 extra ('zz')");
  });

  it('rejects malformed questions in one line naming the file and question id', () => {
    expect(() => readAGQAQuestions(writeJson('bad1.txt', { a: { ...q('V', 'x', 'y', 'open'), ans_type: 'multi' } }))).toThrow("bad1.txt: key 'a': expected ans_type 'binary' or 'open', got 'multi'");
    const { video_id: _, ...noVideo } = q('V', 'x', 'y', 'open');
    expect(() => readAGQAQuestions(writeJson('bad2.txt', { b: noVideo }))).toThrow("bad2.txt: key 'b': expected a string field 'video_id', got none");
    expect(() => readAGQAQuestions(writeJson('bad3.txt', { c: { ...q('V', 'x', 'y', 'open'), global: 'obj-rel' } }))).toThrow("bad3.txt: key 'c': expected 'global' as a list of strings, got 'obj-rel'");
    expect(() => readAGQAQuestions(writeJson('bad4.txt', 3))).toThrow('bad4.txt: file: expected a JSON object keyed by question id, got 3');
    writeFileSync(path.join(tmp.dir, 'bad5.txt'), '{"a":');
    expect(() => readAGQAQuestions(path.join(tmp.dir, 'bad5.txt'))).toThrow(/bad5.txt: file: expected valid JSON/);
  });
});
