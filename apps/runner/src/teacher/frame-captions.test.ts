import { describe, expect, it } from 'vitest';
import type { GroundTruthFile, GroundTruthVideo } from '../synth/ground-truth.js';
import { CAPTION_PROMPTS, FrameCaptionError, buildFrameCaptions, stepCaption, type FrameCaptionExample } from './frame-captions.js';

// Video a (6 steps): man pushes the cart (0-1), step 2 idle, dog jumps (3-4), man eats cake (5).
const a: GroundTruthVideo = {
  location: 'kitchen',
  holding: { man: 'cup', dog: 'toy' },
  events: [
    { actor: 'man', action: 'push cart', start: 0, end: 2 },
    { actor: 'dog', action: 'jump', start: 3, end: 5 },
    { actor: 'man', action: 'eat cake', start: 5, end: 6 },
  ],
};
// Video b (6 steps): girl cries (0-2), boy waves (2-4), girl cries again (4-6).
const b: GroundTruthVideo = {
  location: 'park',
  holding: { girl: 'hat', boy: 'phone' },
  events: [
    { actor: 'girl', action: 'cry', start: 0, end: 2 },
    { actor: 'boy', action: 'wave hand', start: 2, end: 4 },
    { actor: 'girl', action: 'cry', start: 4, end: 6 },
  ],
};
const gt = (videos: Record<string, GroundTruthVideo>, frames = 6): GroundTruthFile => ({ format: 'sparc-synth-ground-truth/1', split: 'train', frames, questions: {}, videos });
const truth = (e: FrameCaptionExample) => e.candidates[e.answer]!;

describe('stepCaption', () => {
  it('words what a step shows with the question/candidate vocabulary', () => {
    expect(stepCaption(a, 0, 'action')).toBe('push cart');
    expect(stepCaption(a, 1, 'object')).toBe('cup');
    expect(stepCaption(a, 4, 'object')).toBe('toy');
    expect(stepCaption(a, 3, 'place')).toBe('kitchen');
    expect(stepCaption(a, 5, 'scene')).toBe('the man holding the cup eat cake in the kitchen');
  });

  it('an idle step shows only the place', () => {
    expect(stepCaption(a, 2, 'action')).toBeNull();
    expect(stepCaption(a, 2, 'object')).toBeNull();
    expect(stepCaption(a, 2, 'place')).toBe('kitchen');
    expect(stepCaption(a, 2, 'scene')).toBe('nobody in the kitchen');
  });
});

