import { describe, expect, it } from "vitest";
import { csvCell, csvFileName, toCsv } from "./csv";

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
  });

  it("writes CRLF rows under a header", () => {
    expect(toCsv(["A", "B"], [["1", "x,y"]])).toBe('A,B\r\n1,"x,y"\r\n');
  });

  it("names files by stem and date", () => {
    expect(csvFileName("Holders of Webex Calling", new Date("2026-03-04T10:00:00Z"))).toBe("holders-of-webex-calling-2026-03-04.csv");
  });
});
