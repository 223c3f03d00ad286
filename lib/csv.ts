// The CSV writer for every Roster export (people, activity, job results, the import template, the license tables):
// - a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe (OWASP "CSV
//   injection"), which lib/import/parse.ts takes back when the file is imported again (`readCsvCell`);
// - every cell is quoted when it needs to be; rows end with CRLF;
// - a file starts with the byte-order mark (`csvHeader` on the server, `downloadText` in the browser), without which
//   Excel reads UTF-8 names as Latin-1.

/** Byte-order mark: Excel reads a CSV as UTF-8 only when the file starts with it. */
export const CSV_BOM = "\uFEFF";

/**
 * Text a spreadsheet would run as a formula, after any apostrophes: a text that already starts with an apostrophe
 * before one of these gets one more, so importing the file gives back exactly what was exported.
 */
const NEEDS_GUARD = /^'*[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value !== "number" && NEEDS_GUARD.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row, CRLF-terminated. */
export function csvRow(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

/** The start of a CSV file: the byte-order mark, then the header row. */
export function csvHeader(header: readonly string[]): string {
  return CSV_BOM + csvRow(header);
}

/** A header and rows (no byte-order mark: `downloadText` adds it when the browser saves the file). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map(csvRow).join("");
}

/** A cell read back from a file: without the apostrophe `csvCell` put before a formula (one, never more). */
export function readCsvCell(cell: string): string {
  return cell.startsWith("'") && NEEDS_GUARD.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** "licenses-2026-11-26.csv" */
export function csvFileName(stem: string, now = new Date()): string {
  const safe = stem.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "export";
  return `${safe}-${now.toISOString().slice(0, 10)}.csv`;
}
