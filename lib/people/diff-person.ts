import { sameValue } from "./same-value";
import type { PersonChanges } from "./schemas";
import { WRITABLE_PERSON_FIELDS, type WritablePersonField } from "./schemas";

export type PersonRecord = Record<string, unknown>;

/** One field's before → after, as the review dialog and the audit trail show it. */
export interface FieldChange {
  field: WritablePersonField;
  before: unknown;
  after: unknown;
}

/** Writable fields whose values differ between two person objects (absent = null = ""). */
export function diffPerson(before: PersonRecord, after: PersonRecord, fields: readonly string[] = WRITABLE_PERSON_FIELDS): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of fields) {
    const a = before[field];
    const b = after[field];
    if (!sameValue(field, a, b)) out.push({ field: field as WritablePersonField, before: a ?? null, after: b ?? null });
  }
  return out;
}

/** Added/removed IDs of a list field (licenses, roles). */
export function setDiff(before: readonly string[] | undefined, after: readonly string[] | undefined): { added: string[]; removed: string[] } {
  const b = new Set(before ?? []);
  const a = new Set(after ?? []);
  return { added: [...a].filter((id) => !b.has(id)), removed: [...b].filter((id) => !a.has(id)) };
}

/**
 * The changes to send: only fields whose edited value differs from the person as loaded. A field emptied by
 * the admin becomes `null` (clear it); nothing unchanged is ever sent.
 */
export function changesBetween(person: PersonRecord, edited: Partial<Record<WritablePersonField, unknown>>): PersonChanges {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(edited)) {
    if (value === undefined) continue;
    if (sameValue(field, person[field], value)) continue;
    changes[field] = value === "" ? null : value;
  }
  return changes as PersonChanges;
}

/** The admin's starting values for the fields they changed (sent with a PATCH for conflict detection). */
export function originalFor(person: PersonRecord, changes: PersonChanges): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of Object.keys(changes)) out[field] = person[field] ?? null;
  return out;
}
