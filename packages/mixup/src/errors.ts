// Typed errors of @sparc-vqa/mixup (STYLE 3.7, the vercel/ai `AISDKError` pattern): a base class plus one
// class per kind of problem, each recognisable across package copies through a
// `Symbol.for('@sparc-vqa/mixup/<Name>')` marker.

const MIXUP_ERROR = Symbol.for('@sparc-vqa/mixup/MixupError');
const SHAPE_ERROR = Symbol.for('@sparc-vqa/mixup/ShapeError');
const VALUE_ERROR = Symbol.for('@sparc-vqa/mixup/ValueError');
const CONFIG_ERROR = Symbol.for('@sparc-vqa/mixup/ConfigError');

function hasMarker(e: unknown, marker: symbol): boolean {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[marker] === true;
}

function mark(target: object, marker: symbol): void {
  Object.defineProperty(target, marker, { value: true, enumerable: false });
}

/**
 * Options accepted by every mixup error (the standard `cause`).
 *
 * @example
 * ```ts
 * new ValueError('mix: ...', { field: 'targets', value: NaN, constraint: 'values in [0, 1]' }, { cause: e });
 * ```
 */
export interface MixupErrorOptions {
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * Base class of every error thrown by `@sparc-vqa/mixup`.
 *
 * @example
 * ```ts
 * try { createMixup({ alpha: -1, seed: 0 }); }
 * catch (e) { if (MixupError.isInstance(e)) console.error(e.message); }
 * ```
 */
export class MixupError extends Error {
  constructor(message: string, options: MixupErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'MixupError';
    mark(this, MIXUP_ERROR);
  }

  /** True for any mixup error, even one created by another copy of this package. */
  static isInstance(e: unknown): e is MixupError {
    return hasMarker(e, MIXUP_ERROR);
  }
}

/**
 * A tensor argument has the wrong rank or a size that does not match another argument.
 * `expected` describes the shape in words (`'[B, T] = [4, 16] matching video [4, 16, 4096]'`),
 * `actual` is the shape that was given.
 *
 * @example
 * ```ts
 * if (ShapeError.isInstance(e)) console.error(e.argument, e.expected, e.actual);
 * ```
 */
export class ShapeError extends MixupError {
  /** The argument whose shape is wrong, e.g. `'causalMask'`. */
  readonly argument: string;
  /** The expected shape, in words. */
  readonly expected: string;
  /** The shape that was given. */
  readonly actual: readonly number[];

  constructor(
    message: string,
    fields: { argument: string; expected: string; actual: readonly number[] },
    options: MixupErrorOptions = {},
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
 * An argument or tensor holds a wrong value or dtype: targets that are not distributions (NaN, outside
 * [0, 1], rows not summing to 1), answers outside [0, C), masks that are not 0/1, negative lengths,
 * a partner index outside [0, B), lambda outside [0, 1], a non-positive Beta/Gamma parameter passed to a
 * sampler, an rng returning values outside [0, 1), a malformed RNG state, a disposed tensor.
 *
 * @example
 * ```ts
 * if (ValueError.isInstance(e)) console.error(e.field, e.value, e.constraint);
 * ```
 */
export class ValueError extends MixupError {
  /** The input field holding the bad value, e.g. `'targets'` or `'video.dtype'`. */
  readonly field: string;
  /** The offending value (the first one found). */
  readonly value: unknown;
  /** The rule it breaks, e.g. `'row sums equal to 1 (within 1e-3)'`. */
  readonly constraint: string;

  constructor(
    message: string,
    fields: { field: string; value: unknown; constraint: string },
    options: MixupErrorOptions = {},
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
 * A configuration option is invalid: alpha or beta not a finite number > 0, an unknown mode, targets
 * form or partner strategy, a non-integer seed, both or neither of `seed` and `rng`, an unknown option
 * name, or a state snapshot requested from a mixer whose injected rng cannot be snapshotted.
 *
 * @example
 * ```ts
 * if (ConfigError.isInstance(e)) console.error(e.field, e.value, e.constraint);
 * ```
 */
export class ConfigError extends MixupError {
  /** The option name, e.g. `'alpha'`. */
  readonly field: string;
  /** The value that was given. */
  readonly value: unknown;
  /** The rule it breaks, e.g. `'finite number > 0'`. */
  readonly constraint: string;

  constructor(
    message: string,
    fields: { field: string; value: unknown; constraint: string },
    options: MixupErrorOptions = {},
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
