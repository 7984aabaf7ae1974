import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, checkLibrary, formatViolations, importSpecifiers, libraryNames } from './check-boundaries.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('library boundaries', () => {
  it('the workspace has the five libraries', () => {
    expect(libraryNames(root)).toEqual(['backbones', 'losses', 'mixup', 'selector', 'teacher']);
  });

  it('no library imports another library, the runner, cac, tfjs-node or node: built-ins', () => {
    const violations = checkBoundaries(root);
    expect(formatViolations(violations)).toBe('');
  });
});

describe('the boundary checker', () => {
  it('finds static, dynamic, re-export, side-effect and require specifiers with their lines', () => {
    const src = [
      "import * as tf from '@tensorflow/tfjs-core';",
      "import type { X } from './x.js';",
      "export { y } from '../y.js';",
      "// import nope from 'commented-out';",
      "const m = await import('node:fs');",
      "import 'side-effect';",
      "const r = require('cac');",
      "import {",
      "  a,",
      "} from '@sparc-vqa/losses';",
    ].join('\n');
    expect(importSpecifiers(src)).toEqual([
      { specifier: '@tensorflow/tfjs-core', line: 1 },
      { specifier: './x.js', line: 2 },
      { specifier: '../y.js', line: 3 },
      { specifier: 'node:fs', line: 5 },
      { specifier: 'side-effect', line: 6 },
      { specifier: 'cac', line: 7 },
      { specifier: '@sparc-vqa/losses', line: 8 },
    ]);
  });

  it('reports every forbidden import in a library with file, line and rule', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'boundaries-'));
    const lib = path.join(tmp, 'packages', 'bad');
    fs.mkdirSync(path.join(lib, 'src'), { recursive: true });
    fs.writeFileSync(path.join(lib, 'package.json'), JSON.stringify({ name: '@sparc-vqa/bad', dependencies: { '@sparc-vqa/losses': '0.1.0', '@tensorflow/tfjs-core': '4.22.0' } }));
    fs.writeFileSync(
      path.join(lib, 'src', 'index.ts'),
      [
        "import { guidedLoss } from '@sparc-vqa/losses';",
        "import { cac } from 'cac';",
        "import fs from 'node:fs';",
        "import path from 'path';",
        "import * as tf from '@tensorflow/tfjs';",
        "const gpu = await import('@tensorflow/tfjs-node-gpu');",
        "import { x } from '../../other/src/x.js';",
        "import { h } from '@sparc-vqa/testing';",
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(lib, 'src', 'index.test.ts'),
      "import fs from 'node:fs';\nimport { h } from '@sparc-vqa/testing';\nimport { r } from '@sparc-vqa/runner';\nimport f from '../../../../shared/fixtures/x.json';\nimport { y } from '../../other/src/y.js';\n",
    );
    try {
      const text = formatViolations(checkLibrary(tmp, 'bad'));
      expect(text.split('\n')).toEqual([
        "packages/bad/src/index.test.ts:3: '@sparc-vqa/runner': a library may not import another @sparc-vqa package (only apps/runner wires packages together)",
        "packages/bad/src/index.test.ts:5: '../../other/src/y.js': relative import leaves the package",
        "packages/bad/src/index.ts:1: '@sparc-vqa/losses': a library may not import another @sparc-vqa package (only apps/runner wires packages together)",
        "packages/bad/src/index.ts:2: 'cac': cac belongs to the runner",
        "packages/bad/src/index.ts:3: 'node:fs': node: built-ins are not allowed in libraries",
        "packages/bad/src/index.ts:4: 'path': node: built-ins are not allowed in libraries",
        "packages/bad/src/index.ts:5: '@tensorflow/tfjs': import @tensorflow/tfjs-core (the peer dependency), not the umbrella package",
        "packages/bad/src/index.ts:6: '@tensorflow/tfjs-node-gpu': libraries never pick a backend: no tfjs-node",
        "packages/bad/src/index.ts:7: '../../other/src/x.js': relative import leaves the package",
        "packages/bad/src/index.ts:8: '@sparc-vqa/testing': @sparc-vqa/testing is for tests only",
        "packages/bad/package.json:0: '@tensorflow/tfjs-core': must be a peerDependency",
        "packages/bad/package.json:0: '@sparc-vqa/losses': dependencies may not name another @sparc-vqa package",
        "packages/bad/package.json:0: '@tensorflow/tfjs-core': tfjs must be a peer dependency, not a dependency",
      ]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
