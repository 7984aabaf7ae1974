// The dataset name written into teacher store headers, so a store from another dataset is refused.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SYNTH_MANIFEST } from '../synth/synth-layout.js';

/**
 * `synthetic-<preset>-s<seed>-<hash of the generator config>` for a `sparc synth` folder (two folders
 * generated with the same config get the same id, wherever they are), the folder name otherwise.
 */
export function datasetId(dir: string): string {
  const manifest = path.join(path.resolve(dir), SYNTH_MANIFEST);
  if (!fs.existsSync(manifest)) return path.basename(path.resolve(dir));
  const { config } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { config: { preset?: string; seed?: number } };
  const hash = createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 8);
  return `synthetic-${config.preset ?? 'custom'}-s${config.seed ?? 0}-${hash}`;
}
