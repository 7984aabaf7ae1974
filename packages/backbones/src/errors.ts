// Typed errors of @sparc-vqa/backbones (shared/STYLE.md 3.7): a name, structured fields, `cause`, and an
// `isInstance` guard that works across duplicate copies of the package (Symbol.for marker).

const MARKER = Symbol.for('@sparc-vqa/backbones/error');

/** Base class of every error this package throws. */
export class BackbonesError extends Error {
  readonly [MARKER] = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BackbonesError';
  }
  static isInstance(error: unknown): error is BackbonesError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARKER] === true;
  }
}

const SHAPE = Symbol.for('@sparc-vqa/backbones/ShapeError');

/** An input tensor has the wrong rank, shape or dtype. */
export class ShapeError extends BackbonesError {
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
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[SHAPE] === true;
  }
}

const CONFIG = Symbol.for('@sparc-vqa/backbones/ConfigError');

/** A configuration field is out of range or inconsistent. */
export class ConfigError extends BackbonesError {
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
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[CONFIG] === true;
  }
}

const WEIGHTS = Symbol.for('@sparc-vqa/backbones/WeightsError');

/** Weights to load are missing, unexpected, mis-shaped, or a weights file is malformed. */
export class WeightsError extends BackbonesError {
  readonly [WEIGHTS] = true;
  constructor(
    readonly fn: string,
    readonly weight: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${fn}: ${weight}: ${problem}`, options);
    this.name = 'WeightsError';
  }
  static override isInstance(error: unknown): error is WeightsError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[WEIGHTS] === true;
  }
}
