// The mixer: Temporal Guided Mixup (paper A.2) and plain mixup (Zhang et al. 2017), with EIGV's
// concatenated-candidates target form as an option, drawing from an injected generator (unlike timm's
// mixup.py, which draws from the global numpy RNG).
import * as tf from '@tensorflow/tfjs-core';
import { assertRng, createRng, isSeededRng, type Rng } from './create-rng.js';
import { ConfigError, ShapeError, ValueError } from './errors.js';
import { mixFeaturesTensors } from './mix-features.js';
import { mixLengthsTensors } from './mix-lengths.js';
import { assertFrameMask, mixVideoTensors } from './mix-video.js';
import { resolveConfigFor, type MixupConfig } from './mixup-config.js';
import { assertTargets, mixupTargetsTensors, targetsAsDistributions } from './mixup-targets.js';
import { assertPartner } from './partner-input.js';
import { betaFrom } from './sample-beta.js';
import { assertBatchSize, partnerFrom } from './sample-partner.js';
import type { Mixup, MixupDraw, MixupInputs, MixupOptions, MixupOutputs, MixupState } from './types.js';
import { assertDtype, assertLambda, assertMinRank, assertShapePrefix, assertTensor, checkLengths, shapeStr } from './validate.js';

/** Validates `mix` inputs against the config; returns B. */
function validateInputs(inputs: MixupInputs, config: MixupConfig, fn: string): number {
  if (typeof inputs !== 'object' || inputs === null) {
    throw new ValueError(`${fn}: inputs must be an object { video, qa, targets, causalMask, ... }, got ${String(inputs)}`, {
      field: 'inputs',
      value: inputs,
      constraint: 'object',
    });
  }
  const check = config.checkValues;
  const { video, qa, targets, causalMask, validMask, qaLengths, numCandidates } = inputs;
  assertTensor(video, 'video', fn);
  assertDtype(video, ['float32'], 'video', fn);
  assertMinRank(video, 2, '[B, T, ...]', 'video', fn);
  const b = video.shape[0]!;
  if (b < 1) {
    throw new ShapeError(`${fn}: video must hold at least one sample (B >= 1), got ${shapeStr(video.shape)}`, {
      argument: 'video',
      expected: '[B, T, ...] with B >= 1',
      actual: video.shape,
    });
  }
  const batchContext = ` matching video ${shapeStr(video.shape)}`;
  assertTensor(qa, 'qa', fn);
  if (config.targets === 'mixed') assertDtype(qa, ['float32'], 'qa', fn);
  if (qa.rank < 1 || qa.shape[0] !== b) {
    throw new ShapeError(`${fn}: qa must be [B, ...] with B = ${b}${batchContext}, got ${shapeStr(qa.shape)}`, {
      argument: 'qa',
      expected: `[B, ...] with B = ${b}`,
      actual: qa.shape,
    });
  }
  assertTargets(targets, numCandidates, b, batchContext, fn, check);
  if (causalMask === undefined) {
    if (config.mode === 'tgm') {
      throw new ValueError(`${fn}: causalMask [B, T] is required when mode is 'tgm' (use mode 'mixup' to mix every frame)`, {
        field: 'causalMask',
        value: undefined,
        constraint: "required when mode is 'tgm'",
      });
    }
  } else {
    // In 'mixup' mode the mask is ignored, but a wrong shape still signals a wiring bug.
    assertFrameMask(causalMask, video, 'causalMask', fn, check && config.mode === 'tgm');
  }
  if (validMask !== undefined) assertFrameMask(validMask, video, 'validMask', fn, check);
  if (qaLengths !== undefined) {
    assertTensor(qaLengths, 'qaLengths', fn);
    assertDtype(qaLengths, ['int32'], 'qaLengths', fn);
    assertShapePrefix(qaLengths, qa, 'qa', 1, ['B', 'C'], 'qaLengths', fn);
    if (check) checkLengths(qaLengths, qa.shape[qaLengths.rank] ?? Infinity, 'qaLengths', fn);
  }
  return b;
}

