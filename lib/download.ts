import { CSV_BOM } from "@/lib/csv";

// Saving a file the browser already holds (a CSV built or fetched by the page) under a given name.

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Text as a file; a byte-order mark first (once) so spreadsheet apps read UTF-8 names correctly. */
export function downloadText(fileName: string, text: string, type = "text/csv;charset=utf-8"): void {
  downloadBlob(fileName, new Blob([text.startsWith(CSV_BOM) ? text : CSV_BOM + text], { type }));
}

/** The file name a response suggests (Content-Disposition), or `fallback`. */
export function suggestedName(res: Response, fallback: string): string {
  return /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? fallback;
}
