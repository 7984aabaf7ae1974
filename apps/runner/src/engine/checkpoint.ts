// Training checkpoints: backbone weights, optimizer moments and the loop position, written atomically
// (a temporary folder renamed into place) so that a process killed at any instant leaves either the
// previous or the new checkpoint, never a torn one.
import fs from 'node:fs';
import path from 'node:path';
import type { SavedWeights } from '@sparc-vqa/backbones';
import type { AdamState } from './adam-optimizer.js';

/** Where the loop stands: the next step to run is `stepInEpoch` of `epoch`. */
export interface CheckpointPosition {
  readonly epoch: number;
  readonly stepInEpoch: number;
  /** Steps completed since the start of the run. */
  readonly globalStep: number;
  /** Lines of metrics.jsonl written up to this point (a resumed run truncates to it). */
  readonly metricsLines: number;
}

export interface Checkpoint {
  readonly position: CheckpointPosition;
  readonly backbone: string;
  readonly weights: SavedWeights;
  readonly optimizer: AdamState;
}

const NAME = 'checkpoint';

function fsyncFile(file: string, data: Uint8Array | string): void {
  const fd = fs.openSync(file, 'w');
  try {
    if (typeof data === 'string') fs.writeSync(fd, data);
    else fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes the checkpoint of a run folder atomically. */
export function saveCheckpoint(runDir: string, checkpoint: Checkpoint): void {
  const final = path.join(runDir, NAME);
  const tmp = path.join(runDir, `${NAME}.tmp`);
  const old = path.join(runDir, `${NAME}.old`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  fsyncFile(path.join(tmp, 'weights.bin'), new Uint8Array(checkpoint.weights.data));
  const names = [...checkpoint.optimizer.moments.keys()];
  const sizes = names.map((n) => checkpoint.optimizer.moments.get(n)!.m.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  const moments = new Float32Array(2 * total);
  let at = 0;
  for (const n of names) {
    const { m, v } = checkpoint.optimizer.moments.get(n)!;
    moments.set(m, at);
    moments.set(v, at + m.length);
    at += 2 * m.length;
  }
  fsyncFile(path.join(tmp, 'optimizer.bin'), new Uint8Array(moments.buffer));
  const state = {
    format: 1,
    backbone: checkpoint.backbone,
    position: checkpoint.position,
    weightSpecs: checkpoint.weights.specs,
    optimizer: { step: checkpoint.optimizer.step, names, sizes },
  };
  fsyncFile(path.join(tmp, 'state.json'), JSON.stringify(state, null, 1));
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(final)) fs.renameSync(final, old);
  fs.renameSync(tmp, final);
  fs.rmSync(old, { recursive: true, force: true });
}

/** Reads a run folder's checkpoint, or undefined when it has none. A torn rename falls back to `.old`. */
export function loadCheckpoint(runDir: string): Checkpoint | undefined {
  let dir = path.join(runDir, NAME);
  if (!fs.existsSync(path.join(dir, 'state.json'))) {
    dir = path.join(runDir, `${NAME}.old`);
    if (!fs.existsSync(path.join(dir, 'state.json'))) return undefined;
  }
  const state = JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')) as {
    backbone: string;
    position: CheckpointPosition;
    weightSpecs: SavedWeights['specs'];
    optimizer: { step: number; names: string[]; sizes: number[] };
  };
  const weightsBytes = fs.readFileSync(path.join(dir, 'weights.bin'));
  const weights: SavedWeights = { specs: state.weightSpecs, data: weightsBytes.buffer.slice(weightsBytes.byteOffset, weightsBytes.byteOffset + weightsBytes.byteLength) };
  const momentBytes = fs.readFileSync(path.join(dir, 'optimizer.bin'));
  const moments = new Float32Array(momentBytes.buffer.slice(momentBytes.byteOffset, momentBytes.byteOffset + momentBytes.byteLength));
  const map = new Map<string, { m: Float32Array; v: Float32Array }>();
  let at = 0;
  state.optimizer.names.forEach((name, i) => {
    const size = state.optimizer.sizes[i]!;
    map.set(name, { m: moments.slice(at, at + size), v: moments.slice(at + size, at + 2 * size) });
    at += 2 * size;
  });
  if (at !== moments.length) throw new Error(`${path.join(dir, 'optimizer.bin')}: ${moments.length} values, state.json describes ${at}`);
  return { position: state.position, backbone: state.backbone, weights, optimizer: { step: state.optimizer.step, moments: map } };
}

/** A checkpoint whose weights do not fit the model its run folder's config builds. */
export class CheckpointMismatchError extends Error {
  override readonly name = 'CheckpointMismatchError';
  constructor(readonly folder: string, override readonly cause: Error) {
    super(`${folder}: the checkpoint does not fit this run's model (${cause.message}); was it copied from a run with another backbone or config?`);
  }
}

/** Loads a checkpoint's weights into `model`, naming the checkpoint folder when they do not fit. */
export function loadCheckpointWeights(model: { loadWeights(weights: SavedWeights): void }, checkpoint: Checkpoint, runDir: string): void {
  try {
    model.loadWeights(checkpoint.weights);
  } catch (error) {
    throw new CheckpointMismatchError(path.join(runDir, NAME), error as Error);
  }
}
