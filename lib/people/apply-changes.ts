import { sameValue } from "./same-value";
import type { PersonChanges } from "./schemas";

/**
 * Fields Webex sets itself. They are stripped from a PUT body; everything else on the current object is kept,
 * because PUT /people/{id} is a full replacement and any field left out is cleared. `nickName` is derived from
 * `firstName` by Webex, so sending a stale one back would only be ignored or fight the rename.
 */
export const READ_ONLY_PERSON_FIELDS = [
  "id",
  "created",
  "lastModified",
  "lastActivity",
  "status",
  "invitePending",
  "sipAddresses",
  "xmppFederationJid",
  "type",
  "nickName",
] as const;

export type PersonObject = Record<string, unknown>;

/**
 * The complete PUT body: the *current* person minus read-only fields, with exactly the requested changes
 * applied (`null` clears a field). Unknown fields Webex returned are kept, never dropped.
 */
export function buildPutBody(current: PersonObject, changes: PersonChanges): PersonObject {
  const body: PersonObject = { ...current };
  for (const field of READ_ONLY_PERSON_FIELDS) delete body[field];
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null) delete body[field];
    else body[field] = value;
  }
  return body;
}

/** Requested licenses that the person does not have afterwards (Webex may skip exhausted ones silently). */
export function unappliedLicenses(requested: readonly string[] | undefined, after: unknown): string[] {
  if (!requested) return [];
  const have = new Set(Array.isArray(after) ? after.filter((v): v is string => typeof v === "string") : []);
  return requested.filter((id) => !have.has(id));
}

/** A field the admin changed that was also changed in Webex since they loaded the person. */
export interface FieldConflict {
  field: string;
  /** What the admin started from. */
  original: unknown;
  /** What the admin wants. */
  yours: unknown;
  /** What Webex holds now. */
  theirs: unknown;
}

/**
 * The 409 rule. With `original` (the admin's starting values), a changed field conflicts when Webex's current
 * value differs from it, unless Webex already holds exactly the admin's new value. Without `original` for a
 * field, a newer `lastModified` makes every such changed field a conflict (we cannot tell what changed).
 */
export function findConflicts(
  current: PersonObject,
  changes: PersonChanges,
  original?: Partial<Record<string, unknown>>,
  lastModified?: string,
): FieldConflict[] {
  const staleRecord = lastModified !== undefined && typeof current.lastModified === "string" && Date.parse(current.lastModified) !== Date.parse(lastModified);
  const out: FieldConflict[] = [];
  for (const [field, yours] of Object.entries(changes)) {
    if (yours === undefined) continue;
    const theirs = current[field];
    if (sameValue(field, theirs, yours)) continue; // already what the admin wants
    const known = original !== undefined && Object.prototype.hasOwnProperty.call(original, field);
    const changedSince = known ? !sameValue(field, theirs, original[field]) : staleRecord;
    if (changedSince) out.push({ field, original: known ? (original[field] ?? null) : null, yours, theirs: theirs ?? null });
  }
  return out;
}
