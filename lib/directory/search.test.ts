import { describe, expect, it } from "vitest";
import { foldText, searchPeople } from "./search";
import type { IndexedPerson } from "./types";

function person(id: string, displayName: string, email: string, first: string | null = null, last: string | null = null): IndexedPerson {
  return { id, email, displayName, firstName: first, lastName: last, status: null, invitePending: false, loginEnabled: true, department: null, title: null,
    locationId: null, managerId: null, manager: null, licenses: [], roles: [], lastActivity: null, created: null, type: "person" };
}

// In the index's order: display name, then email.
const people = [
  person("1", "Ada Lovelace", "ada.lovelace@acme.example", "Ada", "Lovelace"),
  person("2", "Adam Smith", "asmith@acme.example", "Adam", "Smith"),
  person("3", "Bob Adams", "bob.adams@acme.example", "Bob", "Adams"),
  person("4", "Carla Nadal", "carla@acme.example", "Carla", "Nadal"),
  person("5", "José Ramírez", "jose.ramirez@acme.example", "José", "Ramírez"),
  person("6", "Zed Quinn", "adaz@acme.example", "Zed", "Quinn"),
];

const ids = (q: string, limit?: number) => searchPeople(people, q, limit).map((h) => h.id);

describe("searchPeople", () => {
  it("ranks display-name prefixes, then first/last name prefixes, then email prefixes, then contains-matches", () => {
    const hits = searchPeople(people, "ada");
    expect(hits.map((h) => [h.id, h.rank])).toEqual([
      ["1", 0], // Ada Lovelace
      ["2", 0], // Adam Smith
      ["3", 1], // Bob Adams: last name
      ["6", 2], // adaz@…: email prefix
      ["4", 3], // Carla Nadal: contains
    ]);
  });

  it("finds by the start of a later word and by a whole email", () => {
    expect(ids("love")).toEqual(["1"]);
    expect(ids("ASMITH@acme.example")).toEqual(["2"]);
    expect(ids("bob.ad")).toEqual(["3"]);
  });

  it("ignores case, accents and extra spaces", () => {
    expect(ids("jose")).toEqual(["5"]);
    expect(ids("  ADA   lov ")).toEqual(["1"]);
    expect(foldText(" Ramírez ")).toBe("ramirez");
  });

  it("keeps the index's order within a rank and stops at the limit", () => {
    expect(ids("a", 3)).toEqual(["1", "2", "3"]); // two name prefixes, then "Adams"
    expect(ids("a")).toHaveLength(6);
  });

  it("finds no one for an empty or unmatched query", () => {
    expect(ids("")).toEqual([]);
    expect(ids("   ")).toEqual([]);
    expect(ids("xyz")).toEqual([]);
  });

  it("puts the best 10 first even when the prefix matches come last in the list", () => {
    const many = [
      ...Array.from({ length: 30 }, (_, i) => person(`c${i}`, `Aaron Zimmer${i}`, `c${i}@acme.example`)),
      person("p1", "Zimmermann Paul", "p1@acme.example"),
    ];
    const hits = searchPeople(many, "zimmer");
    expect(hits[0]!.id).toBe("p1");
    expect(hits).toHaveLength(10);
  });
});
