// create_sinusoidal_embeddings of sail-sg/VGT model/vqa_model.py (the frozen `position_v` table).

/**
 * [rows, dim] row-major table: column j of row pos is sin(pos / 10000^(2⌊j/2⌋/dim)) for even j and the
 * cosine of the same angle for odd j.
 */
export function sinusoidalPositions(rows: number, dim: number): Float32Array {
  const table = new Float32Array(rows * dim);
  for (let pos = 0; pos < rows; pos++) {
    for (let j = 0; j < dim; j++) {
      const angle = pos / Math.pow(10000, (2 * Math.floor(j / 2)) / dim);
      table[pos * dim + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return table;
}
