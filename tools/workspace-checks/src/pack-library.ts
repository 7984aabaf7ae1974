// Packs a library with npm and inspects the tarball the way a registry consumer would get it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface PackedLibrary {
  readonly name: string;
  readonly dir: string;
  readonly tarball: string;
  readonly files: readonly string[];
  readonly pkg: Record<string, unknown>;
}

/** `npm pack` of `<root>/packages/<name>` into `dest`. */
export function packLibrary(root: string, name: string, dest: string): PackedLibrary {
  const dir = path.join(root, 'packages', name);
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dest], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return {
    name,
    dir,
    tarball: path.join(dest, info!.filename),
    files: info!.files.map((f) => f.path).sort(),
    pkg: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>,
  };
}

/** Every file an `exports` map points at, except the source-only condition. */
export function exportTargets(exportsField: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown, condition: string | null) => {
    if (typeof node === 'string') {
      if (condition !== '@sparc-vqa/source') out.push(node.replace(/^\.\//, ''));
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) visit(v, k.startsWith('.') ? null : k);
    }
  };
  visit(exportsField, null);
  return [...new Set(out)].sort();
}

/** Bare module specifiers imported by built JS (static and dynamic imports). */
export function bareImports(js: string): string[] {
  const specs = new Set<string>();
  for (const m of js.matchAll(/(?:from\s*|import\s*\(\s*|import\s+)["']([^"'.][^"']*)["']/g)) specs.add(m[1]!);
  return [...specs].sort();
}

/** The package name of a bare specifier (`@scope/name/sub` -> `@scope/name`). */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Runs npm install in `dir` with the given specs, preferring the local cache. */
export function npmInstall(dir: string, specs: readonly string[]): void {
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', ...specs], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
}
