import { describe, expect, it } from "vitest";
import { csvCell, csvFileName, peopleToCsv } from "./people-csv";

const lookups = {
  licenses: new Map([["L1", "Meetings"], ["L2", "Calling"]]),
  roles: new Map([["R1", "Full Administrator"]]),
  locations: new Map([["LOC", "London"]]),
};

describe("peopleToCsv", () => {
  it("writes a header and one row per person with names resolved", () => {
    const csv = peopleToCsv(
      [{ id: "P1", displayName: "Ada, Lovelace", emails: ["ada@acme.example"], status: "OutOfOffice", licenses: ["L1", "L2"], roles: ["R1"], locationId: "LOC", invitePending: false, loginEnabled: true }],
      lookups,
    );
    const [header, row, end] = csv.split("\r\n");
    expect(header).toBe("ID,Display name,Email,Status,Licenses,Admin roles,Department,Title,Location,Invite pending,Sign-in enabled,Last activity,Created");
    expect(row).toBe('P1,"Ada, Lovelace",ada@acme.example,Out of office,Meetings; Calling,Full Administrator,,,London,No,Yes,,');
    expect(end).toBe("");
  });

  it("quotes and neutralises spreadsheet formulas", () => {
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("=HYPERLINK(1)")).toBe(`"'=HYPERLINK(1)"`);
    expect(csvCell("@cmd")).toBe(`"'@cmd"`);
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("plain")).toBe("plain");
  });

  it("names the file by date", () => {
    expect(csvFileName(new Date("2026-03-04T10:00:00Z"))).toBe("people-2026-03-04.csv");
  });
});
