import { describe, expect, it } from "vitest";
import { RECLAIM_CSV_HEADER, reclaimCsv, reclaimCsvRows, type ReclaimCsvContext } from "./reclaim-csv";
import type { ReclaimRow } from "./reclaim";

const names: Record<string, string> = { L1: "Webex Meetings", L2: "Webex Calling - Professional" };
const ctx: ReclaimCsvContext = {
  criteria: { inviteDays: 45, inactiveDays: 120 },
  filters: {},
  scanFinishedAt: Date.UTC(2026, 10, 26, 9, 30),
  licenseName: (id) => names[id] ?? "Unknown license",
};

const row = (over: Partial<ReclaimRow>): ReclaimRow => ({
  id: "P1",
  displayName: "Ada Lovelace",
  email: "ada@acme.example",
  status: "inactive",
  loginEnabled: true,
  invitePending: false,
  created: "2025-01-02T03:04:05.000Z",
  lastActivity: "2026-05-06T07:08:09.123Z",
  licenses: ["L1", "L2"],
  reasons: ["inactive"],
  ...over,
});

describe("the reclaim candidate CSV", () => {
  it("one row per candidate: person, email, license names, last activity and creation in ISO 8601 UTC, why, criteria, scan time", () => {
    expect(reclaimCsvRows([row({})], ctx)).toEqual([
      [
        "Ada Lovelace",
        "ada@acme.example",
        "Webex Meetings; Webex Calling - Professional",
        "2026-05-06T07:08:09.123Z",
        "2025-01-02T03:04:05.000Z",
        "No activity for more than 120 days",
        "Deactivated, or invite pending for more than 45 days, or no activity for more than 120 days",
        "2026-11-26T09:30:00.000Z",
      ],
    ]);
  });

  it("timestamps Webex gives with an offset are written in UTC; missing ones stay empty", () => {
    const [r] = reclaimCsvRows([row({ lastActivity: "2026-05-06T09:08:09+02:00", created: null })], ctx);
    expect(r![3]).toBe("2026-05-06T07:08:09.000Z");
    expect(r![4]).toBe("");
  });

  it("names every reason, and the page's Reason and Holding filters go into the criteria", () => {
    const [r] = reclaimCsvRows([row({ loginEnabled: false, invitePending: true, reasons: ["deactivated", "invite-pending"] })], {
      ...ctx,
      filters: { reason: "invite-pending", licenseId: "L2" },
    });
    expect(r![5]).toBe("Deactivated; Invite pending for more than 45 days");
    expect(r![6]).toBe(
      "Deactivated, or invite pending for more than 45 days, or no activity for more than 120 days; reason: Invite pending; holding: Webex Calling - Professional",
    );
  });

  it("starts with the BOM and the header, uses the shared writer's quoting and neutralises formulas in names", () => {
    const csv = reclaimCsv([row({ displayName: '=HYPERLINK("http://x")', email: "a,b@acme.example" })], ctx);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(RECLAIM_CSV_HEADER.join(","));
    expect(lines[1]!.startsWith(`"'=HYPERLINK(""http://x"")","a,b@acme.example",`)).toBe(true);
    expect(lines).toHaveLength(3); // header, one row, the final CRLF
  });
});
