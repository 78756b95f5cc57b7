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

/** A phone number exactly as stored: "+", a country code and up to 15 digits in all (E.164). */
const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * A phone number cell. To a spreadsheet "+15551230000" is not text but the number 15551230000
 * (a unary plus), shown as 1.55512E+10 and stripped of its "+"; the apostrophe csvCell would add
 * shows up in the cell, as CSV has no way to say "text". Nothing in "+" and digits can run, so an
 * E.164 number is written as the formula `="+15551230000"`, a constant string: Excel, Google
 * Sheets, Numbers and LibreOffice show exactly +15551230000. Anything else (an unusual
 * provider value) goes through csvCell and its formula escaping.
 */
export function csvPhoneCell(value: string | null | undefined): string {
  if (value && E164.test(value)) return `"=""${value}"""`;
  return csvCell(value);
}
