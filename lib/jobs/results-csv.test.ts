import { describe, expect, it } from "vitest";
import { describeChanges, resultsCsvHeader, resultsCsvRows } from "./results-csv";
import type { JobItemView } from "./api-types";

const item = (over: Partial<JobItemView> = {}): JobItemView => ({
  seq: 1,
  personId: "P1",
  email: "ada@acme.example",
  displayName: "Ada",
  state: "done",
  attempts: 1,
  changes: [{ field: "licenses", before: ["L1"], after: ["L1", "L2"] }],
  message: null,
  status: null,
  trackingId: null,
  row: null,
  outcome: null,
  ...over,
});

describe("job results CSV", () => {
  it("starts with a BOM and the header", () => {
    expect(resultsCsvHeader().startsWith("\uFEFFName,Email,Person ID,Outcome")).toBe(true);
  });

  it("names licenses where known and shows the outcome", () => {
    const names = new Map([["L2", "Messaging"]]);
    expect(describeChanges(item(), names)).toBe("Licenses: + Messaging");
    expect(resultsCsvRows([item()], names)).toBe("Ada,ada@acme.example,P1,Done,Licenses: + Messaging,,,,1\r\n");
    expect(describeChanges(item({ changes: [{ field: "loginEnabled", before: true, after: false }] }), names)).toBe("Sign-in: Enabled → Disabled");
  });

  it("keeps formula-looking names as text", () => {
    const row = resultsCsvRows([item({ displayName: "=HYPERLINK(\"x\")", state: "failed", message: "Webex said no", status: 400, trackingId: "T1" })], new Map());
    expect(row.startsWith(`"'=HYPERLINK(""x"")"`)).toBe(true);
    expect(row).toContain(",Failed,");
    expect(row).toContain(",Webex said no,400,T1,1");
  });
});
