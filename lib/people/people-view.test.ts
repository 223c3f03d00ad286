import { describe, expect, it } from "vitest";
import { EMPTY_FILTER } from "@/lib/directory/filter";
import {
  clearFilters,
  DEFAULT_VIEW,
  effectiveFilter,
  isIndexView,
  offsetRange,
  toDirectoryQuery,
  effectivePageSize,
  pageRange,
  parsePeopleView,
  searchIntent,
  serializePeopleView,
  toPeopleQuery,
  withFilters,
} from "./people-view";

const ROLE = "Y2lzY29zcGFyazovL3VzL1JPTEUvaWRfdXNlcl9hZG1pbg";
const LOC = "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OL2FiYw";

describe("parsePeopleView / serializePeopleView", () => {
  it("round-trips a full view and leaves defaults out of the URL", () => {
    const view = { ...DEFAULT_VIEW, q: "Al", roles: [ROLE], location: LOC, size: 25 as const, cursor: "abc.def", page: 3, sort: { id: "name", desc: true }, cols: ["email", "title"] };
    const qs = serializePeopleView(view);
    expect(parsePeopleView(new URLSearchParams(qs.slice(1)))).toEqual(view);
    expect(serializePeopleView(DEFAULT_VIEW)).toBe("");
  });

  it("falls back to defaults for hand-edited values instead of sending them to the API", () => {
    const v = parsePeopleView({ size: "37", roles: "not an id!,", location: "x", cursor: "bad cursor", page: "-4", sort: "na me", q: "  Bo  " });
    expect(v).toEqual({ ...DEFAULT_VIEW, q: "Bo" });
  });

  it("reads the last value of repeated keys from Next's searchParams objects", () => {
    expect(parsePeopleView({ q: ["a", "b"] }).q).toBe("b");
  });

  it("a cursor without a page number is at least page 2", () => {
    expect(parsePeopleView({ cursor: "abc" }).page).toBe(2);
  });
});

describe("search intent", () => {
  it("text with @ is an exact email lookup, other text a name prefix", () => {
    expect(searchIntent("ada@acme.example")).toEqual({ kind: "email", email: "ada@acme.example" });
    expect(searchIntent("Ada L")).toEqual({ kind: "name", displayName: "Ada L" });
    expect(searchIntent("  ")).toEqual({ kind: "none" });
    expect(searchIntent("ada@").kind).toBe("invalid-email");
  });
});

describe("toPeopleQuery", () => {
  it("maps the view to /api/people parameters", () => {
    expect(toPeopleQuery({ ...DEFAULT_VIEW, q: "ada@acme.example", roles: [ROLE, ROLE + "x"] })).toEqual({ email: "ada@acme.example", roles: `${ROLE},${ROLE}x`, max: 100 });
    expect(toPeopleQuery({ ...DEFAULT_VIEW, q: "Ad", cursor: "c" })).toEqual({ displayName: "Ad", max: 100, cursor: "c" });
  });

  it("clamps the page size to 50 with a location filter", () => {
    const view = { ...DEFAULT_VIEW, location: LOC, size: 1000 as const };
    expect(effectivePageSize(view)).toBe(50);
    expect(toPeopleQuery(view)).toEqual({ locationId: LOC, max: 50 });
    expect(effectivePageSize({ ...view, size: 25 })).toBe(25);
  });

  it("does not ask for a half-typed email", () => {
    expect(toPeopleQuery({ ...DEFAULT_VIEW, q: "ada@" })).toBeNull();
  });
});

describe("filters and ranges", () => {
  it("changing filters goes back to the first page; sort and columns stay", () => {
    const view = { ...DEFAULT_VIEW, cursor: "c", page: 4, sort: { id: "name", desc: false }, cols: ["email"] };
    expect(withFilters(view, { q: "x" })).toMatchObject({ q: "x", cursor: null, page: 1, sort: view.sort, cols: ["email"] });
    expect(clearFilters({ ...view, q: "x", roles: [ROLE], location: LOC })).toMatchObject({ q: "", roles: [], location: null, page: 1 });
  });

  it("shows only the range of this page (no invented total)", () => {
    expect(pageRange({ page: 1, size: 100, location: null }, 100)).toEqual({ from: 1, to: 100 });
    expect(pageRange({ page: 3, size: 100, location: null }, 42)).toEqual({ from: 201, to: 242 });
    expect(pageRange({ page: 2, size: 100, location: LOC }, 50)).toEqual({ from: 51, to: 100 });
    expect(pageRange({ page: 2, size: 25, location: null }, 0)).toEqual({ from: 0, to: 0 });
  });
});

