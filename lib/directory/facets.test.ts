import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFacets, filterPeople, INACTIVE_DAYS, matchesSearch, pageByOffset, sortPeople } from "./facets";
import { type DirectoryFilter, EMPTY_FILTER, matchesFilter } from "./filter";
import type { IndexedPerson } from "./types";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();

function person(id: string, over: Partial<IndexedPerson> = {}): IndexedPerson {
  return {
    id,
    email: `${id}@acme.example`,
    displayName: id,
    firstName: null,
    lastName: null,
    status: "active",
    invitePending: false,
    loginEnabled: true,
    department: null,
    title: null,
    locationId: null,
    managerId: null,
    manager: null,
    licenses: [],
    roles: [],
    lastActivity: null,
    created: null,
    type: "person",
    ...over,
  };
}

const count = (people: IndexedPerson[], f: DirectoryFilter) => people.filter((p) => matchesFilter(p, f, NOW)).length;

// ---- the oracle: each count is matchesFilter over the filter with that value chosen -------------------------------

const LICENSES = ["L1", "L2", "L3"];
const ROLES = ["R1", "R2"];
const LOCATIONS = ["LOC1", "LOC2", ""];
const DEPTS = ["Sales", "Eng", ""];
const STATUSES = ["active", "inactive", "pending", "unknown"];

const personArb = fc
  .record({
    status: fc.constantFrom("active", "inactive", "pending", null),
    licenses: fc.subarray(LICENSES),
    roles: fc.subarray(ROLES),
    department: fc.constantFrom("Sales", "Eng", null),
    locationId: fc.constantFrom("LOC1", "LOC2", null),
    invitePending: fc.boolean(),
    loginEnabled: fc.boolean(),
    idle: fc.option(fc.integer({ min: 0, max: 400 })),
  })
  .map(({ idle, ...r }) => ({ ...r, lastActivity: idle === null ? null : daysAgo(idle) }));

const filterArb: fc.Arbitrary<DirectoryFilter> = fc.record({
  status: fc.subarray(STATUSES),
  hasLicenses: fc.subarray(LICENSES, { maxLength: 2 }),
  lacksLicenses: fc.subarray(LICENSES, { maxLength: 1 }),
  noLicense: fc.boolean(),
  admin: fc.constantFrom(null, true, false),
  roles: fc.subarray(ROLES),
  departments: fc.subarray(DEPTS),
  locations: fc.subarray(LOCATIONS),
  invitePending: fc.constantFrom(null, true, false),
  signInDisabled: fc.constantFrom(null, true, false),
  inactiveDays: fc.constantFrom(null, 30, 90),
});

describe("computeFacets", () => {
  it("counts, for every value, the people matching the filter with that value chosen and the other facets as they are", () => {
    fc.assert(
      fc.property(fc.array(personArb, { maxLength: 40 }), filterArb, (raw, f) => {
        const people = raw.map((r, i) => person(`p${i}`, r));
        const got = computeFacets(people, f, NOW, { licenses: LICENSES, roles: ROLES });
        expect(got.total).toBe(count(people, f));
        for (const s of STATUSES) expect(got.status[s] ?? 0).toBe(count(people, { ...f, status: [s] }));
        for (const l of LICENSES) {
          expect(got.hasLicense[l]).toBe(count(people, { ...f, hasLicenses: [...new Set([...f.hasLicenses, l])] }));
          expect(got.lacksLicense[l]).toBe(count(people, { ...f, lacksLicenses: [...new Set([...f.lacksLicenses, l])] }));
        }
        expect(got.noLicense).toBe(count(people, { ...f, noLicense: true }));
        expect(got.admin).toEqual({ yes: count(people, { ...f, admin: true }), no: count(people, { ...f, admin: false }) });
        for (const r of ROLES) expect(got.roles[r]).toBe(count(people, { ...f, roles: [r] }));
        for (const d of DEPTS) expect(got.departments[d] ?? 0).toBe(count(people, { ...f, departments: [d] }));
        for (const l of LOCATIONS) expect(got.locations[l] ?? 0).toBe(count(people, { ...f, locations: [l] }));
        expect(got.invitePending).toEqual({ yes: count(people, { ...f, invitePending: true }), no: count(people, { ...f, invitePending: false }) });
        expect(got.signInDisabled).toEqual({ yes: count(people, { ...f, signInDisabled: true }), no: count(people, { ...f, signInDisabled: false }) });
        for (const d of INACTIVE_DAYS) expect(got.inactive[String(d)]).toBe(count(people, { ...f, inactiveDays: d }));
      }),
      { numRuns: 300 },
    );
  });

  it("updates counts as filters combine: a department's count narrows when a license is chosen, its own facet does not", () => {
    const people = [
      person("a", { department: "Sales", licenses: ["L1"] }),
      person("b", { department: "Sales" }),
      person("c", { department: "Eng", licenses: ["L1"] }),
    ];
    const none = computeFacets(people, EMPTY_FILTER, NOW);
    expect(none.total).toBe(3);
    expect(none.departments).toEqual({ Sales: 2, Eng: 1 });
    const withLicense = computeFacets(people, { ...EMPTY_FILTER, hasLicenses: ["L1"] }, NOW);
    expect(withLicense.total).toBe(2);
    expect(withLicense.departments).toEqual({ Sales: 1, Eng: 1 });
    const sales = computeFacets(people, { ...EMPTY_FILTER, departments: ["Sales"] }, NOW);
    expect(sales.total).toBe(2);
    // Ticking Eng as well would add Eng's one person: the department facet ignores its own choice.
    expect(sales.departments).toEqual({ Sales: 2, Eng: 1 });
    expect(sales.hasLicense).toEqual({ L1: 1 });
    expect(sales.lacksLicense).toEqual({ L1: 1 });
  });

  it("lists known and chosen values with 0, and counts the never-active as inactive", () => {
    const people = [person("a", { lastActivity: null }), person("b", { lastActivity: daysAgo(45) })];
    const got = computeFacets(people, { ...EMPTY_FILTER, departments: ["Nowhere"] }, NOW, { licenses: ["L9"], roles: ["R9"], locations: ["LOC9"] });
    expect(got.total).toBe(0);
    expect(got.departments.Nowhere).toBe(0);
    expect(got.hasLicense.L9).toBe(0);
    expect(got.roles.R9).toBe(0);
    expect(got.locations.LOC9).toBe(0);
    const all = computeFacets(people, EMPTY_FILTER, NOW);
    expect(all.inactive).toEqual({ "30": 2, "60": 1, "90": 1, "180": 1 });
  });
});

