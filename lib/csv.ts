// The CSV writer for Roster's exports. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a
// leading apostrophe (OWASP "CSV injection"); every cell is quoted when it needs to be.

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "number" ? String(value) : String(value);
  if (typeof value !== "number" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** Byte-order mark: Excel reads a CSV as UTF-8 only when the file starts with it. */
export const CSV_BOM = "\uFEFF";

/** "licenses-2026-11-26.csv" */
export function csvFileName(stem: string, now = new Date()): string {
  const safe = stem.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "export";
  return `${safe}-${now.toISOString().slice(0, 10)}.csv`;
}
