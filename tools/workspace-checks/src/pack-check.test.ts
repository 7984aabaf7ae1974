// The packed-tarball check every library gets (issue: "publishable: correct exports, types resolve, no
// workspace-only imports"), and the adopt-alone check of @sparc-vqa/losses from Node ESM and Deno.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryNames } from './check-boundaries.js';
import { bareImports, exportTargets, npmInstall, packageOf, packLibrary, type PackedLibrary } from './pack-library.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tfjsVersion = '4.22.0';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sparc-pack-'));
const libs = libraryNames(root);
const packed = new Map<string, PackedLibrary>();
const deno = path.join(root, 'node_modules', '.bin', 'deno');

beforeAll(() => {
  for (const name of libs) {
    if (!fs.existsSync(path.join(root, 'packages', name, 'dist', 'index.js'))) {
      throw new Error(`packages/${name}/dist/index.js is missing: build first (npx nx run-many -t build)`);
    }
    packed.set(name, packLibrary(root, name, tmp));
  }
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(libs)('@sparc-vqa/%s tarball', (name) => {
  it('ships dist, README and package.json only, and every exports target is inside', () => {
    const lib = packed.get(name)!;
    expect(lib.files).toContain('package.json');
    expect(lib.files).toContain('README.md');
    expect(lib.files).toContain('dist/index.js');
    expect(lib.files).toContain('dist/index.d.ts');
    expect(lib.files.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md'].includes(f) && !/^LICENSE/.test(f))).toEqual([]);
    expect(lib.files.filter((f) => /\.test\.|test-utils/.test(f))).toEqual([]);
    for (const target of exportTargets(lib.pkg['exports'])) expect(lib.files, `exports target ${target}`).toContain(target);
  });

  it('imports only its declared dependencies, never a workspace package, and bundles no tfjs', () => {
    const lib = packed.get(name)!;
    const declared = new Set(Object.keys({ ...(lib.pkg['dependencies'] as object), ...(lib.pkg['peerDependencies'] as object), ...(lib.pkg['optionalDependencies'] as object) }));
    for (const file of lib.files.filter((f) => f.endsWith('.js'))) {
      const js = fs.readFileSync(path.join(lib.dir, file), 'utf8');
      for (const spec of bareImports(js)) {
        if (spec.startsWith('node:')) continue;
        expect(declared.has(packageOf(spec)), `${file} imports ${spec}, which package.json does not declare`).toBe(true);
        expect(spec.startsWith('@sparc-vqa/'), `${file} imports workspace package ${spec}`).toBe(false);
      }
      expect(js.includes('class Engine'), `${file} bundles tfjs-core`).toBe(false);
    }
  });
});

describe('installed from tarballs into an empty project', () => {
  const consumer = path.join(tmp, 'consumer');
  beforeAll(() => {
    fs.mkdirSync(consumer);
    fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    npmInstall(consumer, [`@tensorflow/tfjs@${tfjsVersion}`, ...libs.map((n) => packed.get(n)!.tarball)]);
  });

  it.each(libs)('@sparc-vqa/%s imports from Node ESM', (name) => {
    const script = `import * as tf from '@tensorflow/tfjs'; import * as lib from '@sparc-vqa/${name}'; console.log(JSON.stringify(Object.keys(lib).sort()));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, encoding: 'utf8' });
    const keys = JSON.parse(out.trim().split('\n').pop()!) as string[];
    expect(Array.isArray(keys)).toBe(true);
  });

  it('types resolve for every library under moduleResolution node16', () => {
    const imports = libs.map((n, i) => `import * as lib${i} from '@sparc-vqa/${n}';\nexport const keys${i}: string[] = Object.keys(lib${i});`).join('\n');
    fs.writeFileSync(path.join(consumer, 'index.ts'), imports + '\n');
    fs.writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: [], lib: ['es2022', 'dom'] }, files: ['index.ts'] }),
    );
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', consumer], { cwd: consumer, encoding: 'utf8' });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    // Errors inside node_modules/@tensorflow are tfjs's own typings; ours must be clean.
    const ours = output.split('\n').filter((l) => l.trim() && !l.includes('node_modules/@tensorflow/'));
    expect(ours).toEqual([]);
  });
});

describe('@sparc-vqa/losses adopted alone (only @tensorflow/tfjs beside it)', () => {
  const alone = path.join(tmp, 'losses-alone');
  const script = [
    "import * as tf from '@tensorflow/tfjs';",
    "import { guidedLoss, consistencyLoss } from '@sparc-vqa/losses';",
    "await tf.setBackend('cpu');",
    "const logits = tf.zeros([2, 5]);",
    "const answers = tf.tensor1d([1, 3], 'int32');",
    "const g = guidedLoss({ logits, answers });",
    "const c = consistencyLoss({ wholeLogits: tf.tensor2d([[1, 2, 3, 4, 5]]), guidedLogits: tf.tensor2d([[1, 2, 3, 4, 5]]) });",
    "console.log(JSON.stringify({ guided: g.dataSync()[0], consistency: c.dataSync()[0] }));",
  ].join('\n');

  beforeAll(() => {
    fs.mkdirSync(alone);
    fs.writeFileSync(path.join(alone, 'package.json'), JSON.stringify({ name: 'losses-alone', private: true, type: 'module' }));
    npmInstall(alone, [`@tensorflow/tfjs@${tfjsVersion}`, packed.get('losses')!.tarball]);
    fs.writeFileSync(path.join(alone, 'main.mjs'), script + '\n');
    const installed = fs.readdirSync(path.join(alone, 'node_modules', '@sparc-vqa'));
    expect(installed).toEqual(['losses']);
  });

  it('computes a loss from Node ESM: CE of uniform logits is log 5, KL of identical logits is 0', () => {
    const out = execFileSync(process.execPath, ['main.mjs'], { cwd: alone, encoding: 'utf8' });
    const { guided, consistency } = JSON.parse(out.trim().split('\n').pop()!) as { guided: number; consistency: number };
    expect(guided).toBeCloseTo(Math.log(5), 6);
    expect(consistency).toBeCloseTo(0, 7);
  });

  it('computes the same loss from Deno', () => {
    const out = execFileSync(deno, ['run', '--quiet', '--allow-read', '--allow-env', '--allow-sys', 'main.mjs'], {
      cwd: alone,
      encoding: 'utf8',
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    });
    const { guided, consistency } = JSON.parse(out.trim().split('\n').pop()!) as { guided: number; consistency: number };
    expect(guided).toBeCloseTo(Math.log(5), 6);
    expect(consistency).toBeCloseTo(0, 7);
  });
});
