import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '@sparc-vqa/testing';
import { main } from '../main.js';
import { writeSyntheticDataset } from '../synth/write-synthetic-dataset.js';

// The errors a user meets most, end to end through `main`: one line naming what and where, exit code 1,
// the stack only with --debug.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-errors-'));
const data = path.join(tmp, 'data');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe.runIf(testBackend() === 'wasm')('sparc errors', () => {
  const train = (out: string, ...extra: string[]) => ['train', '--dataset', data, '--preset', 'synthetic', '--epochs', '1', '--batch-size', '16', '--out', path.join(tmp, out), '--backend', 'wasm', ...extra];
  beforeAll(async () => {
    await writeSyntheticDataset({ out: data, config: { preset: 'tiny', seed: 2 } });
    expect((await run(train('a'))).code).toBe(0);
    expect((await run(train('b', '--hidden', '32'))).code).toBe(0);
  });

  it('an unknown flag', async () => {
    expect(await run([...train('c'), '--epochz', '3'])).toMatchObject({ code: 1, err: ['sparc: UsageError: Unknown option `--epochz`'] });
  });

  it('a missing dataset file names the file', async () => {
    const r = await run(['train', '--dataset', path.join(tmp, 'nowhere'), '--out', path.join(tmp, 'd')]);
    expect(r).toMatchObject({ code: 1, err: [`sparc: DataError: ${path.join(tmp, 'nowhere', 'train.csv')}: file: expected a readable NExT-QA CSV file, got no such file`] });
  });

  it('a run folder started with another backbone or config', async () => {
    expect((await run(train('a', '--backbone', 'vgt'))).err).toEqual([`sparc: RunConfigMismatchError: ${path.join(tmp, 'a', 'config.json')}: this run folder was started with backbone = "hga", not "vgt"; use another --out or the same options`]);
    expect((await run(train('a', '--lr', '0.5'))).err).toEqual([`sparc: RunConfigMismatchError: ${path.join(tmp, 'a', 'config.json')}: this run folder was started with lr = 0.001, not 0.5; use another --out or the same options`]);
  });

  it('a run folder from before a config field existed resumes with its default, and refuses another value', async () => {
    fs.cpSync(path.join(tmp, 'a'), path.join(tmp, 'old'), { recursive: true });
    const file = path.join(tmp, 'old', 'config.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { config: Record<string, unknown> };
    delete json.config['guidance'];
    delete json.config['softTemperature'];
    fs.writeFileSync(file, JSON.stringify(json));
    expect(await run(train('old'))).toMatchObject({ code: 0, err: [] });
    expect((await run(train('old', '--guidance', 'soft'))).err).toEqual([`sparc: RunConfigMismatchError: ${file}: this run folder was started with guidance = "hard", not "soft"; use another --out or the same options`]);
  });

  it('a checkpoint copied from a run with another config', async () => {
    fs.rmSync(path.join(tmp, 'b', 'checkpoint'), { recursive: true });
    fs.cpSync(path.join(tmp, 'a', 'checkpoint'), path.join(tmp, 'b', 'checkpoint'), { recursive: true });
    const r = await run(['eval', '--checkpoint', path.join(tmp, 'b'), '--backend', 'wasm']);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(new RegExp(`^sparc: CheckpointMismatchError: ${path.join(tmp, 'b', 'checkpoint').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the checkpoint does not fit this run's model \\(HGA.loadWeights: .* has shape \\[64, 32\\], expected \\[32, 32\\]\\)`));
  });

  it('--debug adds the stack', async () => {
    const r = await run(['eval', '--checkpoint', path.join(tmp, 'nothing'), '--debug']);
    expect(r.code).toBe(1);
    expect(r.err[0]).toBe(`sparc: RunFolderError: ${path.join(tmp, 'nothing')}: no config.json: not a run folder written by sparc train`);
    expect(r.err[1]).toMatch(/^RunFolderError: .*\n\s+at readRunConfig/);
  });
});
