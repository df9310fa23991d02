/**
 * CSV that opens safely in Excel: UTF-8 with a byte-order mark (so accents and "–" survive), CRLF
 * line ends and quoting as RFC 4180, dates as ISO 8601, and any cell that a spreadsheet would run as
 * a formula (starting with = + - @, or a tab or carriage return) prefixed with an apostrophe, as
 * OWASP advises against CSV injection. Numbers are written as numbers, so a negative number is kept.
 * Pure.
 */
export type CsvCell = string | number | boolean | Date | null | undefined;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return BOM + [header, ...rows].map((row) => row.map(formatCell).join(',')).join('\r\n') + '\r\n';
}

/** Text a spreadsheet would run as a formula, made inert with a leading apostrophe (CSV and the workbook alike). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function formatCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  const text = cell instanceof Date ? cell.toISOString() : neutraliseFormula(cell);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}
