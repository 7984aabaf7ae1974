// The markdown that `sparc study` prints (formatStudyTables: `###` headings, pipe tables, text lines) as
// HTML for the report page. Only that subset: headings, tables with alignment rows, paragraphs; all text escaped.
import { escapeHtml } from './escape-html.js';

/** The cells of one `| a | b |` line (outer pipes optional; `\|` is a literal pipe). */
export function markdownTableCells(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

const SEPARATOR_CELL = /^:?-{3,}:?$/;

type Align = 'left' | 'right' | 'center';

function alignOf(cell: string): Align {
  const right = cell.endsWith(':');
  return right && cell.startsWith(':') ? 'center' : right ? 'right' : 'left';
}

function cellHtml(tag: 'th' | 'td', text: string, align: Align | undefined): string {
  const attr = align === 'right' ? ' class="num"' : align === 'center' ? ' style="text-align:center"' : '';
  return `<${tag}${attr}>${escapeHtml(text)}</${tag}>`;
}

function tableHtml(lines: readonly string[]): string {
  const rows = lines.map(markdownTableCells);
  const hasSeparator = rows.length > 1 && rows[1]!.every((c) => SEPARATOR_CELL.test(c));
  const aligns: Align[] = hasSeparator ? rows[1]!.map(alignOf) : [];
  const head = `<thead><tr>${rows[0]!.map((c, i) => cellHtml('th', c, aligns[i])).join('')}</tr></thead>`;
  const body = rows.slice(hasSeparator ? 2 : 1).map((r) => `<tr>${r.map((c, i) => cellHtml('td', c, aligns[i])).join('')}</tr>`);
  return `<table>${head}<tbody>${body.join('')}</tbody></table>`;
}

/** Markdown lines to HTML: `#`-headings, pipe tables (a `---:` column is right-aligned, class `num`), other lines as paragraphs. */
export function markdownTablesToHtml(lines: readonly string[]): string {
  const out: string[] = [];
  let table: string[] = [];
  const flush = () => {
    if (table.length > 0) out.push(tableHtml(table));
    table = [];
  };
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('|')) {
      table.push(trimmed);
      continue;
    }
    flush();
    if (trimmed === '') continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(trimmed);
    if (heading) out.push(`<h${heading[1]!.length}>${escapeHtml(heading[2]!)}</h${heading[1]!.length}>`);
    else out.push(`<p>${escapeHtml(trimmed)}</p>`);
  }
  flush();
  return out.join('\n');
}
