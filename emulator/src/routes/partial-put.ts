import { ApiError } from "../http";
import type { Store } from "../store";
import type { Person } from "../types";

// The `partialPut` fault. The official spec warns that a failed PUT /people/{id} "may still have altered some
// values"; under this fault the emulator answers 500 after applying only part of a valid PUT, so that a client's
// "read again after a failed PUT and say what was applied" path is exercised. Which part is deterministic, so tests
// can be exact: of the fields the PUT changes, in the order of the spec's request body, the first half (rounded
// down) is kept and the rest is put back as it was. One changed field: nothing is applied.

/** The writable fields of the PUT body, in the official spec's order (nickName follows firstName, orgId is fixed). */
export const PUT_FIELD_ORDER = [
  "emails",
  "phoneNumbers",
  "extension",
  "locationId",
  "displayName",
  "firstName",
  "lastName",
  "avatar",
  "roles",
  "licenses",
  "department",
  "manager",
  "managerId",
  "title",
  "addresses",
  "siteUrls",
  "loginEnabled",
] as const;
export type PutField = (typeof PUT_FIELD_ORDER)[number];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields whose stored value differs between two states of one person, in spec order. */
export function changedPutFields(before: Person, after: Person): PutField[] {
  return PUT_FIELD_ORDER.filter((field) => !same(before[field], after[field]));
}

function restore(store: Store, person: Person, saved: Person, field: PutField): void {
  if (field === "emails") return store.setEmails(person, [...saved.emails]);
  if (field === "licenses") return store.setLicenses(person, [...saved.licenses]);
  const value = structuredClone(saved[field]);
  if (value === undefined) delete person[field];
  else (person as unknown as Record<string, unknown>)[field] = value;
  // Webex sets nickName from firstName: they go back together.
  if (field === "firstName") {
    if (saved.nickName === undefined) delete person.nickName;
    else person.nickName = saved.nickName;
  }
}

/**
 * Called by PUT /people/{id} after it applied the whole (valid) body to `person`; `saved` is a copy taken before.
 * Puts the second half of the changed fields back and returns the 500 to answer, naming nothing of what happened
 * (as Webex would not). `applied` is what stayed changed.
 */
export function partialPutFault(store: Store, person: Person, saved: Person): { applied: PutField[]; error: ApiError } {
  const changed = changedPutFields(saved, person);
  const keep = Math.floor(changed.length / 2);
  for (const field of changed.slice(keep)) restore(store, person, saved, field);
  return { applied: changed.slice(0, keep), error: new ApiError(500, "Something went wrong on the server.") };
}
