// The Chart.js browser bundle (dist/chart.umd.min.js, MIT), read from node_modules at run time and
// inlined into the report page, so the page needs no network. Works from src (tsx), from the tsup
// build in dist/ and from an npm install: chart.js is resolved from this module's location.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The bundle's text, ready to put in a `<script>`, and where it came from. */
export interface ChartJsBundle {
  readonly source: string;
  readonly version: string;
  readonly file: string;
}

/** chart.js cannot be found or its bundle is not where version 4 puts it. */
export class ChartJsMissingError extends Error {
  override readonly name = 'ChartJsMissingError';
  constructor(readonly detail: string, options?: { cause?: unknown }) {
    super(`the chart.js package (a dependency of @sparc-vqa/runner) is needed to draw the report: ${detail}; reinstall the runner's dependencies`, options);
  }
}

/** Makes script text safe inside an inline `<script>` element (no `</script`, no `<!--`, no source map link). */
export function inlineScriptText(source: string): string {
  return source
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '')
    .replace(/<\/(script)/gi, '<\\/$1')
    .replace(/<!--/g, '<\\!--');
}

/** Reads chart.js's UMD bundle (it defines `window.Chart`). */
export function readChartJsBundle(): ChartJsBundle {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve('chart.js');
  } catch (error) {
    throw new ChartJsMissingError('it is not installed', { cause: error });
  }
  const file = path.join(path.dirname(entry), 'chart.umd.min.js');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ChartJsMissingError(`${file} cannot be read`, { cause: error });
  }
  const version = /Chart\.js v(\d+\.\d+\.\d+)/.exec(text.slice(0, 400))?.[1] ?? 'unknown';
  return { source: inlineScriptText(text), version, file };
}