describe("search text over the index", () => {
  const ada = person("x", { displayName: "Ada Lovelace", email: "ada@acme.example" });
  it("is a display-name prefix or an exact email, as in Webex", () => {
    expect(matchesSearch(ada, "ada")).toBe(true);
    expect(matchesSearch(ada, "ADA LOVE")).toBe(true);
    expect(matchesSearch(ada, "love")).toBe(false);
    expect(matchesSearch(ada, "ADA@acme.example")).toBe(true);
    expect(matchesSearch(ada, "ada@acme")).toBe(false);
    expect(matchesSearch(ada, "  ")).toBe(true);
  });
  it("narrows the filter's matches", () => {
    const people = [ada, person("y", { displayName: "Bob", department: "Sales" }), person("z", { displayName: "Adam", department: "Sales" })];
    expect(filterPeople(people, { ...EMPTY_FILTER, departments: ["Sales"] }, NOW, "ad").map((p) => p.id)).toEqual(["z"]);
  });
});

describe("sortPeople", () => {
  const people = [
    person("1", { displayName: "bob", department: "Sales", lastActivity: daysAgo(5), created: "2024-01-01T00:00:00Z" }),
    person("2", { displayName: "Ann", department: null, lastActivity: null, created: "2023-01-01T00:00:00Z" }),
    person("3", { displayName: "carl", department: "eng", lastActivity: daysAgo(50), created: null }),
    person("4", { displayName: "Dora", department: "Sales", lastActivity: daysAgo(1), created: "2025-01-01T00:00:00Z" }),
  ];
  const ids = (ps: IndexedPerson[]) => ps.map((p) => p.id).join("");

  it("sorts case-insensitively, keeps ties in their order, and puts people without a value last in both directions", () => {
    expect(ids(sortPeople(people, "name"))).toBe("2134");
    expect(ids(sortPeople(people, "name", true))).toBe("4312");
    expect(ids(sortPeople(people, "department"))).toBe("3142");
    expect(ids(sortPeople(people, "department", true))).toBe("1432");
    expect(ids(sortPeople(people, "lastActivity"))).toBe("3142");
    expect(ids(sortPeople(people, "lastActivity", true))).toBe("4132");
    expect(ids(sortPeople(people, "created"))).toBe("2143");
    expect(ids(sortPeople(people, "created", true))).toBe("4123");
  });

  it("does not change its input", () => {
    const copy = [...people];
    sortPeople(people, "email", true);
    expect(copy).toEqual(people);
  });
});

describe("pageByOffset", () => {
  it("gives the rows from the offset and whether more follow", () => {
    const rows = [1, 2, 3, 4, 5];
    expect(pageByOffset(rows, 0, 2)).toEqual({ rows: [1, 2], offset: 0, hasMore: true });
    expect(pageByOffset(rows, 4, 2)).toEqual({ rows: [5], offset: 4, hasMore: false });
    expect(pageByOffset(rows, 9, 2)).toEqual({ rows: [], offset: 5, hasMore: false });
  });
});
