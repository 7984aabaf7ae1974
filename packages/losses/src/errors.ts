// Typed errors of @sparc-vqa/losses (STYLE 3.7): a base class plus one class per kind of problem, each
// recognisable across package copies through a `Symbol.for('@sparc-vqa/losses/<Name>')` marker
// (the vercel/ai `AISDKError.isInstance` pattern).

const LOSSES_ERROR = Symbol.for('@sparc-vqa/losses/LossesError');
const SHAPE_ERROR = Symbol.for('@sparc-vqa/losses/ShapeError');
const VALUE_ERROR = Symbol.for('@sparc-vqa/losses/ValueError');
const CONFIG_ERROR = Symbol.for('@sparc-vqa/losses/ConfigError');

function hasMarker(e: unknown, marker: symbol): boolean {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[marker] === true;
}

function mark(target: object, marker: symbol): void {
  Object.defineProperty(target, marker, { value: true, enumerable: false });
}

/** Options accepted by every losses error (the standard `cause`). */
export interface LossesErrorOptions {
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * Base class of every error thrown by `@sparc-vqa/losses`.
 *
 * @example
 * ```ts
 * try { guidedLoss({ logits, answers }); }
 * catch (e) { if (LossesError.isInstance(e)) console.error(e.message); }
 * ```
 */
export class LossesError extends Error {
  constructor(message: string, options: LossesErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'LossesError';
    mark(this, LOSSES_ERROR);
  }

  /** True for any losses error, even one created by another copy of this package. */
  static isInstance(e: unknown): e is LossesError {
    return hasMarker(e, LOSSES_ERROR);
  }
}

/**
 * A tensor argument has the wrong rank, or a size that does not match another argument.
 * `expected` describes the shape in words (e.g. `'[B, C] = [8, 5] matching logits'`), `actual` is the shape given.
 *
 * @example
 * ```ts
 * if (ShapeError.isInstance(e)) console.error(e.argument, e.expected, e.actual);
 * ```
 */
export class ShapeError extends LossesError {
  /** The argument whose shape is wrong, e.g. `'teacherProbs'`. */
  readonly argument: string;
  /** The expected shape, in words. */
  readonly expected: string;
  /** The shape that was given. */
  readonly actual: readonly number[];

  constructor(
    message: string,
    fields: { argument: string; expected: string; actual: readonly number[] },
    options: LossesErrorOptions = {},
  ) {
    super(message, options);
    this.name = 'ShapeError';
    this.argument = fields.argument;
    this.expected = fields.expected;
    this.actual = Object.freeze([...fields.actual]);
    mark(this, SHAPE_ERROR);
  }

  /** True for a `ShapeError`, even one created by another copy of this package. */
  static override isInstance(e: unknown): e is ShapeError {
    return hasMarker(e, SHAPE_ERROR);
  }
}

/**
 * An input has a wrong value or dtype: answers outside [0, C) or not int32, soft targets or teacher
 * probabilities that are not distributions (negative, NaN, rows not summing to 1), negative or
 * non-finite sample weights, a missing or non-tensor input. `field` names the input (with `.dtype`
 * appended for dtype problems).
 *
 * @example
 * ```ts
 * if (ValueError.isInstance(e)) console.error(e.field, e.value, e.constraint);
 * ```
 */
export class ValueError extends LossesError {
  /** The input holding the bad value, e.g. `'answers'` or `'teacherProbs.dtype'`. */
  readonly field: string;
  /** The offending value (the first one found). */
  readonly value: unknown;
  /** The rule it breaks, e.g. `'an integer in [0, 5)'`. */
  readonly constraint: string;

  constructor(
    message: string,
    fields: { field: string; value: unknown; constraint: string },
    options: LossesErrorOptions = {},
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
 * An option is invalid: unknown reduction or direction, temperature <= 0, a negative or non-finite loss
 * weight, a non-boolean switch, an unknown option name, or options that are not an object.
 *
 * @example
 * ```ts
 * if (ConfigError.isInstance(e)) console.error(e.field, e.value, e.constraint);
 * ```
 */
export class ConfigError extends LossesError {
  /** The option name, e.g. `'temperature'`. */
  readonly field: string;
  /** The value that was given. */
  readonly value: unknown;
  /** The rule it breaks, e.g. `'a finite number > 0'`. */
  readonly constraint: string;

  constructor(
    message: string,
    fields: { field: string; value: unknown; constraint: string },
    options: LossesErrorOptions = {},
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
