// @vitest-environment node
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXPECTED_READ_ONLY, EXPECTED_WRITABLE, webexSame } from "@/tests/oracles/webex-person";
import { buildPutBody, findConflicts } from "./apply-changes";
import { changesArb, personArb } from "./person-arbitraries";
import { sameValue } from "./same-value";

// The oracle is tests/oracles/webex-person.ts (Webex's rules as docs/webex-api.md states them), never the
// READ_ONLY_PERSON_FIELDS list or the sameValue rule of the code under test.
const readOnly = new Set<string>(EXPECTED_READ_ONLY);

describe("buildPutBody (property, 2,000 cases)", () => {
  it("equals the current object with exactly the edited fields changed: nothing lost, nothing read-only", () => {
    fc.assert(
      fc.property(personArb, changesArb, (current, changes) => {
        const snapshot = structuredClone(current);
        const body = buildPutBody(current, changes);
        expect(current).toEqual(snapshot); // the input is never mutated
        for (const key of Object.keys(body)) expect(readOnly.has(key), `${key} is read-only in Webex`).toBe(false);
        for (const [key, value] of Object.entries(current)) {
          if (readOnly.has(key)) continue;
          if (key in changes) continue;
          expect(body[key], `${key} is writable and untouched: it must be sent back`).toEqual(value); // unknown ones included
        }
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) expect(key in body, key).toBe(false);
          else expect(body[key], key).toEqual(value);
        }
        const allowed = new Set([...Object.keys(current), ...Object.keys(changes)]);
        for (const key of Object.keys(body)) expect(allowed.has(key), key).toBe(true);
      }),
      { numRuns: 2000 },
    );
  }, 120_000);

  it("sends back every writable field Webex holds (a full PUT clears what it leaves out)", () => {
    const current: Record<string, unknown> = {
      id: "p",
      created: "2024-01-01T00:00:00.000Z",
      lastModified: "2025-01-01T00:00:00.000Z",
      lastActivity: "2025-02-01T00:00:00.000Z",
      status: "active",
      invitePending: false,
      sipAddresses: [{ type: "enterprise", value: "a@x.example", primary: true }],
      xmppFederationJid: "a@x.example",
      type: "person",
      nickName: "Ann",
      orgId: "org",
      emails: ["a@x.example"],
      phoneNumbers: [{ type: "work", value: "+1 555 0100" }],
      extension: "100",
      locationId: "loc",
      displayName: "Ann A",
      firstName: "Ann",
      lastName: "A",
      avatar: "https://avatar.example/a.png",
      roles: ["R1"],
      licenses: ["L1", "L2"],
      department: "R&D",
      manager: "Bo",
      managerId: "boss",
      title: "Engineer",
      addresses: [{ type: "work", country: "DE" }],
      siteUrls: ["acme.webex.com"],
      loginEnabled: true,
    };
    const body = buildPutBody(current, { title: "Lead" });
    for (const field of EXPECTED_WRITABLE) {
      expect(body[field], field).toEqual(field === "title" ? "Lead" : current[field]);
    }
    expect(Object.keys(body).sort()).toEqual([...EXPECTED_WRITABLE, "orgId"].sort());
  });
});

describe("the equality rule (examples stated in the test)", () => {
  it.each([
    ["title", undefined, null, true],
    ["title", "", null, true],
    ["title", "A", "a", false],
    ["licenses", ["L1", "L2"], ["L2", "L1"], true],
    ["licenses", ["L1"], ["L1", "L2"], false],
    ["licenses", [], undefined, true],
    ["roles", ["R1", "R1"], ["R1"], true],
    ["phoneNumbers", [{ type: "work", value: "1" }, { type: "mobile", value: "2" }], [{ type: "mobile", value: "2" }, { type: "work", value: "1" }], false],
    ["phoneNumbers", [{ type: "work", value: "1", primary: true }], [{ value: "1", type: "work", primary: true }], true],
    ["phoneNumbers", [{ type: "work", value: "1", primary: false }], [{ type: "work", value: "1" }], false],
    ["addresses", [{ type: "work", country: "DE", locality: "" }], [{ country: "DE", type: "work" }], true],
    ["addresses", [{ country: "DE" }], [{ country: "US" }], false],
    ["loginEnabled", false, undefined, false],
  ])("%s: %j vs %j → %s", (field, a, b, same) => {
    expect(webexSame(field, a, b)).toBe(same); // the oracle says what Webex means …
    expect(sameValue(field, a, b)).toBe(same); // … and the product agrees
  });
});

describe("findConflicts (property, 1,000 cases)", () => {
  it("no conflict when Webex still holds what the admin started from; a conflict for every field changed since", () => {
    fc.assert(
      fc.property(personArb, personArb, changesArb, (loaded, other, changes) => {
        const original = Object.fromEntries(Object.keys(changes).map((k) => [k, (loaded as Record<string, unknown>)[k] ?? null]));
        expect(findConflicts(loaded, changes, original)).toEqual([]);
        // Someone else saved `other`'s values for every field meanwhile.
        const current = { ...loaded, ...Object.fromEntries(Object.keys(changes).map((k) => [k, (other as Record<string, unknown>)[k]])) };
        const conflicts = findConflicts(current, changes, original);
        for (const [field, yours] of Object.entries(changes)) {
          const theirs = (current as Record<string, unknown>)[field];
          const expected = !webexSame(field, theirs, original[field]) && !webexSame(field, theirs, yours);
          expect(conflicts.some((c) => c.field === field), field).toBe(expected);
        }
      }),
      { numRuns: 1000 },
    );
  }, 120_000);

  it("without original values, a newer lastModified makes each changed field a conflict", () => {
    const current = { id: "p", displayName: "A", title: "New", lastModified: "2025-02-01T00:00:00.000Z" };
    expect(findConflicts(current, { title: "Mine" }, undefined, "2025-01-01T00:00:00.000Z").map((c) => c.field)).toEqual(["title"]);
    expect(findConflicts(current, { title: "Mine" }, undefined, "2025-02-01T00:00:00.000Z")).toEqual([]);
    expect(findConflicts(current, { title: "New" }, undefined, "2025-01-01T00:00:00.000Z")).toEqual([]);
  });
});
