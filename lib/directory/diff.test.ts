import { describe, expect, it } from "vitest";
import { diffIndex } from "./diff";
import type { IndexedPerson } from "./types";

const base: IndexedPerson = {
  id: "p1",
  email: "ada@acme.example",
  displayName: "Ada Lovelace",
  firstName: "Ada",
  lastName: "Lovelace",
  status: "active",
  invitePending: false,
  loginEnabled: true,
  department: "R&D",
  title: "Engineer",
  locationId: "loc-1",
  managerId: null,
  manager: null,
  licenses: ["L1", "L2"],
  roles: [],
  lastActivity: "2026-11-30T10:00:00.000Z",
  created: "2020-01-01T00:00:00.000Z",
  type: "person",
};
const map = (...people: IndexedPerson[]) => new Map(people.map((p) => [p.id, p]));

describe("diffIndex", () => {
  it("presence and license order are not changes; a field, an added and a removed person are", () => {
    const before = map(base, { ...base, id: "p2", email: "bob@acme.example", displayName: "Bob" });
    const after = map(
      { ...base, status: "inactive", lastActivity: "2026-12-01T10:00:00.000Z", licenses: ["L2", "L1"], department: "Sales" },
      { ...base, id: "p3", email: "cy@acme.example", displayName: "Cy" },
    );
    expect(diffIndex(before, after, { locationsRead: true })).toEqual([
      { kind: "changed", personId: "p1", email: base.email, displayName: base.displayName, field: "department", before: "R&D", after: "Sales" },
      { kind: "added", personId: "p3", email: "cy@acme.example", displayName: "Cy", field: null, before: null, after: null },
      { kind: "removed", personId: "p2", email: "bob@acme.example", displayName: "Bob", field: null, before: null, after: null },
    ]);
  });

  it("licenses compare as sets, reported sorted; location only when this sync read locations", () => {
    const after = map({ ...base, licenses: ["L3", "L1"], locationId: "loc-2" });
    expect(diffIndex(map(base), after, { locationsRead: false })).toEqual([
      { kind: "changed", personId: "p1", email: base.email, displayName: base.displayName, field: "licenses", before: ["L1", "L2"], after: ["L1", "L3"] },
    ]);
    expect(diffIndex(map(base), after, { locationsRead: true }).map((c) => c.field)).toEqual(["locationId", "licenses"]);
  });
});
