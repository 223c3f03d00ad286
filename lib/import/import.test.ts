import { describe, expect, it } from "vitest";
import { templateCsvLines, type ExportContext } from "./export-rows";
import { decodeCsv, ImportFileError, MAX_IMPORT_ROWS, parseCsv } from "./parse";
import { planImport, type OrgPerson } from "./plan";
import { bindHeader, columnLetter, templateHeader } from "./template";

const enc = (s: string) => new TextEncoder().encode(s);
const MEET = { id: "LIC_MEETINGS_0001", name: "Meeting - Webex Meetings", totalUnits: 100, consumedUnits: 10 };
const MSG = { id: "LIC_MESSAGING_0001", name: "Messaging", totalUnits: 100, consumedUnits: 99 };
const CALL = { id: "LIC_CALLING_00001", name: "Webex Calling - Professional", totalUnits: 50, consumedUnits: 1 };
const LICENSES = [MEET, MSG, CALL];
const ROLES = [{ id: "ROLE_FULL_ADMIN1", name: "Full Administrator" }, { id: "ROLE_READONLY_01", name: "Read-only Administrator" }];
const LOCATIONS = [{ id: "LOC_SANJOSE_0001", name: "San Jose HQ" }, { id: "LOC_LONDON_00001", name: "London" }];
const ME = "PERSON_ME_000001";

const people: OrgPerson[] = [
  { id: ME, emails: ["me@acme.test"], displayName: "Me Admin", firstName: "Me", lastName: "Admin", roles: ["ROLE_FULL_ADMIN1"], licenses: [MEET.id], type: "person" },
  {
    id: "PERSON_ADA_00001",
    emails: ["Ada@acme.test"],
    displayName: "Ada Lovelace",
    firstName: "Ada",
    lastName: "Lovelace",
    department: "Engineering",
    title: "Engineer",
    managerId: ME,
    phoneNumbers: [{ type: "work", value: "+1 408 555 0101" }],
    licenses: [MEET.id, CALL.id],
    locationId: "LOC_SANJOSE_0001",
    extension: "2001",
    roles: [],
    type: "person",
  },
  { id: "PERSON_BOB_00001", emails: ["bob@acme.test"], displayName: "Bob Ross", department: "=SUM(A1)", licenses: [], roles: [], type: "person" },
];

function plan(csv: string, org: OrgPerson[] = people) {
  const parsed = parseCsv(decodeCsv(enc(csv)));
  const bound = bindHeader(parsed.header, LICENSES, ROLES);
  expect(bound.errors).toEqual([]);
  return planImport({ columns: bound.columns, rows: parsed.rows, people: org, licenses: LICENSES, roles: ROLES, locations: LOCATIONS, actorId: ME });
}

describe("reading the file", () => {
  it("reads UTF-8 with a BOM, semicolons, quoted newlines and trailing blank lines, keeping spreadsheet row numbers", () => {
    const text = decodeCsv(enc('\uFEFFEmail;Display name;Title\r\na@x.test;"Ann; the ""first""";"Line 1\nLine 2"\r\n\r\nb@x.test;Bo;\r\n\r\n\r\n'));
    const parsed = parseCsv(text);
    expect(parsed.delimiter).toBe(";");
    expect(parsed.header).toEqual(["Email", "Display name", "Title"]);
    expect(parsed.rows).toEqual([
      { row: 2, cells: ["a@x.test", 'Ann; the "first"', "Line 1\nLine 2"] },
      { row: 4, cells: ["b@x.test", "Bo", ""] },
    ]);
  });

  it("takes back the apostrophe Roster's export puts before formulas and + signs", () => {
    expect(parseCsv("Email,Phone,Department\na@x.test,'+1 408 555 0101,'=SUM(A1)\n").rows[0]!.cells).toEqual(["a@x.test", "+1 408 555 0101", "=SUM(A1)"]);
  });

  it.each([
    ["an empty file", enc(""), "The file is empty."],
    ["only blank lines", enc("\r\n\r\n"), "The file is empty."],
    ["UTF-16", new Uint8Array([0xff, 0xfe, 0x45, 0x00, 0x6d, 0x00]), "UTF-16"],
    ["binary data", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]), "not a CSV file"],
    ["Latin-1 text", new Uint8Array([0x45, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xe9, 0x40, 0x78]), "not UTF-8"],
    ["15 MB", new Uint8Array(15 * 1024 * 1024).fill(0x61), "15.0 MB; the limit is 10 MB"],
  ])("refuses %s with a message that says what to do", (_what, bytes, message) => {
    expect(() => decodeCsv(bytes)).toThrow(ImportFileError);
    expect(() => decodeCsv(bytes)).toThrow(message);
  });

  it("refuses a header without rows, and more than 20,000 rows", () => {
    expect(() => parseCsv("Email,Display name\r\n\r\n")).toThrow("has a header but no people");
    const big = "Email\n" + Array.from({ length: 25_000 }, (_, i) => `p${i}@x.test`).join("\n");
    expect(() => parseCsv(big)).toThrow(`more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} people`);
    const max = "Email\n" + Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `p${i}@x.test`).join("\n");
    expect(parseCsv(max).rows).toHaveLength(MAX_IMPORT_ROWS);
  });

  it("refuses an unclosed quote, naming the row", () => {
    expect(() => parseCsv('Email,Title\na@x.test,"open\n')).toThrow(/Row 2: a quoted cell is not closed/);
  });
});

