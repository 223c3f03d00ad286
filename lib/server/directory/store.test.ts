import { describe, expect, it } from "vitest";
import type { IndexedPerson } from "@/lib/directory/types";
import { samePerson } from "./store";

const person: IndexedPerson = {
  id: "p1",
  email: "ada@acme.example",
  displayName: "Ada Lovelace",
  firstName: "Ada",
  lastName: "Lovelace",
  status: "active",
  invitePending: false,
  loginEnabled: true,
  department: "Sales",
  title: null,
  locationId: null,
  managerId: null,
  manager: null,
  licenses: ["L1", "L2"],
  roles: [],
  lastActivity: "2026-11-30T10:00:00.000Z",
  created: null,
  type: "person",
};

describe("samePerson (whether a sync rewrites a person's index row)", () => {
  it("a row read back from jsonb, keys in another order, is the same person", () => {
    const reordered = Object.fromEntries(Object.entries(person).sort(([a], [b]) => a.length - b.length || a.localeCompare(b))) as unknown as IndexedPerson;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(person));
    expect(samePerson(reordered, person)).toBe(true);
  });

  it("any changed field, license order included, is a change", () => {
    expect(samePerson(person, { ...person, department: "Support" })).toBe(false);
    expect(samePerson(person, { ...person, title: "CEO" })).toBe(false);
    expect(samePerson(person, { ...person, licenses: ["L2", "L1"] })).toBe(false);
    expect(samePerson(person, { ...person, lastActivity: null })).toBe(false);
  });
});
