// RFC 4180 CSV writing: a field is quoted when it holds a comma, a quote or a line break.

/** Quotes one field when needed (doubling inner quotes). */
export function formatCsvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Formats a header and rows as CSV text with LF line ends and a final line end. */
export function formatCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const lines = [header, ...rows].map((fields) => fields.map(formatCsvField).join(','));
  return `${lines.join('\n')}\n`;
}