describe('buildFrameCaptions', () => {
  const all = buildFrameCaptions(gt({ a, b }), { seed: 3, kinds: ['action', 'place', 'object', 'scene'], candidates: 3 });

  it('groups the frames of one caption; every shown step is in exactly one example per kind', () => {
    const ofA = (kind: string) => all.filter((e) => e.video === 'a' && e.kind === kind).map((e) => [truth(e), e.frames]);
    expect(ofA('action')).toEqual([['push cart', [0, 1]], ['jump', [3, 4]], ['eat cake', [5]]]);
    expect(ofA('object')).toEqual([['cup', [0, 1, 5]], ['toy', [3, 4]]]);
    expect(ofA('place')).toEqual([['kitchen', [0, 1, 2, 3, 4, 5]]]);
    expect(ofA('scene')).toEqual([
      ['the man holding the cup push cart in the kitchen', [0, 1]],
      ['nobody in the kitchen', [2]],
      ['the dog holding the toy jump in the kitchen', [3, 4]],
      ['the man holding the cup eat cake in the kitchen', [5]],
    ]);
    // The girl's two crying events share one caption.
    expect(all.filter((e) => e.video === 'b' && e.kind === 'action').map((e) => [truth(e), e.frames])).toEqual([['cry', [0, 1, 4, 5]], ['wave hand', [2, 3]]]);
    expect(all).toHaveLength(3 + 2 + 1 + 4 + (2 + 2 + 1 + 2));
    for (const e of all) expect(e.question).toBe(CAPTION_PROMPTS[e.kind]);
  });

  it('distractors: distinct, never the true caption, same kind, same video first', () => {
    for (const e of all) {
      expect(new Set(e.candidates).size).toBe(e.candidates.length);
      expect(e.candidates.filter((c) => c === truth(e))).toHaveLength(1);
    }
    // a's other actions fill both distractor slots of 'push cart' (3 candidates).
    const push = all.find((e) => e.video === 'a' && e.kind === 'action' && truth(e) === 'push cart')!;
    expect([...push.candidates].sort()).toEqual(['eat cake', 'jump', 'push cart']);
    // b has two actions: 'cry' gets 'wave hand' plus one of a's actions.
    const cry = all.find((e) => e.video === 'b' && e.kind === 'action')!;
    expect(cry.candidates).toContain('wave hand');
    expect(cry.candidates.filter((c) => ['push cart', 'jump', 'eat cake'].includes(c))).toHaveLength(1);
    // Only two places exist: place examples get both (C = 2 < 3).
    for (const e of all.filter((x) => x.kind === 'place')) expect([...e.candidates].sort()).toEqual(['kitchen', 'park']);
    // Objects come from the object pool, idle scene captions are never distractors.
    const objects = new Set(['cup', 'toy', 'hat', 'phone']);
    for (const e of all.filter((x) => x.kind === 'object')) for (const c of e.candidates) expect(objects.has(c)).toBe(true);
    for (const e of all) for (const c of e.candidates) if (c.startsWith('nobody')) expect(c).toBe(truth(e));
  });

  it('is reproducible per seed and does not depend on which videos are built', () => {
    const again = buildFrameCaptions(gt({ a, b }), { seed: 3, kinds: ['action', 'place', 'object', 'scene'], candidates: 3 });
    expect(again).toEqual(all);
    const onlyB = buildFrameCaptions(gt({ a, b }), { seed: 3, kinds: ['action', 'place', 'object', 'scene'], candidates: 3, videos: new Set(['b']) });
    expect(onlyB).toEqual(all.filter((e) => e.video === 'b'));
    const orders = new Set(Array.from({ length: 8 }, (_, seed) => buildFrameCaptions(gt({ a, b }), { seed, kinds: ['action'], candidates: 3 })[0]!.candidates.join('|')));
    expect(orders.size).toBeGreaterThan(1);
    for (const seed of [0, 1, 2]) {
      for (const e of buildFrameCaptions(gt({ a, b }), { seed, kinds: ['action'], candidates: 3 })) expect(e.candidates).toContain(truth(e));
    }
  });

  it('prompts: a text of the same video per example when given, the fixed prompt of the kind otherwise', () => {
    const prompts = new Map([['a', ['why did the man push cart', 'where is this place']]]);
    const withPrompts = buildFrameCaptions(gt({ a, b }), { seed: 3, kinds: ['action', 'place', 'object', 'scene'], candidates: 3, prompts });
    for (const e of withPrompts.filter((x) => x.video === 'a')) expect(prompts.get('a')).toContain(e.question);
    expect(new Set(withPrompts.filter((x) => x.video === 'a').map((e) => e.question)).size).toBe(2);
    // b has no prompts: fixed ones; candidates and answers are the same as without prompts.
    expect(withPrompts.filter((x) => x.video === 'b')).toEqual(all.filter((x) => x.video === 'b'));
    expect(withPrompts.map((e) => [e.frames, e.candidates, e.answer])).toEqual(all.map((e) => [e.frames, e.candidates, e.answer]));
  });

  it('skips a kind with a single caption (nothing to tell apart)', () => {
    const one = buildFrameCaptions(gt({ a }), { seed: 0, kinds: ['place', 'action'] });
    expect(one.filter((e) => e.kind === 'place')).toEqual([]);
    // Three actions in a: C = 3 (all of them) although 5 were asked for.
    for (const e of one) expect(e.candidates).toHaveLength(3);
  });

  it('an event outside the steps is a FrameCaptionError naming file, field and range', () => {
    const bad = gt({ a: { ...a, events: [...a.events, { actor: 'dog', action: 'run away', start: 5, end: 7 }] } });
    expect(() => buildFrameCaptions(bad, { seed: 0, kinds: ['action'], file: 'gt.json' })).toThrow(FrameCaptionError);
    expect(() => buildFrameCaptions(bad, { seed: 0, kinds: ['action'], file: 'gt.json' })).toThrow('gt.json: videos["a"].events[3] must be 0 <= start < end <= 6, got start 5, end 7');
  });
});
