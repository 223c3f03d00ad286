import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CSV_BOM, csvCell, csvFileName, csvHeader, csvRow, readCsvCell, toCsv } from "./csv";
import { downloadText } from "./download";
import { templateCsvLines } from "./import/export-rows";
import { parseCsv } from "./import/parse";
import { resultsCsvHeader, resultsCsvRows } from "./jobs/results-csv";
import type { JobItemView } from "./jobs/api-types";
import { auditCsvHeader, auditCsvRow } from "./people/audit-csv";
import type { AuditEvent } from "./people/audit-types";

describe("the CSV writer", () => {
  it("quotes what needs quoting and neutralises spreadsheet formulas", () => {
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("Ada, Lovelace")).toBe('"Ada, Lovelace"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("+1 408 555 0101")).toBe("'+1 408 555 0101");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell(-2)).toBe("-2"); // numbers are numbers
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvCell(null)).toBe("");
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("'quoted")).toBe("'quoted");
  });

  it("writes CRLF rows under a header; a file's header starts with the byte-order mark", () => {
    expect(toCsv(["A", "B"], [["1", "x,y"]])).toBe('A,B\r\n1,"x,y"\r\n');
    expect(csvRow(["=1", 2])).toBe("'=1,2\r\n");
    expect(csvHeader(["A", "B"])).toBe("\uFEFFA,B\r\n");
  });

  it("names files by stem and date", () => {
    expect(csvFileName("Holders of Webex Calling", new Date("2026-03-04T10:00:00Z"))).toBe("holders-of-webex-calling-2026-03-04.csv");
  });
});

describe("an exported cell imported again", () => {
  /** What the import reads from a file holding `value` in the second column. */
  const roundTrip = (value: string) => parseCsv(toCsv(["Email", "Title"], [["a@x.test", value]])).rows[0]!.cells[1];

  it("is exactly what was exported, apostrophes before a formula included", () => {
    expect(roundTrip("=SUM(A1)")).toBe("=SUM(A1)");
    expect(roundTrip("+1 408 555 0101")).toBe("+1 408 555 0101");
    // An apostrophe the admin typed before "=" is theirs: the export guards it with one more, the import removes one.
    expect(csvCell("'=not a formula")).toBe("''=not a formula");
    expect(roundTrip("'=not a formula")).toBe("'=not a formula");
    expect(roundTrip("''-x")).toBe("''-x");
    expect(roundTrip("'plain")).toBe("'plain");
    expect(readCsvCell("'=x")).toBe("=x");
  });

  it("is what was exported, for any text without surrounding whitespace", () => {
    const char = fc.constantFrom("=", "+", "-", "@", "'", "\t", "\r", "\n", '"', ",", ";", " ", "a", "1", "é");
    const text = fc.array(char, { minLength: 1, maxLength: 8 }).map((cs) => cs.join("")).filter((s) => s === s.trim() && s !== "");
    fc.assert(fc.property(text, (s) => roundTrip(s) === s), { numRuns: 2000 });
  });
});

describe("every CSV export", () => {
  const event: AuditEvent = {
    id: "1", source: "roster", at: "2026-03-04T10:00:00.000Z", actorId: "P1", actorEmail: "=cmd@acme.test", action: "person.update",
    targetId: "P2", targetEmail: "bo@acme.test", changes: [], unappliedLicenses: [], note: null, outcome: "ok", status: 200,
    message: null, trackingId: "T1", jobId: null, actorName: null, targetName: null, summary: null,
  };
  const item: JobItemView = {
    seq: 1, personId: "P1", email: "ada@acme.example", displayName: "@Ada", state: "done", attempts: 1, changes: [],
    message: null, status: null, trackingId: null, row: null, outcome: null,
  };
  const ctx = { licenses: [{ id: "L1", name: "Messaging" }], roles: [], locations: [], emailOf: () => undefined };
  const person = { id: "P1", emails: ["ada@acme.test"], displayName: "-Ada", type: "person" as const };

  it.each([
    ["the activity export", auditCsvHeader() + auditCsvRow(event), "'=cmd@acme.test"],
    ["a job's results", resultsCsvHeader("license-add") + resultsCsvRows([item], new Map()), "'@Ada"],
    ["the people export and the import template", templateCsvLines([person], ctx, { header: true }), "'-Ada"],
  ])("%s: one byte-order mark, CRLF rows, formulas as text", (_what, csv, guarded) => {
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.lastIndexOf(CSV_BOM)).toBe(0);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(3); // header, one row, the empty rest after the last CRLF
    expect(csv).toContain(guarded);
  });

  describe("saved by the browser (the license tables)", () => {
    afterEach(() => vi.restoreAllMocks());

    async function saved(text: string): Promise<string> {
      let blob: Blob | undefined;
      URL.createObjectURL = (b: Blob) => ((blob = b), "blob:roster-test");
      URL.revokeObjectURL = () => {};
      vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
      downloadText("licenses.csv", text);
      // jsdom's Blob has no arrayBuffer(); its FileReader reads the bytes (readAsText would drop the mark).
      const bytes = await new Promise<ArrayBuffer>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.onerror = () => reject(reader.error);
        reader.readAsArrayBuffer(blob!);
      });
      return new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array(bytes));
    }

    it("starts with one byte-order mark, whether the text had one or not", async () => {
      expect(await saved(toCsv(["A"], [["=1"]]))).toBe("\uFEFFA\r\n'=1\r\n");
      expect(await saved(csvHeader(["A"]))).toBe("\uFEFFA\r\n");
    });
  });
});