/** Validates a replayed draw against the batch size. */
function validateDraw(draw: MixupDraw, batchSize: number, fn: string): MixupDraw {
  if (typeof draw !== 'object' || draw === null || !Array.isArray(draw.partner)) {
    throw new ValueError(`${fn}: options.draw must be { lambda, partner: number[] } (from draw() or a previous mix), got ${String(draw)}`, {
      field: 'draw',
      value: draw,
      constraint: '{ lambda: number in [0, 1], partner: number[] }',
    });
  }
  assertLambda(draw.lambda, fn);
  assertPartner(draw.partner, batchSize, fn, true);
  return Object.freeze({ lambda: draw.lambda, partner: [...draw.partner] });
}

function validateState(state: unknown, fn: string): asserts state is MixupState {
  const s = state as Partial<MixupState> | null;
  if (typeof s !== 'object' || s === null || !Array.isArray(s.rng) || typeof s.draws !== 'number' || !Number.isSafeInteger(s.draws) || s.draws < 0) {
    throw new ValueError(`${fn}: state must be { rng: [4 uint32], draws: integer >= 0 } as returned by getState(), got ${JSON.stringify(state)}`, {
      field: 'state',
      value: state,
      constraint: '{ rng: RngState, draws: integer >= 0 }',
    });
  }
}

/**
 * Creates a mixer for Temporal Guided Mixup (paper A.2) or plain mixup. Each `mix` call draws, from the
 * mixer's own generator, first lambda ~ Beta(alpha, beta) and then a partner assignment (by default a
 * uniformly random permutation; a sample may be its own partner and is then left unchanged), and mixes:
 *
 * - video, `mode: 'tgm'`: where `causalMask[i, t] = 1` or `causalMask[partner[i], t] = 1` (`tgmFrames:
 *   'union'`, default; `'own'`: the first only), and both frames are real per `validMask`,
 *   `lambda * video[i, t] + (1 - lambda) * video[partner[i], t]` (same positions); every other frame is
 *   the input frame bit for bit (a select, not arithmetic). `mode: 'mixup'`: every (real) frame.
 * - `targets: 'mixed'` (default, the paper): qa = lambda * qa[i] + (1 - lambda) * qa[partner[i]],
 *   qaLengths = max(len_i, len_partner), targets = lambda * y_i + (1 - lambda) * y_partner, [B, C].
 * - `targets: 'concat'` (EIGV): qa unchanged plus `partnerQa` (and `partnerQaLengths`); targets
 *   [lambda * y_i, (1 - lambda) * y_partner], [B, 2C]. The runner scores the mixed video twice,
 *   `logits = concat([M(video, qa), M(video, partnerQa)], axis 1)` [B, 2C], and applies soft-target
 *   cross-entropy (log-softmax over the 2C) against `targets`.
 *
 * Determinism: the same seed gives the same sequence of draws and, for the same inputs, identical
 * outputs. The generator advances with every draw; `getState()`/`setState()` snapshot and restore it
 * (save the state in each checkpoint to resume a crashed run exactly). A batch of one is mixed with
 * itself, which changes nothing (lambda is still drawn, so the stream stays aligned).
 *
 * @param options - {@link MixupOptions}: `mode` ('tgm'), `alpha` (0.1), `beta` (= alpha), `targets`
 *   ('mixed'), `partner` ('permutation'), `checkValues` (true), and exactly one of `seed` / `rng`.
 * @returns A {@link Mixup} with `config`, `draw(B)`, `mix(inputs, { draw? })`, `getState()`, `setState()`.
 * @throws ConfigError for an invalid option (see `resolveMixupConfig`), both or neither of seed/rng.
 * @throws ValueError when `rng` is not a function.
 * @example
 * ```ts
 * const mixer = createMixup({ mode: 'tgm', alpha: 0.1, beta: 0.1, seed: 42 });
 * const out = mixer.mix({ video, qa, targets, causalMask, qaLengths });
 * log({ lambda: out.lambda, partner: out.draw.partner });
 * ```
 */
