/**
 * CSV cells (RFC 4180) that spreadsheets open as text: a cell that begins with "=", "+", "-",
 * "@" (or a tab or carriage return, which some programs skip before one) gets a leading "'",
 * so Excel, LibreOffice and Sheets show it instead of running it as a formula (OWASP "CSV
 * Injection"). Cells with a comma, quote or line break are quoted, quotes doubled.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
