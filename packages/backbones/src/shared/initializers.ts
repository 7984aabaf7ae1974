// Seeded weight initialisers following PyTorch's defaults (torch.nn.init, torch.nn.Linear/GRU
// reset_parameters), filled in JavaScript so that a seed gives the same weights on every backend.
import type { Rng } from '../backbone.js';

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** U(-bound, bound), like `torch.nn.init.uniform_(w, -bound, bound)`. */
export function uniformValues(shape: readonly number[], bound: number, rng: Rng): Float32Array {
  const out = new Float32Array(size(shape));
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng() - 1) * bound;
  return out;
}

/** N(0, std²) by Box-Muller, like `torch.nn.init.normal_(w, 0, std)`. */
export function normalValues(shape: readonly number[], std: number, rng: Rng): Float32Array {
  const out = new Float32Array(size(shape));
  for (let i = 0; i < out.length; i += 2) {
    const u1 = 1 - rng(); // (0, 1]
    const u2 = rng();
    const r = Math.sqrt(-2 * Math.log(u1)) * std;
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

/**
 * PyTorch's default `nn.Linear` initialisation for a weight [out, in] or its bias [out]: both
 * U(-1/√in, 1/√in) (kaiming_uniform with a = √5 gives exactly this bound).
 */
export function linearDefaultValues(shape: readonly number[], fanIn: number, rng: Rng): Float32Array {
  return uniformValues(shape, fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0, rng);
}

/** `torch.nn.init.xavier_normal_` for a weight [out, in]: N(0, 2 / (in + out)). */
export function xavierNormalValues(shape: readonly [number, number], rng: Rng): Float32Array {
  const [fanOut, fanIn] = shape;
  return normalValues(shape, Math.sqrt(2 / (fanIn + fanOut)), rng);
}

/** The row L2 norms of a row-major [rows, cols] matrix, as a [rows, 1] column (weight_norm's `g` init). */
export function rowNorms(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) s += values[r * cols + c]! ** 2;
    out[r] = Math.sqrt(s);
  }
  return out;
}