export function createMixup(options: MixupOptions): Mixup {
  const fn = 'createMixup';
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError(`${fn}: options must be an object with a seed or an rng, got ${String(options)}`, {
      field: '(options)',
      value: options,
      constraint: 'object',
    });
  }
  const { rng: injected, ...partial } = options;
  const config = resolveConfigFor(partial, fn);
  if (injected !== undefined && config.seed !== undefined) {
    throw new ConfigError(`${fn}: give either seed or rng, not both (seed ${config.seed} and an rng)`, {
      field: 'rng',
      value: injected,
      constraint: 'exactly one of seed and rng',
    });
  }
  if (injected === undefined && config.seed === undefined) {
    throw new ConfigError(`${fn}: a seed (integer) or an rng is required; there is no default randomness`, {
      field: 'seed',
      value: undefined,
      constraint: 'exactly one of seed and rng',
    });
  }
  if (injected !== undefined) assertRng(injected, fn);
  const rng: Rng = injected ?? createRng(config.seed!);
  let draws = 0;

  const drawFor = (batchSize: number, name: string): MixupDraw => {
    const lambda = betaFrom(config.alpha, config.beta, rng, name);
    const partner = partnerFrom(batchSize, config.partner, rng, name);
    draws++;
    return Object.freeze({ lambda, partner });
  };

  const mix = (inputs: MixupInputs, mixOptions: { readonly draw?: MixupDraw } = {}): MixupOutputs => {
    const name = 'mix';
    const b = validateInputs(inputs, config, name);
    const draw = mixOptions.draw !== undefined ? validateDraw(mixOptions.draw, b, name) : drawFor(b, name);
    const { lambda } = draw;
    const concat = config.targets === 'concat';
    const tensors = tf.tidy(() => {
      const partner = tf.tensor1d(draw.partner, 'int32');
      const causal = config.mode === 'tgm' ? inputs.causalMask : undefined;
      const { video, mixedMask } = mixVideoTensors(inputs.video, partner, causal, inputs.validMask, lambda, config.tgmFrames);
      const y = targetsAsDistributions(inputs.targets, inputs.numCandidates);
      const targets = mixupTargetsTensors(y, partner, lambda, config.targets);
      const lengths = inputs.qaLengths;
      if (concat) {
        return {
          video,
          mixedMask,
          partner,
          targets,
          qa: tf.clone(inputs.qa),
          partnerQa: tf.gather(inputs.qa, partner, 0),
          ...(lengths === undefined
            ? {}
            : { qaLengths: tf.clone(lengths), partnerQaLengths: tf.gather(lengths, partner, 0) }),
        };
      }
      return {
        video,
        mixedMask,
        partner,
        targets,
        qa: mixFeaturesTensors(inputs.qa, partner, lambda),
        ...(lengths === undefined ? {} : { qaLengths: mixLengthsTensors(lengths, partner) }),
      };
    });
    return { ...tensors, lambda, draw } as MixupOutputs;
  };

  return Object.freeze({
    config,
    draw: (batchSize: number): MixupDraw => {
      assertBatchSize(batchSize, 'draw');
      return drawFor(batchSize, 'draw');
    },
    mix,
    getState: (): MixupState => {
      if (!isSeededRng(rng)) {
        throw new ConfigError(
          'getState: the injected rng has no getState/setState; create the mixer with a seed or with createRng(seed) to snapshot it',
          { field: 'rng', value: rng, constraint: 'a SeededRng (createRng) for getState/setState' },
        );
      }
      return Object.freeze({ rng: rng.getState(), draws });
    },
    setState: (state: MixupState): void => {
      if (!isSeededRng(rng)) {
        throw new ConfigError(
          'setState: the injected rng has no getState/setState; create the mixer with a seed or with createRng(seed) to restore it',
          { field: 'rng', value: rng, constraint: 'a SeededRng (createRng) for getState/setState' },
        );
      }
      validateState(state, 'setState');
      rng.setState(state.rng);
      draws = state.draws;
    },
  });
}
