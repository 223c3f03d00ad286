import Papa from "papaparse";
import { readCsvCell } from "@/lib/csv";

// Reading an uploaded CSV: bytes → text (UTF-8, with or without BOM) → header + rows, with the limits of Control
// Hub's own import. Every refusal names what is wrong and what to do; nothing is half-read.

export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportFileError";
  }
}

const SAVE_AS = 'Save it from your spreadsheet as "CSV UTF-8 (comma delimited)" and try again.';

/** The file's text, or a clear refusal: empty, too large, UTF-16, binary, not UTF-8. */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) throw new ImportFileError("The file is empty.");
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new ImportFileError(`The file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB (and ${MAX_IMPORT_ROWS.toLocaleString("en-US")} rows). Split it into smaller files.`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ImportFileError(`The file is in UTF-16 ("Unicode text"), which Roster does not read. ${SAVE_AS}`);
  }
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) throw new ImportFileError(`This is not a CSV file (it holds binary data, like a spreadsheet or an image). ${SAVE_AS}`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(`The file is not UTF-8 text. ${SAVE_AS}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new ImportFileError("The file is empty.");
  return text;
}

export interface CsvRow {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  cells: string[];
}

export interface ParsedCsv {
  header: string[];
  rows: CsvRow[];
  delimiter: string;
}

/** A cell as the admin meant it: trimmed, and without the apostrophe Roster's exports put before =, +, -, @. */
export function cleanCell(cell: string): string {
  return readCsvCell(cell.trim());
}

/** The separator of the header line (outside quotes): semicolon files come from spreadsheets in many locales. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch in counts) counts[ch]! += 1;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ",";
}

/** Header and non-blank rows (row numbers kept as in the file), comma or semicolon separated, quoted newlines allowed. */
export function parseCsv(text: string): ParsedCsv {
  let header: string[] | null = null;
  const rows: CsvRow[] = [];
  let record = 0;
  let tooMany = false;
  let problem: string | null = null;
  const delimiter = detectDelimiter(text);
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (step, parser) => {
      record += 1;
      const cells = step.data;
      for (const e of step.errors) {
        if (e.code === "MissingQuotes" || e.code === "InvalidQuotes") {
          problem = `Row ${record}: a quoted cell is not closed (a " is missing). Check that row in your spreadsheet.`;
          parser.abort();
          return;
        }
      }
      if (!header) {
        header = cells;
        return;
      }
      if (cells.every((c) => c.trim() === "")) return; // blank lines (trailing ones, mostly)
      if (rows.length >= MAX_IMPORT_ROWS) {
        tooMany = true;
        parser.abort();
        return;
      }
      rows.push({ row: record, cells: cells.map(cleanCell) });
    },
  });
  if (problem) throw new ImportFileError(problem);
  if (tooMany) {
    throw new ImportFileError(`The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} people (Webex's limit for one import). Split it into smaller files.`);
  }
  const h: string[] | null = header;
  if (!h || (h as string[]).every((c) => c.trim() === "")) throw new ImportFileError("The file has no header row: the first row must name the columns (download the template).");
  if (!rows.length) throw new ImportFileError("The file has a header but no people: add one row per person below it.");
  return { header: h, rows, delimiter };
}
