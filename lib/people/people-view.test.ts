import { describe, expect, it } from "vitest";
import {
  clearFilters,
  DEFAULT_VIEW,
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