describe("the header", () => {
  it("accepts Control Hub's export headers and ignores its read-only columns", () => {
    const r = bindHeader(["User ID/Email (Required)", "First Name", "Last Name", "Display Name", "User Status", "Meeting - Webex Meetings", "Days Since Last Activity"], LICENSES, ROLES);
    expect(r.errors).toEqual([]);
    expect(r.columns.map((c) => (c.kind === "field" ? c.key : c.id))).toEqual(["email", "firstName", "lastName", "displayName", MEET.id]);
    expect(r.ignored).toEqual(["User Status", "Days Since Last Activity"]);
  });

  it("names unknown and repeated columns, and a missing Email column", () => {
    const r = bindHeader(["Display name", "Shoe size", "display  NAME", "Admin role: Full Administrator", "Full Administrator"], LICENSES, ROLES);
    expect(r.errors).toEqual([
      'The file has no "Email" column: it is what tells people apart.',
      'Unknown column "Shoe size" (column B): not a field of the template, nor a license or admin role of this organization.',
      '"display  NAME" (column C) repeats column A ("Display name"): keep one of them.',
      '"Full Administrator" (column E) repeats column D ("Admin role: Full Administrator"): keep one of them.',
    ]);
    expect(columnLetter(27)).toBe("AB");
  });

  it("the template lists the fields, every license and every role", () => {
    expect(templateHeader(LICENSES, ROLES)).toEqual([
      "Email", "First name", "Last name", "Display name", "Department", "Title", "Manager email", "Location", "Phone", "Extension",
      "Meeting - Webex Meetings", "Messaging", "Webex Calling - Professional", "Admin role: Full Administrator", "Admin role: Read-only Administrator",
    ]);
  });
});

