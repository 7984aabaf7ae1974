// Library boundaries (shared/STYLE.md 3.1, 3.10): no library imports another @sparc-vqa library, the
// runner, cac, tfjs-node or node: built-ins (the teacher's file store aside), and every library declares
// @tensorflow/tfjs-core as a peer dependency.
import { builtinModules } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

export interface BoundaryViolation {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly rule: string;
}

/** Folders (relative to the workspace root) whose source may use node: built-ins. */
export const NODE_ALLOWED = Object.freeze(['packages/teacher/src/fs/']);

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;(=])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s*['"]([^'"]+)['"]|require\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module specifier imported by a TypeScript source text, with its 1-based line. */
export function importSpecifiers(source: string): Array<{ specifier: string; line: number }> {
  const out: Array<{ specifier: string; line: number }> = [];
  const stripped = source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  for (const m of stripped.matchAll(IMPORT_RE)) {
    const specifier = m[1] ?? m[2] ?? m[3] ?? m[4]!;
    const line = stripped.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
    out.push({ specifier, line });
  }
  return out;
}

const builtins = new Set(builtinModules);

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtins.has(specifier.split('/')[0]!);
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.(c|m)?tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Checks one library folder (`<root>/packages/<name>`). */
export function checkLibrary(root: string, name: string): BoundaryViolation[] {
  const dir = path.join(root, 'packages', name);
  const violations: BoundaryViolation[] = [];
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  for (const file of walk(path.join(dir, 'src'))) {
    const relFile = rel(file);
    const isTest = /\.test\.tsx?$/.test(file) || /\/test-utils\.ts$/.test(relFile);
    const source = fs.readFileSync(file, 'utf8');
    for (const { specifier, line } of importSpecifiers(source)) {
      const bad = (rule: string) => violations.push({ file: relFile, line, specifier, rule });
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier);
        const intoWorkspaceCode = ['packages', 'apps'].some((d) => target.startsWith(path.join(root, d) + path.sep));
        // Tests may read fixtures outside the package (../shared); nobody may reach into another project.
        if (!target.startsWith(dir + path.sep) && (!isTest || intoWorkspaceCode)) bad('relative import leaves the package');
        continue;
      }
      if (specifier === '@sparc-vqa/testing') {
        if (!isTest) bad('@sparc-vqa/testing is for tests only');
        continue;
      }
      if (specifier.startsWith('@sparc-vqa/')) {
        bad('a library may not import another @sparc-vqa package (only apps/runner wires packages together)');
        continue;
      }
      if (isTest) continue; // tests may use node:, @tensorflow/tfjs and vitest
      if (specifier === 'cac') bad('cac belongs to the runner');
      else if (/^@tensorflow\/tfjs-node(-gpu)?($|\/)/.test(specifier)) bad('libraries never pick a backend: no tfjs-node');
      else if (specifier === '@tensorflow/tfjs' || specifier.startsWith('@tensorflow/tfjs/')) bad('import @tensorflow/tfjs-core (the peer dependency), not the umbrella package');
      else if (/^@tensorflow\/tfjs-backend-/.test(specifier)) bad('libraries never pick a backend');
      else if (isNodeBuiltin(specifier) && !NODE_ALLOWED.some((p) => relFile.startsWith(p))) bad('node: built-ins are not allowed in libraries');
    }
  }
  const pkgPath = path.join(dir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as Record<string, Record<string, string> | undefined>;
  const relPkg = rel(pkgPath);
  if (!pkg['peerDependencies']?.['@tensorflow/tfjs-core']) {
    violations.push({ file: relPkg, line: 0, specifier: '@tensorflow/tfjs-core', rule: 'must be a peerDependency' });
  }
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies'] as const) {
    for (const dep of Object.keys(pkg[field] ?? {})) {
      if (dep.startsWith('@sparc-vqa/')) violations.push({ file: relPkg, line: 0, specifier: dep, rule: `${field} may not name another @sparc-vqa package` });
      if (field === 'dependencies' && dep.startsWith('@tensorflow/')) violations.push({ file: relPkg, line: 0, specifier: dep, rule: 'tfjs must be a peer dependency, not a dependency' });
      if (dep === 'cac' || dep.startsWith('@tensorflow/tfjs-node')) violations.push({ file: relPkg, line: 0, specifier: dep, rule: `${field} may not name ${dep}` });
    }
  }
  return violations;
}

/** The library folders of the workspace. */
export function libraryNames(root: string): string[] {
  return fs.readdirSync(path.join(root, 'packages')).filter((n) => fs.existsSync(path.join(root, 'packages', n, 'package.json'))).sort();
}

/** Checks every library; returns all violations. */
export function checkBoundaries(root: string): BoundaryViolation[] {
  return libraryNames(root).flatMap((name) => checkLibrary(root, name));
}

/** One line per violation, for humans. */
export function formatViolations(violations: readonly BoundaryViolation[]): string {
  return violations.map((v) => `${v.file}:${v.line}: '${v.specifier}': ${v.rule}`).join('\n');
}
