import { describe, expect, it } from 'vitest';
import { markdownTableCells, markdownTablesToHtml } from './markdown-tables-html.js';

describe('markdownTablesToHtml', () => {
  it('headings, a table with alignment (---: is class num), paragraphs; text escaped', () => {
    const html = markdownTablesToHtml([
      '### HGA: accuracy <%>',
      '',
      '| row | seeds | C |',
      '| --- | ---: | :---: |',
      '| a<b & "c" | 2 | 32.0 ± 2.8 |',
      '| T+S | 1 | - |',
      '',
      'note: x > y',
    ]);
    expect(html.split('\n')).toEqual([
      '<h3>HGA: accuracy &lt;%&gt;</h3>',
      '<table><thead><tr><th>row</th><th class="num">seeds</th><th style="text-align:center">C</th></tr></thead><tbody>' +
        '<tr><td>a&lt;b &amp; &quot;c&quot;</td><td class="num">2</td><td style="text-align:center">32.0 ± 2.8</td></tr>' +
        '<tr><td>T+S</td><td class="num">1</td><td style="text-align:center">-</td></tr></tbody></table>',
      '<p>note: x &gt; y</p>',
    ]);
  });

  it('two tables separated by a heading stay two tables; a table without an alignment row has a header only', () => {
    const html = markdownTablesToHtml(['| a |', '| --- |', '| 1 |', '## next', '| b | c |', '| 2 | 3 |']);
    expect(html.match(/<table>/g)).toHaveLength(2);
    expect(html).toContain('<h2>next</h2>');
    expect(html).toContain('<table><thead><tr><th>b</th><th>c</th></tr></thead><tbody><tr><td>2</td><td>3</td></tr></tbody></table>');
  });

  it('cells: outer pipes optional, \\| is a literal pipe', () => {
    expect(markdownTableCells('| a | b \\| c |  ')).toEqual(['a', 'b | c']);
    expect(markdownTableCells('x|y')).toEqual(['x', 'y']);
  });
});
