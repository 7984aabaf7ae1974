// The synthetic world's words: actors, actions (with the verb forms questions need), places, held
// objects and count words. Every word maps to a lemma, so "jumped", "jumping" and "jump" share most of
// their token embedding (as a contextual text encoder would make them close).

/** An action: what an actor does during an event. `base` is the candidate text ("kick ball"). */
export interface Action {
  readonly base: string;
  /** After "when the boy ...": "kicked ball". */
  readonly past: string;
  /** After "before"/"after": "kicking ball". */
  readonly ing: string;
}

function action(verb: string, past: string, ing: string, rest = ''): Action {
  const tail = rest === '' ? '' : ` ${rest}`;
  return { base: `${verb}${tail}`, past: `${past}${tail}`, ing: `${ing}${tail}` };
}

/** The actions events are made of. */
export const ACTIONS: readonly Action[] = [
  action('jump', 'jumped', 'jumping'),
  action('clap', 'clapped', 'clapping'),
  action('wave', 'waved', 'waving', 'hand'),
  action('sit', 'sat', 'sitting', 'down'),
  action('stand', 'stood', 'standing', 'up'),
  action('run', 'ran', 'running', 'away'),
  action('fall', 'fell', 'falling', 'down'),
  action('laugh', 'laughed', 'laughing'),
  action('cry', 'cried', 'crying'),
  action('dance', 'danced', 'dancing'),
  action('drink', 'drank', 'drinking', 'water'),
  action('eat', 'ate', 'eating', 'cake'),
  action('kick', 'kicked', 'kicking', 'ball'),
  action('throw', 'threw', 'throwing', 'ball'),
  action('open', 'opened', 'opening', 'door'),
  action('push', 'pushed', 'pushing', 'cart'),
  action('turn', 'turned', 'turning', 'around'),
  action('read', 'read', 'reading', 'book'),
];

/** Who acts. */
export const ACTORS: readonly string[] = ['man', 'woman', 'boy', 'girl', 'baby', 'dog', 'lady', 'cat'];

/** Where a video takes place (descriptive location questions). */
export const LOCATIONS: readonly string[] = ['kitchen', 'park', 'beach', 'garden', 'street', 'bedroom', 'playground', 'office', 'classroom', 'restaurant'];

/** What an actor holds throughout a video (descriptive "other" questions). */
export const OBJECTS: readonly string[] = ['cup', 'phone', 'toy', 'bag', 'balloon', 'umbrella', 'flower', 'camera', 'bottle', 'hat'];

/** Answers of count questions. */
export const COUNT_WORDS: readonly string[] = ['one', 'two', 'three', 'four', 'five'];

/** The words of the question templates. */
const TEMPLATE_WORDS = ['why', 'did', 'the', 'how', 'manage', 'to', 'what', 'do', 'before', 'after', 'when', 'many', 'times', 'where', 'is', 'this', 'place', 'holding'];

/** Special tokens of the QA token sequences. */
export const CLS = '[CLS]';
export const SEP = '[SEP]';

/** The lemma of every word the generator can write, and the lemma list (token embedding rows). */
export interface Lexicon {
  /** word -> lemma index. */
  readonly lemmaOf: ReadonlyMap<string, number>;
  /** word -> inflection: 0 base/other, 1 past, 2 -ing. */
  readonly formOf: ReadonlyMap<string, number>;
  readonly lemmas: readonly string[];
}

/** Builds the lexicon from the lists above (deterministic order). */
export function buildLexicon(): Lexicon {
  const lemmas: string[] = [];
  const lemmaOf = new Map<string, number>();
  const formOf = new Map<string, number>();
  const add = (word: string, lemma: string, form: number) => {
    let id = lemmas.indexOf(lemma);
    if (id < 0) {
      id = lemmas.length;
      lemmas.push(lemma);
    }
    if (!lemmaOf.has(word)) {
      lemmaOf.set(word, id);
      formOf.set(word, form);
    }
  };
  for (const w of [CLS, SEP, ...TEMPLATE_WORDS, ...ACTORS, ...LOCATIONS, ...OBJECTS, ...COUNT_WORDS]) add(w, w, 0);
  for (const a of ACTIONS) {
    const [verb, ...rest] = a.base.split(' ');
    add(verb!, verb!, 0);
    add(a.past.split(' ')[0]!, verb!, 1);
    add(a.ing.split(' ')[0]!, verb!, 2);
    for (const w of rest) add(w, w, 0);
  }
  return { lemmaOf, formOf, lemmas };
}
