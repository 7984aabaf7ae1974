// Issue 6 / SPEC "apps/runner: runs under Node and Deno": the BUILT runner (apps/runner/dist/bin.js) under
// Node and under Deno 2 (the root devDependency `deno`): --help, and a tiny synth -> train -> eval, with
// the same numbers on both runtimes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetId } from '@sparc-vqa/runner';
import { openTeacherStore } from '@sparc-vqa/teacher/fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'apps', 'runner', 'dist', 'bin.js');
const runnerVersion = (JSON.parse(fs.readFileSync(path.join(root, 'apps', 'runner', 'package.json'), 'utf8')) as { version: string }).version;
const deno = path.join(root, 'node_modules', '.bin', 'deno');
/**
 * The permissions apps/runner/README.md documents: read (inputs, node_modules), write (outputs), env (h5wasm's
 * Emscripten runtime copies the environment), sys (Deno's node:fs `access` asks for the uid: teacher stores).
 */
const DENO_FLAGS = ['run', '--no-prompt', '--allow-read', '--allow-write', '--allow-env', '--allow-sys'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-runtimes-'));

const RUNTIMES = ['node', 'deno'] as const;
type Runtime = (typeof RUNTIMES)[number];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `sparc` under a runtime, from `tmp` (relative paths resolve there). */
function sparc(runtime: Runtime, args: readonly string[]): Run {
  const [cmd, pre] = runtime === 'node' ? [process.execPath, [bin]] : [deno, [...DENO_FLAGS, bin]];
  const r = spawnSync(cmd, [...pre, ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 120_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `sparc` that must succeed; the failure message carries its stderr. */
function sparcOk(runtime: Runtime, args: readonly string[]): Run {
  const r = sparc(runtime, args);
  expect(r.status, `${runtime} sparc ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const dir = (runtime: Runtime, ...parts: string[]) => path.join(tmp, runtime, ...parts);

/** Accuracy (percent) a prediction file in the official format implies. */
function impliedAccuracy(file: string): { count: number; accuracy: number } {
  const preds = Object.values(readJson<Record<string, { prediction: number; answer: number }>>(file));
  return { count: preds.length, accuracy: (100 * preds.filter((p) => p.prediction === p.answer).length) / preds.length };
}

/** `key -> answer` of a synthetic split CSV (synthetic text has no commas or quotes; checked). */
function csvAnswers(file: string): Map<string, number> {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const cols = head!.split(',');
  const [video, qid, answer] = ['video', 'qid', 'answer'].map((c) => cols.indexOf(c));
  return new Map(
    lines.map((line) => {
      const f = line.split(',');
      if (f.length !== cols.length) throw new Error(`${file}: expected ${cols.length} plain fields, got '${line}'`);
      return [`${f[video!]}_${f[qid!]}`, Number(f[answer!])];
    }),
  );
}

/**
 * A teacher store (written with @sparc-vqa/teacher/fs) holding the synthetic oracle: 0.9 on the answer at
 * the causal frames, 0.9 on the anchor candidate at the anchor frames, uniform elsewhere.
 */
async function writeOracleStore(data: string, file: string): Promise<number> {
  const truth = readJson<{ frames: number; questions: Record<string, { causal: number[]; anchor: number[]; anchorCandidate: number }> }>(path.join(data, 'ground_truth_train.json'));
  const answers = csvAnswers(path.join(data, 'train.csv'));
  const [T, C, conf] = [truth.frames, 5, 0.9];
  const store = await openTeacherStore(file, { create: { teacherId: 'oracle', dataset: datasetId(data), split: 'train', candidates: C, framesPerVideo: T }, createdAt: '2026-01-01T00:00:00.000Z' });
  for (const [key, answer] of answers) {
    const q = truth.questions[key]!;
    const probs = new Float32Array(T * C).fill(1 / C);
    const peak = (t: number, c: number) => {
      probs.fill((1 - conf) / (C - 1), t * C, (t + 1) * C);
      probs[t * C + c] = conf;
    };
    if (q.anchorCandidate >= 0) for (const t of q.anchor) peak(t, q.anchorCandidate);
    for (const t of q.causal) peak(t, answer);
    await store.put({ key, probs });
  }
  await store.close();
  return answers.size;
}

const TRAIN = ['--preset', 'synthetic', '--epochs', '1', '--batch-size', '16', '--backend', 'wasm'];
/** Commands the runner has had since issue 6 (SPEC: names may grow, not shrink). */
const COMMANDS = ['reproduce', 'synth', 'train', 'eval', 'backend'];
const helpText = new Map<Runtime, string>();
const usageStatus = new Map<Runtime, number | null>();

beforeAll(() => {
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: build the runner first (npx nx run @sparc-vqa/runner:build)`);
  if (!fs.existsSync(deno)) throw new Error(`${deno} is missing: the root devDependency 'deno' is not installed (npm ci)`);
  for (const r of RUNTIMES) fs.mkdirSync(dir(r));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(RUNTIMES)('the built runner under %s', (runtime) => {
  it('--help lists every command, --version prints the package version, exit code 0', () => {
    const help = sparcOk(runtime, ['--help']);
    helpText.set(runtime, help.stdout);
    const listed = help.stdout.split('Commands:')[1]!.split('\n\n')[0]!.trim().split('\n').map((l) => l.trim().split(/\s+/)[0]);
    expect(listed).toEqual(expect.arrayContaining(COMMANDS));
    expect(help.stdout).toContain('--backend <name>');
    expect(sparcOk(runtime, ['--version']).stdout.trim()).toMatch(new RegExp(`^sparc/${runnerVersion.replace(/\./g, '\\.')} `));
  });

  it('an unknown command is a one-line error with a nonzero exit code (set through process.exitCode)', () => {
    const r = sparc(runtime, ['no-such-command']);
    usageStatus.set(runtime, r.status);
    expect(r.status).toBeGreaterThan(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^sparc: .*'no-such-command'/);
  });

  it('synth --preset tiny writes the NExT-QA layout (16/4/8 videos)', () => {
    const r = sparcOk(runtime, ['synth', '--preset', 'tiny', '--out', `${runtime}/data`]);
    expect(r.stdout).toContain('val: 4 videos, 16 questions');
    for (const f of ['train.csv', 'val.csv', 'test.csv', 'vid_feat/app_mot_train.h5', 'qas_bert/bert_ft_val.h5', 'teacher/teacher_frames_train.h5', 'ground_truth_train.json']) {
      expect(fs.existsSync(dir(runtime, 'data', f)), f).toBe(true);
    }
  });

  it('train (baseline, wasm, 1 epoch) writes the run folder and prints the accuracy predictions.json implies', () => {
    const r = sparcOk(runtime, ['train', '--dataset', `${runtime}/data`, '--out', `${runtime}/run`, ...TRAIN]);
    for (const f of ['config.json', 'metrics.jsonl', 'predictions.json', 'checkpoint/weights.bin', 'checkpoint/state.json']) expect(fs.existsSync(dir(runtime, 'run', f)), f).toBe(true);
    const { count, accuracy } = impliedAccuracy(dir(runtime, 'run', 'predictions.json'));
    expect(count).toBe(16);
    const done = /done: val accuracy ([\d.]+)%/.exec(r.stdout);
    expect(done?.[1]).toBe(accuracy.toFixed(2));
    const lastEpoch = fs.readFileSync(dir(runtime, 'run', 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; overall?: number }).filter((m) => m.kind === 'epoch').pop();
    expect(lastEpoch?.overall).toBeCloseTo(accuracy, 9);
    const env = readJson<{ environment: { backend: string; deno: string | null } }>(dir(runtime, 'run', 'config.json')).environment;
    expect(env.backend).toBe('wasm');
    if (runtime === 'deno') expect(env.deno).toMatch(/^2\./);
    else expect(env.deno).toBeNull();
  });

  it('eval of the predictions prints and writes that same accuracy', () => {
    const r = sparcOk(runtime, ['eval', '--annotations', `${runtime}/data/val.csv`, '--predictions', `${runtime}/run/predictions.json`, '--json', `${runtime}/eval.json`]);
    const { accuracy } = impliedAccuracy(dir(runtime, 'run', 'predictions.json'));
    const accRow = r.stdout.split('\n').find((l) => l.startsWith('acc %'))!.trim().split(/\s+/);
    expect(accRow.at(-1)).toBe(accuracy.toFixed(2));
    const json = readJson<{ count: number; overall: number }>(dir(runtime, 'eval.json'));
    expect(json.count).toBe(16);
    expect(json.overall).toBeCloseTo(accuracy, 9);
  });

  it('train with --temporal --spatial and a teacher store file (dynamic import of @sparc-vqa/teacher/fs)', async () => {
    expect(await writeOracleStore(dir(runtime, 'data'), dir(runtime, 'oracle.sptk'))).toBe(64);
    const r = sparcOk(runtime, ['train', '--dataset', `${runtime}/data`, '--out', `${runtime}/sparc`, '--temporal', '--spatial', '--teacher', `${runtime}/oracle.sptk`, ...TRAIN]);
    const { accuracy } = impliedAccuracy(dir(runtime, 'sparc', 'predictions.json'));
    expect(/done: val accuracy ([\d.]+)%/.exec(r.stdout)?.[1]).toBe(accuracy.toFixed(2));
    const steps = fs.readFileSync(dir(runtime, 'sparc', 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; guided?: number | null; spatial?: number | null });
    const step = steps.find((m) => m.kind === 'step')!;
    expect(step.guided).toBeGreaterThan(0);
    expect(step.spatial).toBeGreaterThan(0);
  });
});

describe('Node and Deno give identical results (same seed, same wasm backend)', () => {
  const bytes = (runtime: Runtime, ...parts: string[]) => fs.readFileSync(dir(runtime, ...parts));
  /** metrics.jsonl without its wall-clock fields (samplesPerSec, ...). */
  const metrics = (runtime: Runtime, run: string) =>
    bytes(runtime, run, 'metrics.jsonl').toString('utf8').trim().split('\n').map((l) => Object.fromEntries(Object.entries(JSON.parse(l) as object).filter(([k]) => !/perSec|seconds|elapsed|Ms$|time/i.test(k))));

  it('the same --help text, and the same exit code for an unknown command', () => {
    expect(helpText.get('deno')).toBe(helpText.get('node'));
    expect(usageStatus.get('deno')).toBe(usageStatus.get('node'));
  });

  it('the same synthetic dataset', () => {
    for (const f of ['train.csv', 'val.csv', 'test.csv', 'ground_truth_train.json', 'ground_truth_val.json']) expect(bytes('deno', 'data', f).equals(bytes('node', 'data', f)), f).toBe(true);
  });

  it.each(['run', 'sparc'])('the same %s: weights, metrics and predictions', (run) => {
    expect(bytes('deno', run, 'checkpoint', 'weights.bin').equals(bytes('node', run, 'checkpoint', 'weights.bin'))).toBe(true);
    expect(metrics('deno', run)).toEqual(metrics('node', run));
    expect(bytes('deno', run, 'predictions.json').toString()).toBe(bytes('node', run, 'predictions.json').toString());
    expect(impliedAccuracy(dir('deno', run, 'predictions.json')).accuracy).toBe(impliedAccuracy(dir('node', run, 'predictions.json')).accuracy);
  });
});
