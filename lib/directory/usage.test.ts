import { describe, expect, it } from "vitest";
import type { IndexedPerson } from "./types";
import { DAY_MS, directReports, personByEmail, usageBreakdown } from "./usage";
import { USAGE_CSV_HEADER, usageCsv, usageCsvRows } from "./usage-csv";

const NOW = Date.parse("2026-12-01T00:00:00Z");
const ago = (days: number) => new Date(NOW - days * DAY_MS).toISOString();

let n = 0;
function person(p: Partial<IndexedPerson>): IndexedPerson {
  n++;
  return {
    id: `p${n}`, email: `p${n}@acme.example`, displayName: `Person ${n}`, firstName: null, lastName: null, status: "active",
    invitePending: false, loginEnabled: true, department: null, title: null, locationId: null, managerId: null, manager: null,
    licenses: [], roles: [], lastActivity: ago(1), created: null, type: "person", ...p,
  };
}

const LICENSES = [
  { id: "L1", name: "Calling", totalUnits: 10 },
  { id: "L2", name: "Meetings", totalUnits: 4 },
];

describe("usageBreakdown", () => {
  it("counts units per license, share of the pool and idle holders per department; people without one are grouped", () => {
    const people = [
      person({ department: "Sales", licenses: ["L1", "L2"], lastActivity: ago(10) }),
      person({ department: "Sales", licenses: ["L1"], lastActivity: ago(45) }),
      person({ department: "Sales", licenses: ["L1"], lastActivity: null }), // never active: idle both
      person({ department: "Sales", licenses: [] , lastActivity: null }), // no license: counted in people only
      person({ department: "R&D", licenses: ["L2"], lastActivity: ago(100) }),
      person({ department: null, licenses: ["L1"] }),
      person({ department: "  ", licenses: ["LX"] }), // a license not counted
    ];
    const rows = usageBreakdown(people, LICENSES, "department", NOW);
    expect(rows.map((r) => [r.label, r.units])).toEqual([["Sales", 4], ["R&D", 1], ["No department", 1]]);
    const sales = rows[0]!;
    expect(sales).toMatchObject({ key: "Sales", people: 4, holders: 3, units: 4, idle30: 2, idle90: 1, idle30Units: 2, idle90Units: 1 });
    expect(sales.licenses).toEqual([
      { licenseId: "L1", held: 3, share: 0.3, idle30: 2, idle90: 1 },
      { licenseId: "L2", held: 1, share: 0.25, idle30: 0, idle90: 0 },
    ]);
    const none = rows[2]!; // a tie in units: the named group first
    expect(none).toMatchObject({ key: null, people: 2, holders: 1 });
    expect(rows[1]!.licenses[1]).toEqual({ licenseId: "L2", held: 1, share: 0.25, idle30: 1, idle90: 1 });
  });

  it("counts one license only on a license's page, and an empty pool has no share", () => {
    const people = [person({ department: "A", licenses: ["L1", "L2"] }), person({ department: "B", licenses: ["L2"] }), person({ department: "B", licenses: ["L2"] })];
    const rows = usageBreakdown(people, [...LICENSES, { id: "L3", name: "Empty", totalUnits: 0 }], "department", NOW, { licenseId: "L2" });
    expect(rows.map((r) => [r.label, r.units, r.licenses.length])).toEqual([["B", 2, 1], ["A", 1, 1]]);
    expect(usageBreakdown([person({ licenses: ["L3"] })], [{ id: "L3", name: "Empty", totalUnits: 0 }], "department", NOW)[0]!.licenses[0]!.share).toBeNull();
  });

  it("names locations from the list, and says when one is unknown", () => {
    const people = [person({ locationId: "loc1", licenses: ["L1"] }), person({ locationId: "loc2", licenses: ["L1", "L2"] }), person({ locationId: null })];
    const rows = usageBreakdown(people, LICENSES, "location", NOW, { locationName: (id) => (id === "loc1" ? "Berlin" : undefined) });
    expect(rows.map((r) => r.label)).toEqual(["Unknown location (loc2)", "Berlin", "No location"]);
  });

  it("groups by manager ID, labelled from the index, else from Webex's manager text; direct reports by default", () => {
    const boss = person({ displayName: "Ada Boss" });
    const mid = person({ displayName: "Mid Manager", managerId: boss.id, licenses: ["L1"] });
    const r1 = person({ managerId: mid.id, manager: "Mid M.", licenses: ["L1"] });
    const r2 = person({ managerId: mid.id, licenses: ["L1", "L2"] });
    const gone = person({ managerId: "gone-id", manager: "Former Boss", licenses: ["L2"] });
    const textOnly = person({ manager: "Someone Else", licenses: ["L1"] });
    const people = [boss, mid, r1, r2, gone, textOnly];

    const direct = usageBreakdown(people, LICENSES, "manager", NOW);
    expect(direct.map((r) => [r.key, r.label, r.people, r.units])).toEqual([
      [mid.id, "Mid Manager", 2, 3],
      [boss.id, "Ada Boss", 1, 1],
      ["gone-id", "Former Boss", 1, 1],
      ["name:Someone Else", "Someone Else", 1, 1],
      [null, "No manager", 1, 0],
    ]);

    const indirect = usageBreakdown(people, LICENSES, "manager", NOW, { indirect: true });
    expect(indirect.find((r) => r.key === boss.id)).toMatchObject({ people: 3, units: 4, holders: 3 });
    expect(indirect.find((r) => r.key === mid.id)).toMatchObject({ people: 2, units: 3 });
  });

  it("stops at a cycle in the manager chain", () => {
    const a = person({ id: "a", managerId: "b", licenses: ["L1"] });
    const b = person({ id: "b", managerId: "a", licenses: ["L1"] });
    const rows = usageBreakdown([a, b], LICENSES, "manager", NOW, { indirect: true });
    expect(rows.map((r) => [r.key, r.people])).toEqual([["a", 1], ["b", 1]]);
  });

  it("finds the signed-in admin by email and counts their direct reports", () => {
    const me = person({ email: "me@acme.example" });
    const people = [me, person({ managerId: me.id }), person({ managerId: me.id }), person({})];
    expect(personByEmail(people, " Me@Acme.example ")?.id).toBe(me.id);
    expect(personByEmail(people, "nobody@acme.example")).toBeNull();
    expect(directReports(people, me.id)).toBe(2);
  });
});

describe("usageCsv", () => {
  it("writes one line per group and license with the index's time, through the shared writer", () => {
    const people = [person({ department: "=Sales", licenses: ["L1"], lastActivity: null })];
    const rows = usageBreakdown(people, LICENSES, "department", NOW);
    const u = { indexed: true, by: "department" as const, indirect: false, licenseId: null, asOf: NOW, locationsAsOf: NOW, licenses: LICENSES, rows, people: 1, viewer: null };
    expect(usageCsvRows(u)).toEqual([
      ["Department", "=Sales", "=Sales", 1, "Calling", "L1", 1, 10, "10.0", 1, 1, "2026-12-01T00:00:00.000Z"],
      ["Department", "=Sales", "=Sales", 1, "Meetings", "L2", 0, 4, "0.0", 0, 0, "2026-12-01T00:00:00.000Z"],
    ]);
    const csv = usageCsv(u);
    expect(csv.startsWith(`\uFEFF${USAGE_CSV_HEADER.join(",")}\r\n`)).toBe(true);
    expect(csv).toContain("Department,'=Sales,'=Sales,1,Calling");
  });
});
