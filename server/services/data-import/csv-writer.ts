/**
 * Writing CSV for people to open in spreadsheets: RFC 4180 quoting (a cell with a comma, quote,
 * CR or LF is quoted, quotes doubled; lines end in CRLF), and cells that a spreadsheet would run
 * as a formula (starting with =, +, -, @, or a tab / CR that hides one) prefixed with `'`
 * (OWASP "CSV injection"). Pure, so it is unit-tested on its own.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with its CRLF. */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