describe("the index view's facets in the URL", () => {
  const LIC = "Y2lzY29zcGFyazovL3VzL0xJQ0VOU0UvY2FsbGluZw";
  const LIC2 = "Y2lzY29zcGFyazovL3VzL0xJQ0VOU0UvbWVldGluZ3M";

  it("round-trips every facet, a department with a comma, 'none' values and the offset", () => {
    const filter = {
      ...EMPTY_FILTER,
      status: ["active", "inactive"],
      hasLicenses: [LIC],
      lacksLicenses: [LIC2],
      noLicense: true,
      admin: false,
      departments: ["Sales, EMEA", "", "R&D ~ 100%"],
      locations: [LOC, ""],
      invitePending: true,
      signInDisabled: false,
      inactiveDays: 90,
    };
    const view = { ...DEFAULT_VIEW, roles: [ROLE], sort: { id: "lastActivity", desc: true }, filter, offset: 200 };
    const qs = serializePeopleView(view);
    expect(parsePeopleView(new URLSearchParams(qs))).toEqual(view);
    expect(qs).toContain("inactive=90");
    expect(qs).toContain("offset=200");
    expect(serializePeopleView(DEFAULT_VIEW)).toBe("");
  });

  it("drops what it cannot read, never throws, and keeps no offset or cursor outside the index view", () => {
    const v = parsePeopleView(new URLSearchParams("status=act ive,ok!&has=bad!,x&dept=%E0%A4%A&admin=maybe&inactive=-3&offset=50&pending=1"));
    expect(v.filter).toEqual(EMPTY_FILTER);
    expect(v.offset).toBe(0);
    expect(isIndexView(v)).toBe(false);
    const idx = parsePeopleView(new URLSearchParams("nolicense=1&cursor=abc&page=4&offset=100"));
    expect(isIndexView(idx)).toBe(true);
    expect(idx).toMatchObject({ cursor: null, page: 1, offset: 100 });
  });

  it("roles and one location alone stay live from Webex; any other facet is the index view", () => {
    expect(isIndexView(parsePeopleView(new URLSearchParams(`roles=${ROLE}&location=${LOC}`)))).toBe(false);
    for (const qs of ["status=active", `has=${LIC}`, `lacks=${LIC}`, "nolicense=1", "admin=yes", "dept=Sales", `loc=${LOC}`, "pending=no", "signin=disabled", "inactive=30"]) {
      expect(isIndexView(parsePeopleView(new URLSearchParams(qs))), qs).toBe(true);
    }
  });

  it("asks the index with the grid's role and location folded in, the sort when the index can sort by it, and the page", () => {
    const view = parsePeopleView(new URLSearchParams(`q=ad&roles=${ROLE}&location=${LOC}&has=${LIC}&inactive=90&sort=-lastActivity&offset=100&size=250`));
    expect(effectiveFilter(view)).toMatchObject({ roles: [ROLE], locations: [LOC], hasLicenses: [LIC], inactiveDays: 90 });
    expect(toDirectoryQuery(view)).toEqual({ q: "ad", roles: ROLE, loc: LOC, has: LIC, inactive: "90", sort: "-lastActivity", offset: "100", limit: "250" });
    // A column the index cannot sort by (licenses) is not sent.
    expect(toDirectoryQuery({ ...view, sort: { id: "licenses", desc: false } })).not.toHaveProperty("sort");
    // The live view asks only for the counts.
    expect(toDirectoryQuery(DEFAULT_VIEW)).toEqual({ limit: "1" });
    expect(toDirectoryQuery({ ...view, q: "ada@acme" })).toBeNull();
  });

  it("a facet change goes back to the first page; Clear filters clears the facets too", () => {
    const view = { ...DEFAULT_VIEW, filter: { ...EMPTY_FILTER, noLicense: true }, offset: 300 };
    expect(withFilters(view, { filter: { ...EMPTY_FILTER, admin: true } }).offset).toBe(0);
    expect(clearFilters(view).filter).toEqual(EMPTY_FILTER);
    expect(offsetRange({ offset: 100 }, 50)).toEqual({ from: 101, to: 150 });
    expect(offsetRange({ offset: 0 }, 0)).toEqual({ from: 0, to: 0 });
  });
});
