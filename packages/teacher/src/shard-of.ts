import { ConfigError } from './errors.js';
import { fnv1a32 } from './hash.js';

/** Which of `count` shards a sample key belongs to: FNV-1a-32 of the key's UTF-8 bytes, modulo `count`. */
export function shardOf(key: string, count: number): number {
  return count === 1 ? 0 : fnv1a32(key) % count;
}

/** Shard `index` of `count` (as in `sparc teacher extract --shard index/count`). */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** Validates a shard spec (0 <= index < count, integers). */
export function resolveShard(fn: string, shard: ShardSpec): ShardSpec {
  if (!Number.isInteger(shard.count) || shard.count < 1) throw new ConfigError(fn, 'shard.count', shard.count, 'must be an integer >= 1');
  if (!Number.isInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) {
    throw new ConfigError(fn, 'shard.index', shard.index, `must be an integer in [0, ${shard.count - 1}]`);
  }
  return Object.freeze({ index: shard.index, count: shard.count });
}

/** Parses `"i/n"` (the CLI form) into a shard spec. */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new ConfigError('parseShard', 'shard', text, "must look like 'i/n' (e.g. '0/4')");
  return resolveShard('parseShard', { index: Number(m[1]), count: Number(m[2]) });
}
