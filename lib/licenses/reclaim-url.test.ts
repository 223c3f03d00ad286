import { describe, expect, it } from "vitest";
import { DEFAULT_RECLAIM_VIEW, parseReclaimView, reclaimApiQuery, serializeReclaimView } from "./reclaim-url";

const LICENSE = "Y2lzY29zcGFyazovL3VzL0xJQ0VOU0UvYWJj";

describe("the reclaim page's view in the URL", () => {
  it("round-trips criteria, filters and page, and leaves defaults out", () => {
    const view = { inviteDays: 45, inactiveDays: 365, reason: "invite-pending" as const, license: LICENSE, page: 3 };
    const qs = serializeReclaimView(view);
    expect(qs).toBe(`?inviteDays=45&inactiveDays=365&reason=invite-pending&license=${LICENSE}&page=3`);
    expect(parseReclaimView(new URLSearchParams(qs.slice(1)))).toEqual(view);
    expect(serializeReclaimView(DEFAULT_RECLAIM_VIEW)).toBe("");
    expect(parseReclaimView({})).toEqual(DEFAULT_RECLAIM_VIEW);
  });

  it("out-of-range, non-numeric and unknown values fall back to the defaults without errors", () => {
    expect(
      parseReclaimView({ inviteDays: "5", inactiveDays: "9999", reason: "bored", license: "not an id", page: "0" }),
    ).toEqual(DEFAULT_RECLAIM_VIEW);
    expect(parseReclaimView({ inviteDays: "30.5", inactiveDays: "-90", page: "two" })).toEqual(DEFAULT_RECLAIM_VIEW);
    expect(parseReclaimView({ inviteDays: "3650", inactiveDays: "30" })).toMatchObject({ inviteDays: 3650, inactiveDays: 30 });
  });

  it("the API is asked for the criteria and filters, not the page", () => {
    expect(reclaimApiQuery({ ...DEFAULT_RECLAIM_VIEW, page: 4 })).toEqual({ inviteDays: 30, inactiveDays: 90 });
    expect(reclaimApiQuery({ ...DEFAULT_RECLAIM_VIEW, reason: "inactive", license: LICENSE })).toEqual({ inviteDays: 30, inactiveDays: 90, reason: "inactive", licenseId: LICENSE });
  });
});
