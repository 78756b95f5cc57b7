/**
 * CSV cells (RFC 4180) that spreadsheets open as text (OWASP "CSV Injection"):
 * - a cell whose first visible character starts a formula ("=", "+", "-", "@", or their
 *   full-width forms), after any leading white space (spaces, tabs, CR/LF, no-break spaces) or
 *   separators (",", ";", "|"), which spreadsheets skip or split on, gets a leading "'"; so does
 *   any cell that starts with a tab or line break;
 * - a cell that holds a separator of any locale (",", ";", tab, "|"), a quote or a line break is
 *   quoted, quotes doubled, so no spreadsheet splits it into cells that begin a formula.
 */
const FORMULA_START = /^(?:[\s,;|]*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n])/u;
const NEEDS_QUOTES = /[",;|\t\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
