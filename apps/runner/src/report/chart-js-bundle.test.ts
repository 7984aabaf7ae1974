import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inlineScriptText, readChartJsBundle } from './chart-js-bundle.js';

describe('readChartJsBundle', () => {
  it("reads chart.js's UMD bundle of the installed version (the one in the runner's package.json)", () => {
    const bundle = readChartJsBundle();
    const pinned = (JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies['chart.js'];
    expect(bundle.version).toBe(pinned);
    expect(path.basename(bundle.file)).toBe('chart.umd.min.js');
    expect(bundle.file.startsWith(path.dirname(createRequire(import.meta.url).resolve('chart.js')))).toBe(true);
    expect(bundle.source.length).toBeGreaterThan(100_000);
    expect(bundle.source).not.toMatch(/<\/script/i);
    expect(bundle.source).not.toContain('sourceMappingURL');
  });
});

describe('inlineScriptText', () => {
  it('neutralises </script, <!-- and the source map link', () => {
    expect(inlineScriptText('a="</script>";b="<!--"\n//# sourceMappingURL=x.map')).toBe('a="<\\/script>";b="<\\!--"\n');
  });
});
