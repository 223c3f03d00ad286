/** Saves text as a file from the browser (CSV exports). */
export function downloadText(fileName: string, text: string, type = "text/csv;charset=utf-8"): void {
  // A BOM so spreadsheet apps read UTF-8 names correctly.
  const blob = new Blob(["\ufeff", text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
