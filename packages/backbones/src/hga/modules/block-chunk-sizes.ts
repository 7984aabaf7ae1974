// Port of Cadene/block.bootstrap.pytorch block/models/networks/fusions/fusions.py get_sizes_list.

/**
 * How Block splits `mmDim` into `chunks` contiguous pieces: ⌈mmDim/chunks⌉ each, the last taking the
 * remainder; if that would be negative, units move one at a time from the last pieces (as the reference
 * does). Returns null when no split into positive sizes exists (the reference's assertion fails).
 *
 * @example
 * blockChunkSizes(50, 4); // [13, 13, 13, 11]
 */
export function blockChunkSizes(mmDim: number, chunks: number): number[] | null {
  const split = Math.floor((mmDim + chunks - 1) / chunks);
  const sizes = new Array<number>(chunks).fill(split);
  sizes[chunks - 1] = split - (split * chunks - mmDim);
  if (sizes[chunks - 1]! < 0) {
    const missing = sizes[chunks - 2]! - sizes[chunks - 1]!;
    sizes[chunks - 1] = sizes[chunks - 2]!;
    for (let j = 0; j < missing; j++) {
      const at = chunks - 1 - j;
      if (at < 0) return null;
      sizes[at]! -= 1;
    }
  }
  if (sizes.reduce((a, b) => a + b, 0) !== mmDim || sizes.some((s) => s <= 0)) return null;
  return sizes;
}
