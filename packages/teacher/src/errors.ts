// Typed errors of @sparc-vqa/teacher (shared/STYLE.md 3.7): each has a `name`, structured fields, an
// optional `cause`, and a static `isInstance` guard backed by a Symbol.for marker, so the guard works
// across duplicate copies of the package.

function hasMarker(error: unknown, marker: symbol): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
}

const BASE = Symbol.for('@sparc-vqa/teacher/TeacherError');

/** Base class of every error this package throws. */
export class TeacherError extends Error {
  readonly [BASE] = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TeacherError';
  }
  static isInstance(error: unknown): error is TeacherError {
    return hasMarker(error, BASE);
  }
}

const SHAPE = Symbol.for('@sparc-vqa/teacher/ShapeError');

/** An input (tensor or array) has the wrong rank, shape, length or dtype. */
export class ShapeError extends TeacherError {
  readonly [SHAPE] = true;
  constructor(
    readonly fn: string,
    readonly argument: string,
    readonly expected: string,
    readonly actual: string,
    options?: { cause?: unknown },
  ) {
    super(`${fn}: ${argument} must be ${expected}, got ${actual}`, options);
    this.name = 'ShapeError';
  }
  static override isInstance(error: unknown): error is ShapeError {
    return hasMarker(error, SHAPE);
  }
}

const CONFIG = Symbol.for('@sparc-vqa/teacher/ConfigError');

/** A configuration field is out of range or inconsistent. */
export class ConfigError extends TeacherError {
  readonly [CONFIG] = true;
  constructor(
    readonly fn: string,
    readonly field: string,
    readonly value: unknown,
    readonly constraint: string,
    options?: { cause?: unknown },
  ) {
    super(`${fn}: ${field} ${constraint}, got ${JSON.stringify(value)}`, options);
    this.name = 'ConfigError';
  }
  static override isInstance(error: unknown): error is ConfigError {
    return hasMarker(error, CONFIG);
  }
}

const VALUE = Symbol.for('@sparc-vqa/teacher/InvalidValueError');

/** An input holds invalid values: NaN/Infinity, probabilities outside [0, 1] or not summing to 1, an answer index out of range. */
export class InvalidValueError extends TeacherError {
  readonly [VALUE] = true;
  constructor(
    readonly fn: string,
    readonly argument: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${fn}: ${argument} ${problem}`, options);
    this.name = 'InvalidValueError';
  }
  static override isInstance(error: unknown): error is InvalidValueError {
    return hasMarker(error, VALUE);
  }
}

const CORRUPT = Symbol.for('@sparc-vqa/teacher/StoreCorruptionError');

/** A store file (or byte image) is damaged where it cannot be skipped: its header, or a record read back by `get`. */
export class StoreCorruptionError extends TeacherError {
  readonly [CORRUPT] = true;
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly problem: string,
    readonly key?: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: corrupt teacher store at byte ${offset}${key === undefined ? '' : ` (record '${key}')`}: ${problem}`, options);
    this.name = 'StoreCorruptionError';
  }
  static override isInstance(error: unknown): error is StoreCorruptionError {
    return hasMarker(error, CORRUPT);
  }
}

const MISMATCH = Symbol.for('@sparc-vqa/teacher/StoreMismatchError');

/** A store belongs to another teacher, dataset, split, candidate count, frame layout or shard. */
export class StoreMismatchError extends TeacherError {
  readonly [MISMATCH] = true;
  constructor(
    readonly file: string,
    readonly field: string,
    readonly expected: unknown,
    readonly actual: unknown,
    options?: { cause?: unknown },
  ) {
    super(
      `${file}: teacher store header field '${field}' is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
      options,
    );
    this.name = 'StoreMismatchError';
  }
  static override isInstance(error: unknown): error is StoreMismatchError {
    return hasMarker(error, MISMATCH);
  }
}

const DUPLICATE = Symbol.for('@sparc-vqa/teacher/DuplicateKeyError');

/** A key is written twice without `overwrite`, or appears in two shards being merged. */
export class DuplicateKeyError extends TeacherError {
  readonly [DUPLICATE] = true;
  constructor(
    readonly file: string,
    readonly key: string,
    readonly detail = 'is already stored (pass { overwrite: true } to supersede it)',
    options?: { cause?: unknown },
  ) {
    super(`${file}: key '${key}' ${detail}`, options);
    this.name = 'DuplicateKeyError';
  }
  static override isInstance(error: unknown): error is DuplicateKeyError {
    return hasMarker(error, DUPLICATE);
  }
}

const MISS = Symbol.for('@sparc-vqa/teacher/CacheMissError');

/** `get` was asked for a key the store does not hold. */
export class CacheMissError extends TeacherError {
  readonly [MISS] = true;
  constructor(
    readonly file: string,
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: no teacher probabilities for key '${key}'`, options);
    this.name = 'CacheMissError';
  }
  static override isInstance(error: unknown): error is CacheMissError {
    return hasMarker(error, MISS);
  }
}

const STATE = Symbol.for('@sparc-vqa/teacher/StoreStateError');

/** The store cannot do this now: closed, opened read-only, locked by another live process, or broken by an earlier write failure. */
export class StoreStateError extends TeacherError {
  readonly [STATE] = true;
  constructor(
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}`, options);
    this.name = 'StoreStateError';
  }
  static override isInstance(error: unknown): error is StoreStateError {
    return hasMarker(error, STATE);
  }
}

const ADAPTER = Symbol.for('@sparc-vqa/teacher/AdapterError');

/** An external model (tfjs or ONNX) cannot be loaded or does not honour the adapter contract. */
export class AdapterError extends TeacherError {
  readonly [ADAPTER] = true;
  constructor(
    readonly adapter: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${adapter}: ${problem}`, options);
    this.name = 'AdapterError';
  }
  static override isInstance(error: unknown): error is AdapterError {
    return hasMarker(error, ADAPTER);
  }
}