describe("the plan", () => {
  const ctx: ExportContext = { licenses: LICENSES, roles: ROLES, locations: LOCATIONS, emailOf: (id) => people.find((p) => p.id === id)?.emails?.[0] };

  it("an exported org imported back changes nothing; edited cells become exactly those updates", () => {
    const csv = templateCsvLines(people, ctx, { header: true });
    expect(csv).toContain("'=SUM(A1)"); // the export's formula guard
    const same = plan(csv);
    expect(same.counts).toEqual({ create: 0, update: 0, unchanged: 3, error: 0 });

    const edited = csv.replace("Engineer,", "Principal Engineer,").replace("bob@acme.test,,,Bob Ross", "bob@acme.test,Bob,,Bob Ross");
    const p = plan(edited);
    expect(p.counts).toEqual({ create: 0, update: 2, unchanged: 1, error: 0 });
    expect(p.rows[1]!.update).toEqual({ edits: [{ field: "title", before: "Engineer", after: "Principal Engineer" }], licenseOps: [] });
    expect(p.rows[2]!.update!.edits).toEqual([{ field: "firstName", before: null, after: "Bob" }]);
  });

  it("plans creates with licenses, roles and manager, and refuses what Webex would refuse, field by field", () => {
    const p = plan(
      [
        "Email,Display name,Manager email,Location,Extension,Meeting - Webex Meetings,Webex Calling - Professional,Admin role: Read-only Administrator",
        "new1@acme.test,New One,ada@acme.test,,,TRUE,,TRUE",
        "new2@acme.test,New Two,,London,3001,,TRUE,",
        "NEW1@acme.test,Dup,,,,,,",
        "bad-email,Bad,,,,,,",
        "new3@acme.test,Maybe,,,,maybe,,",
        "new4@acme.test,Calling,,,,,TRUE,",
        "new5@acme.test,Ext,,,2002,,,",
        "new6@acme.test,Boss,nobody@acme.test,,,,,",
        "new7@acme.test,Where,,Atlantis,,,,",
        ",No email,,,,,,",
      ].join("\n"),
    );
    const by = (row: number) => p.rows.find((r) => r.row === row)!;
    expect(by(2).outcome).toBe("error"); // duplicate with row 4
    expect(by(2).errors[0]!.message).toBe("The same email is on rows 2, 4: keep one row per person.");
    expect(by(3).outcome).toBe("create");
    expect(by(3).create).toEqual({ emails: ["new2@acme.test"], displayName: "New Two", locationId: "LOC_LONDON_00001", extension: "3001", licenses: [CALL.id] });
    expect(by(5).errors).toEqual([{ column: "Email", message: '"bad-email" is not a valid email address.' }]);
    expect(by(6).errors).toEqual([{ column: "Meeting - Webex Meetings", message: '"maybe" is not TRUE, FALSE or blank.' }]);
    expect(by(7).errors[0]!.message).toMatch(/needs a Location and an Extension/);
    expect(by(8).errors[0]!.message).toMatch(/An extension can only be set with a Webex Calling license/);
    expect(by(9).errors[0]!.message).toMatch(/No one in your organization has the email nobody@acme.test/);
    expect(by(10).errors[0]!.message).toMatch(/Unknown location "Atlantis"/);
    expect(by(11).errors).toEqual([{ column: "Email", message: "An email is required." }]);
    expect(p.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 9 });
  });

  it("licenses: adds and removes through operations, Calling with its location, pools checked in file order", () => {
    const p = plan(
      [
        "Email,Meeting - Webex Meetings,Messaging,Webex Calling - Professional,Location,Extension",
        "ada@acme.test,FALSE,TRUE,,,",
        "bob@acme.test,,TRUE,TRUE,London,3002",
        "me@acme.test,,,,,",
      ].join("\n"),
    );
    expect(p.rows[0]!.update!.licenseOps).toEqual([{ id: MSG.id, operation: "add" }, { id: MEET.id, operation: "remove" }]);
    // One Messaging unit is left: Ada's row takes it, Bob's row finds none and is refused as a whole.
    expect(p.rows[1]!.outcome).toBe("error");
    expect(p.rows[1]!.errors[0]!.message).toMatch(/No unit of Messaging would be left for this row \(1 free\)/);
    expect(p.licenses.find((l) => l.licenseId === MSG.id)).toMatchObject({ needed: 1, remaining: 1, short: 1 });
    expect(p.rows[2]!.outcome).toBe("unchanged");

    const calling = plan(["Email,Webex Calling - Professional,Location,Extension", "bob@acme.test,TRUE,London,3002"].join("\n"));
    expect(calling.rows[0]!.update!.licenseOps).toEqual([{ id: CALL.id, operation: "add", properties: { locationId: "LOC_LONDON_00001", extension: "3002" } }]);
  });

  it("never removes the importing admin's own roles, and an existing Calling user's location cannot move", () => {
    const p = plan(["Email,Admin role: Full Administrator,Location", "me@acme.test,FALSE,", "ada@acme.test,,London"].join("\n"));
    expect(p.rows[0]!.errors).toEqual([{ column: "Admin roles", message: "A file cannot remove your own admin roles." }]);
    expect(p.rows[1]!.errors[0]!.message).toMatch(/cannot move a Calling user/);
  });

  it("refuses control characters and over-long values", () => {
    const p = plan(`Email,Display name,Department\nbob@acme.test,Bob\u0001Ross,${"x".repeat(300)}\n`);
    expect(p.rows[0]!.errors.map((e) => e.column)).toEqual(["Display name", "Department"]);
  });
});
