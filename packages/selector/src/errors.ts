// Typed errors of @sparc-vqa/selector (STYLE 3.7): a base class plus one class per kind of problem, each
// recognisable across package copies through a `Symbol.for('@sparc-vqa/selector/<Name>')` marker.

const SELECTOR_ERROR = Symbol.for('@sparc-vqa/selector/SelectorError');
const SHAPE_ERROR = Symbol.for('@sparc-vqa/selector/ShapeError');
const VALUE_ERROR = Symbol.for('@sparc-vqa/selector/ValueError');
const CONFIG_ERROR = Symbol.for('@sparc-vqa/selector/ConfigError');

function hasMarker(e: unknown, marker: symbol): boolean {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[marker] === true;
}

function mark(target: object, marker: symbol): void {
  Object.defineProperty(target, marker, { value: true, enumerable: false });
}

/** Options accepted by every selector error (the standard `cause`). */
export interface SelectorErrorOptions {
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * Base class of every error thrown by `@sparc-vqa/selector`.
 *
 * @example
 * ```ts
 * try { selectCausalFrames(inputs, { threshold: 2 }); }
 * catch (e) { if (SelectorError.isInstance(e)) console.error(e.message); }
 * ```
 */
export class SelectorError extends Error {
  constructor(message: string, options: SelectorErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'SelectorError';
    mark(this, SELECTOR_ERROR);
  }

  /** True for any selector error, even one created by another copy of this package. */
  static isInstance(e: unknown): e is SelectorError {
    return hasMarker(e, SELECTOR_ERROR);
  }
}

/**
 * A tensor argument has the wrong rank or a size that does not match another argument.
 * `expected` and `actual` describe the shapes, e.g. `'[B, T, C] with B = 4 from answers'` and `[3, 16, 5]`.
 *
 * @example
 * ```ts
 * if (ShapeError.isInstance(e)) console.error(e.argument, e.expected, e.actual);
 * ```
 */
export class ShapeError extends SelectorError {
  /** The argument whose shape is wrong, e.g. `'teacherProbs'`. */
  readonly argument: string;
  /** The expected shape, in words (`'[B, T, C] with B = 4 from answers'`). */
  readonly expected: string;
  /** The shape that was given. */
  readonly actual: readonly number[];

  constructor(
    message: string,
    fields: { argument: string; expected: string; actual: readonly number[] },
    options: SelectorErrorOptions = {},
  ) {
    super(message, options);
    this.name = 'ShapeError';
    this.argument = fields.argument;
    this.expected = fields.expected;
    this.actual = fields.actual;
    mark(this, SHAPE_ERROR);
  }

  /** True for a `ShapeError`, even one created by another copy of this package. */
  static override isInstance(e: unknown): e is ShapeError {
    return hasMarker(e, SHAPE_ERROR);
  }
}

/**
 * Input data has a wrong value or dtype: NaN or out-of-[0, 1] teacher probabilities, answers outside
 * [0, C) or not int32, a validity mask that is not 0/1, malformed frame numbers or clip boundaries.
 *
 * @example
 * ```ts
 * if (ValueError.isInstance(e)) console.error(e.field, e.value, e.constraint);
 * ```
 */
export class ValueError extends SelectorError {
  /** The input field holding the bad value, e.g. `'answers'` or `'teacherProbs.dtype'`. */
  readonly field: string;
  /** The offending value (the first one found). */
  readonly value: unknown;
  /** The rule it breaks, e.g. `'integer in [0, 5)'`. */
  readonly constraint: string;

  constructor(
    message: string,
    fields: { field: string; value: unknown; constraint: string },
    options: SelectorErrorOptions = {},
  ) {
    super(message, options);
    this.name = 'ValueError';
    this.field = fields.field;
    this.value = fields.value;
    this.constraint = fields.constraint;
    mark(this, VALUE_ERROR);
  }

  /** True for a `ValueError`, even one created by another copy of this package. */
  static override isInstance(e: unknown): e is ValueError {
    return hasMarker(e, VALUE_ERROR);
  }
}

/**
 * An option is invalid: threshold outside [0, 1], unknown fallback or mode, minFrames > maxFrames,
 * negative frame counts, a non-integer seed, an rng returning values outside [0, 1), ...
 *
 * @example
 * ```ts
 * if (ConfigError.isInstance(e)) console.error(e.field, e.value, e.constraint);
 * ```
 */
export class ConfigError extends SelectorError {
  /** The option name, e.g. `'threshold'`. */
  readonly field: string;
  /** The value that was given. */
  readonly value: unknown;
  /** The rule it breaks, e.g. `'number in [0, 1]'`. */
  readonly constraint: string;

  constructor(
    message: string,
    fields: { field: string; value: unknown; constraint: string },
    options: SelectorErrorOptions = {},
  ) {
    super(message, options);
    this.name = 'ConfigError';
    this.field = fields.field;
    this.value = fields.value;
    this.constraint = fields.constraint;
    mark(this, CONFIG_ERROR);
  }

  /** True for a `ConfigError`, even one created by another copy of this package. */
  static override isInstance(e: unknown): e is ConfigError {
    return hasMarker(e, CONFIG_ERROR);
  }
}
