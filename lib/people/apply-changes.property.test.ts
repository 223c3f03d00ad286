// @vitest-environment node
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { READ_ONLY_PERSON_FIELDS, buildPutBody, findConflicts } from "./apply-changes";
import { changesArb, personArb } from "./person-arbitraries";
import { sameValue } from "./same-value";

const readOnly = new Set<string>(READ_ONLY_PERSON_FIELDS);

describe("buildPutBody (property, 2,000 cases)", () => {
  it("equals the current object with exactly the edited fields changed: nothing lost, nothing read-only", () => {
    fc.assert(
      fc.property(personArb, changesArb, (current, changes) => {
        const snapshot = structuredClone(current);
        const body = buildPutBody(current, changes);
        expect(current).toEqual(snapshot); // the input is never mutated
        for (const key of Object.keys(body)) expect(readOnly.has(key), key).toBe(false);
        for (const [key, value] of Object.entries(current)) {
          if (readOnly.has(key)) continue;
          if (key in changes) continue;
          expect(body[key], key).toEqual(value); // every untouched field survives, unknown ones included
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
          const expected = !sameValue(field, theirs, original[field]) && !sameValue(field, theirs, yours);
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
